/**
 * Every navigation feature over every config of test-corpus/ (valid and
 * broken ones), each also cut short at several points, answers without
 * throwing and with data an editor accepts: tokens that neither overlap nor
 * cross a line end, selection chains that grow outwards, folds of at least
 * two lines, symbols with names and their selection inside their range,
 * positions inside the document.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { DocumentSymbol, Position, Range } from "vscode-languageserver";
import { describe, expect, it } from "vitest";
import { analyzeDocument } from "../src/features/document-analysis";
import { documentLinks } from "../src/features/document-links";
import { documentSymbols } from "../src/features/document-symbols";
import { foldingRanges } from "../src/features/folding-ranges";
import { inlayHints } from "../src/features/inlay-hints";
import { openDocumentsView } from "../src/features/open-documents-view";
import { referencesAt } from "../src/features/references";
import { selectionRanges } from "../src/features/selection-ranges";
import { semanticTokens } from "../src/features/semantic-tokens";
import { symbolFactsOf } from "../src/features/symbol-facts";
import { workspaceSymbols } from "../src/features/workspace-symbols";

const CORPUS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "test-corpus");

function configs(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? configs(path.join(dir, e.name)) : e.name.endsWith(".cfg") ? [path.join(dir, e.name)] : []));
}

/** The editor's lines (a lone \r ends one too). */
const editorLines = (text: string): string[] => text.split(/\r\n|\r|\n/);
const before = (a: Position, b: Position): boolean => a.line < b.line || (a.line === b.line && a.character <= b.character);
const inside = (inner: Range, outer: Range): boolean => before(outer.start, inner.start) && before(inner.end, outer.end);

function checkTokens(text: string, data: readonly number[]): void {
  expect(data.length % 5).toBe(0);
  const lines = editorLines(text);
  let line = 0;
  let column = 0;
  let lastEnd = 0;
  for (let i = 0; i < data.length; i += 5) {
    const [dl, dc, length] = data.slice(i, i + 3) as [number, number, number];
    expect(dl >= 0 && dc >= 0 && length > 0).toBe(true);
    if (dl === 0) expect(column + dc).toBeGreaterThanOrEqual(lastEnd);
    line += dl;
    column = dl === 0 ? column + dc : dc;
    lastEnd = column + length;
    expect(lastEnd).toBeLessThanOrEqual((lines[line] ?? "").length);
  }
}

function checkSymbols(symbols: readonly DocumentSymbol[]): void {
  for (const symbol of symbols) {
    expect(symbol.name.length).toBeGreaterThan(0);
    expect(inside(symbol.selectionRange, symbol.range)).toBe(true);
    checkSymbols(symbol.children ?? []);
  }
}

const files = configs(CORPUS);
const texts = files.flatMap((file) => {
  const text = readFileSync(file, "utf8");
  return [text, text.slice(0, Math.floor(text.length / 3)), text.slice(0, Math.floor(text.length / 2) + 1), text.slice(0, text.length - 2)];
});

describe("navigation over test-corpus", () => {
  it("has configs to read", () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it("answers every feature with well-formed data", () => {
    const analyses = texts.map((text) => analyzeDocument(text, "guest.cfg"));
    const view = openDocumentsView(() => analyses.map((analysis, i) => ({ uri: `file:///corpus/${i}.cfg`, path: `${i}.cfg`, analysis: () => analysis })));
    expect(workspaceSymbols(view, "").length).toBeGreaterThan(0);
    analyses.forEach((analysis, i) => {
      const text = analysis.text;
      const lineCount = editorLines(text).length;
      checkTokens(text, semanticTokens(analysis).data);
      checkSymbols(documentSymbols(analysis));
      for (const fold of foldingRanges(analysis)) expect(fold.startLine < fold.endLine && fold.endLine < lineCount).toBe(true);
      for (const link of documentLinks(analysis)) expect(link.target).toMatch(/^file:\/\/\//);
      for (const hint of inlayHints(analysis)) expect(hint.position.line).toBeLessThan(lineCount);
      const offsets = Array.from({ length: 40 }, (_, k) => Math.floor((k * text.length) / 39));
      for (const selection of selectionRanges(analysis, offsets)) {
        for (let s = selection; s.parent !== undefined; s = s.parent) expect(inside(s.range, s.parent.range) && JSON.stringify(s.range) !== JSON.stringify(s.parent.range)).toBe(true);
      }
      for (const fact of symbolFactsOf(analysis)) {
        const references = referencesAt({ analysis, uri: `file:///corpus/${i}.cfg`, offset: fact.place.startOffset, workspace: view, includeDeclaration: true }) ?? [];
        expect(references).toContainEqual({ uri: `file:///corpus/${i}.cfg`, range: { start: { line: fact.place.startLine, character: fact.place.startColumn }, end: { line: fact.place.endLine, character: fact.place.endColumn } } });
      }
    });
  });
});
