/**
 * What the vif rules share beyond the parsed entries (`net-vifs.ts`): the
 * parser's problems picked by code, and edits inside a
 * vif string (replace a span, drop an item with its comma).
 */
import { detachedSpecText, parseVifSpec, type Span, type SpecProblem } from "@xlint/parser";
import type { TextEdit } from "../../engine/types";
import { specEdit } from "./disk-edits";
import type { VifEntry } from "./net-vifs";

/** The entry's problems with one of these codes, in spec order. */
export function problemsOf(entry: VifEntry, codes: readonly string[]): SpecProblem[] {
  return entry.vif.problems.filter((p) => codes.includes(p.code));
}

/** The edit replacing `span` of the vif string, or undefined when the file spells those characters with escapes. */
export function vifEdit(entry: VifEntry, span: Span, newText: string): TextEdit | undefined {
  return specEdit(entry.spec, span, newText);
}

/**
 * The edit removing item `index` of the vif (as xl splits it) together with
 * the commas and spaces that follow it (or, for the last item, precede it),
 * so that the rest of the spec reads as before.
 */
export function removeItemEdit(entry: VifEntry, index: number): TextEdit | undefined {
  const tokens = entry.vif.tokens;
  const token = tokens[index];
  if (!token) return undefined;
  const previous = tokens[index - 1];
  const next = tokens[index + 1];
  // Up to the next item when there is one, so that removing several items gives edits that do not overlap.
  const span: Span = next ? { start: token.span.start, end: next.span.start } : previous ? { start: previous.span.end, end: token.span.end } : token.span;
  return vifEdit(entry, span, "");
}

/** Whether xl recognises this item (a `key=` it knows, or `trusted`/`untrusted`). */
export function recognisedItem(text: string): boolean {
  if (text.includes(",")) return false;
  const token = parseVifSpec(detachedSpecText(text)).tokens[0];
  return token?.key !== undefined && (token.value !== undefined || token.key === "trusted" || token.key === "untrusted");
}

/** Whether the text is only blanks (what xl skips or ignores harmlessly). */
export function isBlank(text: string): boolean {
  return /^[ \t]*$/.test(text);
}
