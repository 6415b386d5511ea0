import { formatXl } from "@xlint/parser";
import { describe, expect, it } from "vitest";
import { formatDocument } from "../src/features/formatting";

describe("formatDocument", () => {
  it("replaces the whole text with formatXl's layout", () => {
    const text = 'name="g"\nmemory   =  512\nvif=["bridge=xenbr0",]';
    const expected = formatXl(text);
    const result = formatDocument(text);
    expect(expected.ok).toBe(true);
    expect(result).toEqual({ edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 2, character: 22 } }, newText: expected.ok ? expected.text : "" }] });
  });

  it("changes nothing in a formatted file", () => {
    expect(formatDocument('name = "g"\nmemory = 512\n')).toEqual({ edits: [] });
  });

  it("refuses a file with syntax errors, saying where", () => {
    const result = formatDocument("memory = = 1\n");
    expect("refused" in result && result.refused).toMatch(/line 1/);
  });
});
