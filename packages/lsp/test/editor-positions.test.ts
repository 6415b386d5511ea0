/**
 * The navigation features place everything as the editor counts lines: a
 * lone `\r` (which xl refuses, and which editors count as a line end) moves
 * what follows it to the next line for the client, not for the parser.
 */
import { describe, expect, it } from "vitest";
import { analyzeDocument } from "../src/features/document-analysis";
import { documentSymbols } from "../src/features/document-symbols";
import { inlayHints } from "../src/features/inlay-hints";
import { semanticTokens } from "../src/features/semantic-tokens";
import { symbolFactsOf } from "../src/features/symbol-facts";

// Editor lines: 0 "# one", 1 "two", 2 'name = "g"; memory = 512'.
const TEXT = '# one\rtwo\nname = "g"; memory = 512\n';

describe("positions after a lone carriage return", () => {
  const analysis = analyzeDocument(TEXT, "g.cfg");

  it("puts symbol facts, document symbols and hints on the editor's line", () => {
    expect(symbolFactsOf(analysis)[0]).toMatchObject({ kind: "guest-name", value: "g", place: { startLine: 2, startColumn: 8, endLine: 2, endColumn: 9 } });
    expect(documentSymbols(analysis)[0]?.selectionRange).toEqual({ start: { line: 2, character: 0 }, end: { line: 2, character: 4 } });
    expect(inlayHints(analysis).find((h) => h.label === "0.5 GiB")?.position).toEqual({ line: 2, character: 24 });
  });

  it("splits a token at the lone \\r", () => {
    const data = semanticTokens(analysis).data;
    // "# one" on line 0, "two" on line 1, then `name` at the start of line 2.
    expect(data.slice(0, 15)).toEqual([0, 0, 5, 3, 0, 1, 0, 3, 3, 0, 1, 0, 4, 0, 0]);
  });
});
