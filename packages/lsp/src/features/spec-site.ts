/**
 * Where the cursor sits inside a device spec: a string item of a `disk`,
 * `vif` or `pci` list. Completion and hover read the spec with the parser's
 * own spec parsers, so they need its text as xl sees it (escapes decoded)
 * mapped back to file offsets (`SpecText`), and the cursor as an index into
 * that text. A string still being typed has no closing quote: the parser
 * keeps it as an invalid value starting with the quote, and it is read up to
 * where the parser stopped.
 */
import { editorOffsetsRange } from "./editor-positions";
import { specTextOf, fileOffsetOf, type Assignment, type SpecText, type Value } from "@xlint/parser";
import type { Range } from "vscode-languageserver";
import { assignmentsOf, type DocumentAnalysis } from "./document-analysis";

export const SPEC_LIST_KEYS = ["disk", "vif", "pci"] as const;
export type SpecListKey = (typeof SPEC_LIST_KEYS)[number];

export interface SpecSite {
  readonly key: SpecListKey;
  readonly assignment: Assignment;
  /** The list item: a string, or an unterminated one (an invalid value starting with a quote). */
  readonly node: Value;
  readonly spec: SpecText;
  /** The cursor as an index into `spec.text` (0 = right after the opening quote). */
  readonly index: number;
}

function isSpecListKey(key: string): key is SpecListKey {
  return (SPEC_LIST_KEYS as readonly string[]).includes(key);
}

/** The spec item of a `disk`, `vif` or `pci` list that holds `offset` strictly inside its quotes. */
export function specSiteAt(analysis: DocumentAnalysis, offset: number): SpecSite | undefined {
  if (analysis.kind !== "domain") return undefined;
  for (const assignment of assignmentsOf(analysis)) {
    const list = assignment.value;
    if (list?.kind !== "list" || !isSpecListKey(assignment.key.name)) continue;
    for (const item of list.items) {
      const spec = specOfItem(item, offset);
      if (spec !== undefined) return { key: assignment.key.name, assignment, node: item, spec, index: indexAtOffset(spec, offset) };
    }
  }
  return undefined;
}

/** The item's spec text when `offset` is inside its quotes. */
function specOfItem(item: Value, offset: number): SpecText | undefined {
  const { start, end } = { start: item.range.start.offset, end: item.range.end.offset };
  if (item.kind === "string") return start < offset && offset < end ? specTextOf(item) : undefined;
  if (item.kind === "invalid" && (item.raw.startsWith('"') || item.raw.startsWith("'"))) {
    // No closing quote: everything after the opening one, as far as the parser took it.
    return start < offset && offset <= end ? { text: item.raw.slice(1), fileOffsets: undefined, base: start + 1 } : undefined;
  }
  return undefined;
}

/** The index of the first character of `spec` at or after the file offset (the end when none is). */
export function indexAtOffset(spec: SpecText, offset: number): number {
  for (let i = 0; i < spec.text.length; i++) if (fileOffsetOf(spec, i) >= offset) return i;
  return spec.text.length;
}

/** The LSP range of spec characters `start` to `end` (indices of `spec.text`). */
export function specRange(analysis: DocumentAnalysis, spec: SpecText, start: number, end: number): Range {
  return editorOffsetsRange(analysis, fileOffsetOf(spec, start), fileOffsetOf(spec, end));
}
