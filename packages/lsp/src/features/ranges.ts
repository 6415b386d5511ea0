/** Our ranges (0-based lines, UTF-16 columns, as LSP counts) to LSP's and back. */
import type { Range as XlRange } from "@xlint/parser";
import type { Position, Range } from "vscode-languageserver";
import type { EditorLines } from "./positions";

/** `lines`: the document's editor lines when they differ from the parser's (a lone `\r`, see positions.ts). */
export function toLspRange(range: XlRange, lines?: EditorLines): Range {
  if (lines !== undefined) return { start: lines.position(range.start.offset), end: lines.position(range.end.offset) };
  return { start: { line: range.start.line, character: range.start.column }, end: { line: range.end.line, character: range.end.column } };
}

/** Whether two LSP ranges share a point (touching counts: a cursor at a finding's end is on it). */
export function rangesTouch(a: Range, b: Range): boolean {
  return !(comparePositions(a.end, b.start) < 0 || comparePositions(b.end, a.start) < 0);
}

export function comparePositions(a: Position, b: Position): number {
  return a.line === b.line ? a.character - b.character : a.line - b.line;
}
