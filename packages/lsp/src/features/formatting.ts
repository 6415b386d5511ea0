/**
 * Document formatting with the parser's `formatXl`, the layout of
 * `xlint fmt`: one edit replacing the whole text when it changes. A file
 * with syntax errors is not formatted (formatXl refuses it); the reason is
 * returned for the server to log. The client's tab size and other options
 * are ignored on purpose: the editor must agree with `xlint fmt --check` in CI.
 */
import { formatXl } from "@xlint/parser";
import type { TextEdit } from "vscode-languageserver";

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
