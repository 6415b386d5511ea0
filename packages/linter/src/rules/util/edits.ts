/** Text edits shared by rule fixes. */
import type { Range } from "@xlint/parser";
import type { TextEdit } from "../../engine/types";

const isBlank = (ch: string | undefined): boolean => ch === " " || ch === "\t";

/**
 * Removes a statement. When it has its line to itself (a trailing `;` or
 * comment included), the whole line goes; otherwise only the statement and
 * its `;`, so a neighbour on the same line stays intact.
 */
export function removeStatement(text: string, range: Range): TextEdit {
  let start = range.start.offset;
  let end = range.end.offset;
  while (isBlank(text[end])) end++;
  if (text[end] === ";") end++;
  let lineStart = start;
  while (lineStart > 0 && isBlank(text[lineStart - 1])) lineStart--;
  const startsLine = lineStart === 0 || text[lineStart - 1] === "\n";
  let rest = end;
  while (isBlank(text[rest])) rest++;
  if (text[rest] === "#") while (rest < text.length && text[rest] !== "\n") rest++;
  const endsLine = rest >= text.length || text[rest] === "\n";
  if (startsLine && endsLine) return { start: lineStart, end: Math.min(text.length, rest + 1), newText: "" };
  while (isBlank(text[end])) end++;
  return { start, end, newText: "" };
}

export function replaceRange(range: Range, newText: string): TextEdit {
  return { start: range.start.offset, end: range.end.offset, newText };
}

/** `line N` as people read it (1-based). */
export function lineOf(range: Range): string {
  return `line ${range.start.line + 1}`;
}
