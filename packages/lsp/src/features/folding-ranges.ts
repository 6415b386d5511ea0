/**
 * Folding ranges: lists that span lines (nested ones too) and runs of two or
 * more comment lines. A list folds up to the line before its `]` when the
 * bracket starts its own line (so the bracket stays in view, as editors fold
 * JSON), else through the bracket's line.
 */
import { FoldingRangeKind, type FoldingRange } from "vscode-languageserver";
import type { Value } from "@xlint/parser";
import { assignmentsOf, type DocumentAnalysis } from "./document-analysis";
import { editorPosition } from "./editor-positions";

export function foldingRanges(analysis: DocumentAnalysis): FoldingRange[] {
  const ranges: FoldingRange[] = [];
  for (const assignment of assignmentsOf(analysis)) addListFolds(analysis, assignment.value, ranges);
  addCommentFolds(analysis, ranges);
  return ranges.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}

function addListFolds(analysis: DocumentAnalysis, value: Value | undefined, out: FoldingRange[]): void {
  if (value?.kind !== "list") return;
  const start = editorPosition(analysis, value.range.start.offset);
  const end = editorPosition(analysis, value.range.end.offset);
  if (end.line > start.line) {
    // `end.character - 1` characters before the `]` on its line: blanks only when the bracket starts the line.
    const closer = value.range.end.offset - 1;
    const closerStartsLine = analysis.text[closer] === "]" && analysis.text.slice(closer - (end.character - 1), closer).trim() === "";
    const endLine = closerStartsLine ? end.line - 1 : end.line;
    if (endLine > start.line) out.push({ startLine: start.line, endLine });
  }
  for (const item of value.items) addListFolds(analysis, item, out);
}

/** Comments alone on consecutive lines (a comment after a value does not start a run). */
function addCommentFolds(analysis: DocumentAnalysis, out: FoldingRange[]): void {
  let runStart: number | undefined;
  let runEnd = -1;
  const close = (): void => {
    if (runStart !== undefined && runEnd > runStart) out.push({ startLine: runStart, endLine: runEnd, kind: FoldingRangeKind.Comment });
    runStart = undefined;
  };
  for (const comment of analysis.parse.file.comments) {
    const { offset } = comment.range.start;
    const { line, character } = editorPosition(analysis, offset);
    const ownLine = analysis.text.slice(offset - character, offset).trim() === "";
    if (!ownLine) {
      close();
      continue;
    }
    if (runStart !== undefined && line === runEnd + 1) runEnd = line;
    else {
      close();
      runStart = line;
      runEnd = line;
    }
  }
  close();
}
