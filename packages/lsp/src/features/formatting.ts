/**
 * Document formatting with the parser's `formatXl`, the layout of
 * `xlint fmt`: one edit replacing the whole text when it changes. A file
 * with syntax errors is not formatted (formatXl refuses it); the reason is
 * returned for the server to log. The client's tab size and other options
 * are ignored on purpose: the editor must agree with `xlint fmt --check` in CI.
 *
 * Range formatting gives the canonical layout to the statements the range
 * touches and leaves the rest as it is: the whole file is formatted (the
 * layout of a statement does not depend on its neighbours, but formatXl only
 * vouches for whole files), then the lines of those statements are replaced
 * by the lines of the same statements in the output. Statements are paired by
 * their order, which formatting keeps; lines are whole, so statements sharing
 * a line with a touched one (`a = 1; b = 2`) are formatted with it.
 */
import { formatXl, parse, type Statement } from "@xlint/parser";
import type { Range, TextEdit } from "vscode-languageserver";

export type FormattingResult = { readonly edits: TextEdit[] } | { readonly refused: string };

export function formatDocument(text: string): FormattingResult {
  const result = formatXl(text);
  if (!result.ok) return { refused: `${result.reason} (line ${result.line}, column ${result.column})` };
  if (!result.changed) return { edits: [] };
  return { edits: [{ range: { start: { line: 0, character: 0 }, end: endOf(text) }, newText: result.text }] };
}

/** The position after the last character, as LSP counts lines (\n, \r\n or a lone \r end a line). */
function endOf(text: string): { line: number; character: number } {
  const lines = text.split(/\r\n|\r|\n/);
  return { line: lines.length - 1, character: (lines[lines.length - 1] ?? "").length };
}

/** The canonical layout for the statements that `range` touches (see above). */
export function formatRange(text: string, range: Range): FormattingResult {
  const result = formatXl(text);
  if (!result.ok) return { refused: `${result.reason} (line ${result.line}, column ${result.column})` };
  if (!result.changed) return { edits: [] };
  const before = parse(text).file.statements;
  const after = parse(result.text).file.statements;
  // Formatting keeps statements and their order; if that ever fails, do nothing rather than guess.
  if (before.length !== after.length) return { refused: "the formatted file has a different number of statements" };
  const span = touchedStatements(before, range);
  if (span === undefined) return { edits: [] };
  const beforeLines = lineSpan(before, span.first, span.last);
  const afterLines = lineSpan(after, span.first, span.last);
  const oldText = linesOf(text, beforeLines.start, beforeLines.end);
  const newText = linesOf(result.text, afterLines.start, afterLines.end);
  if (oldText === newText) return { edits: [] };
  const lastLine = text.split("\n").length - 1;
  // Up to the start of the next line, or to the end of a last line that has no line break.
  const end = beforeLines.end < lastLine ? { line: beforeLines.end + 1, character: 0 } : endOf(text);
  return { edits: [{ range: { start: { line: beforeLines.start, character: 0 }, end }, newText }] };
}

/** The first and last statement on the lines the range touches, widened to whole lines until stable. */
function touchedStatements(statements: readonly Statement[], range: Range): { first: number; last: number } | undefined {
  let fromLine = range.start.line;
  let toLine = range.end.character === 0 && range.end.line > range.start.line ? range.end.line - 1 : range.end.line;
  let first = -1;
  let last = -1;
  for (;;) {
    first = statements.findIndex((s) => s.range.end.line >= fromLine && s.range.start.line <= toLine);
    if (first === -1) return undefined;
    last = first;
    while (last + 1 < statements.length && (statements[last + 1] as Statement).range.start.line <= toLine) last++;
    const lines = lineSpan(statements, first, last);
    if (lines.start >= fromLine && lines.end <= toLine) return { first, last };
    fromLine = Math.min(fromLine, lines.start);
    toLine = Math.max(toLine, lines.end);
  }
}

function lineSpan(statements: readonly Statement[], first: number, last: number): { start: number; end: number } {
  return { start: (statements[first] as Statement).range.start.line, end: (statements[last] as Statement).range.end.line };
}

/** Lines `start`..`end` of the text, each with its line break (the last line gets one if the text lacks it). */
function linesOf(text: string, start: number, end: number): string {
  const lines = text.split("\n");
  const picked = lines.slice(start, end + 1).join("\n");
  return `${picked}\n`;
}
