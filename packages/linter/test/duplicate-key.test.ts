import { describe, expect, it } from "vitest";
import { evaluate, parse } from "@xlint/parser";
import { lintText } from "../src";

const findings = (text: string) => lintText(text).diagnostics.filter((d) => d.rule === "duplicate-key");
const applyFix = (text: string, edits: readonly { start: number; end: number; newText: string }[]) =>
  [...edits].sort((a, b) => b.start - a.start).reduce((t, e) => t.slice(0, e.start) + e.newText + t.slice(e.end), text);

describe("duplicate-key", () => {
  it("reports each overriding `=` once, pointing at what it drops", () => {
    const text = 'memory = 1\nmemory = 2\nmemory += "3"\nmemory = 4\n';
    const found = findings(text);
    expect(found.map((d) => d.range.start.line)).toEqual([1, 3]);
    expect(found[1]!.related.map((r) => r.range.start.line)).toEqual([1, 2]);
    expect(found[0]!.message).toContain("dropping `1` from line 1");
  });

  it("its fix leaves exactly the settings xl reads, and a second run finds nothing", () => {
    const text = 'name = "a" # first\nvcpus = 1; memory = 1\nmemory = 2 # keep\nvcpus = 2\n';
    // Edits of separate findings never overlap, so they can be applied together.
    const fixed = applyFix(text, findings(text).flatMap((d) => d.fix!.edits));
    expect(fixed).toBe('name = "a" # first\n\nmemory = 2 # keep\nvcpus = 2\n');
    const valuesOf = (t: string) => Object.fromEntries([...evaluate(parse(t).file).settings].map(([k, s]) => [k, s.value.kind === "string" ? s.value.value : "list"]));
    expect(valuesOf(fixed)).toEqual(valuesOf(text));
    expect(findings(fixed)).toEqual([]);
  });

  it("does not report `+=`", () => {
    expect(findings('disk = ["a"]\ndisk += ["b"]\n')).toEqual([]);
  });
});
