import { formatXl } from "@xlint/parser";
import { describe, expect, it } from "vitest";
import { formatDocument, formatRange } from "../src/features/formatting";

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

describe("formatRange", () => {
  const apply = (text: string, edits: readonly { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]): string => {
    const lines = text.split("\n");
    const offset = (p: { line: number; character: number }): number => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
    let out = text;
    for (const e of [...edits].reverse()) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(Math.min(out.length, offset(e.range.end)));
    return out;
  };

  it("formats the statements the range touches and nothing else", () => {
    const text = 'name  =  "g"\nmemory   =  512\nvcpus=2\n';
    const result = formatRange(text, { start: { line: 1, character: 3 }, end: { line: 1, character: 3 } });
    expect("edits" in result && apply(text, result.edits)).toBe('name  =  "g"\nmemory = 512\nvcpus=2\n');
  });

  it("takes a multi-line list whole, with the comments inside it", () => {
    const text = 'name="g"\nvif=[ "bridge=xenbr0" , # first\n  "bridge=xenbr1"]\nmemory=1\n';
    const result = formatRange(text, { start: { line: 2, character: 0 }, end: { line: 2, character: 1 } });
    const expected = formatXl(text);
    expect(expected.ok).toBe(true);
    const vifLines = expected.ok ? expected.text.split("\n").filter((l) => !l.startsWith("name") && !l.startsWith("memory")) : [];
    expect("edits" in result && apply(text, result.edits)).toBe(`name="g"\n${vifLines.join("\n").trimEnd()}\nmemory=1\n`);
  });

  it("formats a statement that shares its line with a touched one", () => {
    const text = "a=1;b=2\nc=3\n";
    const result = formatRange(text, { start: { line: 0, character: 5 }, end: { line: 0, character: 6 } });
    expect("edits" in result && apply(text, result.edits)).toBe("a = 1\nb = 2\nc=3\n");
  });

  it("formats a last line that has no line break, adding the one formatting always ends with", () => {
    const text = "a=1\nb=2";
    const result = formatRange(text, { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } });
    expect("edits" in result && apply(text, result.edits)).toBe("a=1\nb = 2\n");
  });

  it("agrees with whole-document formatting when the range covers everything", () => {
    const text = 'name="g"\nmemory=512 # MiB\n\n\nvif=["mac=00:16:3e:00:00:01",]\n';
    const result = formatRange(text, { start: { line: 0, character: 0 }, end: { line: 5, character: 0 } });
    const expected = formatXl(text);
    expect("edits" in result && apply(text, result.edits)).toBe(expected.ok ? expected.text : "");
  });

  it("refuses a file with errors, changes nothing outside statements", () => {
    expect("refused" in formatRange("memory = = 1\n", { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } })).toBe(true);
    expect(formatRange("# only a comment\n\n\na=1\n", { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } })).toEqual({ edits: [] });
  });
});
