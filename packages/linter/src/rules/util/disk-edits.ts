/**
 * Fixes inside disk spec strings. A spec's characters map to the file through
 * its string's escapes; an edit is offered only where the characters it
 * touches are written as themselves, so replacing them cannot break an escape.
 */
import { detachedSpecText, DISK_FLAGS, DISK_KEYS, fileOffsetOf, parseDiskSpec, type Span, type SpecText } from "@xlint/parser";
import type { TextEdit } from "../../engine/types";
import type { DiskEntry } from "./disk-entries";

/** The edit replacing `span` of the spec with `newText`, or undefined when the file spells those characters with escapes. */
export function specEdit(spec: SpecText, span: Span, newText: string): TextEdit | undefined {
  // Numbers in a list have no quotes to put new text between.
  if (!spec.quoted) return undefined;
  if (/[\\'"\n\r]/.test(newText)) return undefined;
  const start = fileOffsetOf(spec, span.start);
  const end = fileOffsetOf(spec, span.end);
  if (end - start !== span.end - span.start) return undefined;
  return { start, end, newText };
}

/** The whole spec after an edit of its characters, to re-read it before offering a fix. */
export function specAfter(spec: SpecText, span: Span, newText: string): string {
  return spec.text.slice(0, span.start) + newText + spec.text.slice(span.end);
}

/** Whether `after` reads as the same disk as the entry (every field libxl gets). */
export function sameDisk(entry: DiskEntry, after: string): boolean {
  const reread = parseDiskSpec(detachedSpecText(after));
  return reread.accepted && entry.result.accepted && JSON.stringify(reread.disk) === JSON.stringify(entry.result.disk);
}

const KNOWN_KEYS: readonly string[] = [...DISK_KEYS, "devtype"];
const KNOWN_FLAGS: readonly string[] = DISK_FLAGS;

/** Where, inside a `target=` value, the first thing that reads as another disk field starts (after a comma). */
function swallowedFieldAt(value: string): number | undefined {
  let at = value.indexOf(",");
  while (at >= 0) {
    const rest = value.slice(at + 1);
    const field = rest.split(",")[0] ?? "";
    const key = /^\s*([a-z][-a-z]*)=/.exec(field)?.[1];
    if ((key !== undefined && KNOWN_KEYS.includes(key)) || KNOWN_FLAGS.includes(field.trim())) return at;
    at = value.indexOf(",", at + 1);
  }
  return undefined;
}

export interface SwallowedTarget {
  /** The `target=` token, from `t` to the end of its value. */
  readonly token: Span;
  /** The part of the value that looks like the real path. */
  readonly path: string;
  /** The fields xl took as part of the path (from the first one to the end of the value). */
  readonly swallowed: Span;
}

/** A `target=` that swallowed later fields: what was probably the path, and what was swallowed. */
export function swallowedByTarget(entry: DiskEntry): SwallowedTarget | undefined {
  const token = entry.result.tokens.find((t) => t.kind === "target");
  if (!token?.valueSpan) return undefined;
  const value = entry.spec.text.slice(token.valueSpan.start, token.valueSpan.end);
  const comma = swallowedFieldAt(value);
  if (comma === undefined) return undefined;
  return {
    token: { start: token.span.start, end: token.valueSpan.end },
    path: value.slice(0, comma),
    swallowed: { start: token.valueSpan.start + comma + 1, end: token.valueSpan.end },
  };
}

/**
 * Moves `target=PATH` after the fields it swallowed: `target=/a,vdev=xvda`
 * becomes `vdev=xvda,target=/a`; offered only when xl accepts the result.
 */
export function moveTargetLast(entry: DiskEntry, found: SwallowedTarget): TextEdit | undefined {
  const fields = entry.spec.text.slice(found.swallowed.start, found.swallowed.end).replace(/,\s*$/, "");
  const moved = `${fields},target=${found.path}`;
  // A second `target=` among the fields leaves it unclear which path was meant.
  const reread = parseDiskSpec(detachedSpecText(specAfter(entry.spec, found.token, moved)));
  if (!reread.accepted || reread.disk.target !== found.path) return undefined;
  return specEdit(entry.spec, found.token, moved);
}
