/**
 * Positions as the editor counts them, for the navigation features: the
 * parser's lines and UTF-16 columns, except in a document with a lone `\r`,
 * where the editor starts a line that the parser (like xl) does not, and
 * positions are placed by offset instead (`EditorLines`, positions.ts). The
 * check is done once per analysis.
 */
import type { Range as XlRange } from "@xlint/parser";
import type { Position, Range } from "vscode-languageserver";
import type { DocumentAnalysis } from "./document-analysis";
import { EditorLines } from "./positions";

const linesByAnalysis = new WeakMap<DocumentAnalysis, EditorLines | null>();

function editorLinesOf(analysis: DocumentAnalysis): EditorLines | undefined {
  let lines = linesByAnalysis.get(analysis);
  if (lines === undefined) {
    lines = EditorLines.of(analysis.text) ?? null;
    linesByAnalysis.set(analysis, lines);
  }
  return lines ?? undefined;
}

export function editorPosition(analysis: DocumentAnalysis, offset: number): Position {
  const lines = editorLinesOf(analysis);
  if (lines !== undefined) return lines.position(offset);
  const position = analysis.parse.lines.position(offset);
  return { line: position.line, character: position.column };
}

export function editorRange(analysis: DocumentAnalysis, range: XlRange): Range {
  return editorOffsetsRange(analysis, range.start.offset, range.end.offset);
}

export function editorOffsetsRange(analysis: DocumentAnalysis, start: number, end: number): Range {
  return { start: editorPosition(analysis, start), end: editorPosition(analysis, end) };
}
