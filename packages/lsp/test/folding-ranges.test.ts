import { FoldingRangeKind } from "vscode-languageserver";
import { describe, expect, it } from "vitest";
import { analyzeDocument } from "../src/features/document-analysis";
import { foldingRanges } from "../src/features/folding-ranges";

const foldsOf = (lines: string[]) => foldingRanges(analyzeDocument(lines.join("\n"), "g.cfg"));

describe("foldingRanges", () => {
  it("folds a list that spans lines, keeping a closing bracket on its own line in view", () => {
    expect(foldsOf(['name = "g"', "disk = [", '  "a,xvda,w",', '  "b,xvdb,w",', "]", ""])).toEqual([{ startLine: 1, endLine: 3 }]);
    expect(foldsOf(['vif = [ "bridge=a",', '        "bridge=b" ]', ""])).toEqual([{ startLine: 0, endLine: 1 }]);
  });

  it("does not fold a list on one line, and folds nested lists", () => {
    expect(foldsOf(['vif = [ "bridge=a" ]', ""])).toEqual([]);
    expect(foldsOf(["vsnd = [", "  [ 'card, name=a',", "    'pcm, name=b' ],", "]", ""])).toEqual([
      { startLine: 0, endLine: 2 },
      { startLine: 1, endLine: 2 },
    ]);
  });

  it("folds runs of two or more comment lines, not comments after a value", () => {
    expect(foldsOf(["# one", "# two", "#three", "memory = 1 # not", "# alone", "", "# x", "# y", ""])).toEqual([
      { startLine: 0, endLine: 2, kind: FoldingRangeKind.Comment },
      { startLine: 6, endLine: 7, kind: FoldingRangeKind.Comment },
    ]);
  });

  it("works with CRLF line ends", () => {
    expect(foldsOf(["# a", "# b", "disk = [", '  "a,xvda,w"', "]", ""].map((l) => l).join("\r\n").split("\n"))).toEqual([
      { startLine: 0, endLine: 1, kind: FoldingRangeKind.Comment },
      { startLine: 2, endLine: 3 },
    ]);
  });
});
