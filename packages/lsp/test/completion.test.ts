import { DEFAULT_HOST } from "@xlint/linter";
import { CompletionItemTag, type CompletionItem } from "vscode-languageserver";
import { describe, expect, it } from "vitest";
import { completeAt, completionSite, keySnippet } from "../src/features/completion";
import { analyzeDocument } from "../src/features/document-analysis";
import { EMPTY_WORKSPACE } from "../src/workspace/workspace-view";

/** Completes where `|` stands in `marked`. */
function complete(marked: string, fileName = "g.cfg"): CompletionItem[] {
  const offset = marked.indexOf("|");
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const line = text.slice(0, offset).split("\n").length - 1;
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  const lineEnd = text.indexOf("\n", offset);
  const lineText = text.slice(lineStart, lineEnd === -1 ? text.length : lineEnd);
  const random = (): number => 0;
  return completeAt({ analysis: analyzeDocument(text, fileName), offset, line, lineText, column: offset - lineStart, host: DEFAULT_HOST, workspace: EMPTY_WORKSPACE, random });
}

const labels = (items: CompletionItem[]) => items.map((i) => i.label);
const sorted = (items: CompletionItem[]) => [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));

describe("key completion", () => {
  it("offers the keys xl reads, with their docs, inserting `key = `", () => {
    const items = complete('name = "g"\nmem|\n');
    const memory = items.find((i) => i.label === "memory");
    expect(memory?.textEdit).toEqual({ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } }, newText: "memory = " });
    expect(memory?.documentation).toMatchObject({ kind: "markdown" });
    expect(labels(items)).not.toContain("cpu_cap"); // an xm key xl never reads
  });

  it("inserts just the key when `=` already follows", () => {
    const items = complete("mem| = 512\n");
    expect(items.find((i) => i.label === "memory")?.textEdit).toMatchObject({ newText: "memory" });
  });

  it("puts the keys of the file's guest type before the others", () => {
    const items = sorted(complete('type = "pv"\n|\n'));
    const order = labels(items);
    // `bootloader` applies to PV guests, `viridian` only to HVM ones.
    expect(order.indexOf("bootloader")).toBeLessThan(order.indexOf("viridian"));
    const hvmItems = labels(sorted(complete('type = "hvm"\n|\n')));
    expect(hvmItems.indexOf("viridian")).toBeLessThan(hvmItems.indexOf("bootloader"));
  });

  it("marks deprecated keys and lists them last", () => {
    const items = sorted(complete("|\n"));
    const builder = items.find((i) => i.label === "builder");
    expect(builder?.tags).toEqual([CompletionItemTag.Deprecated]);
    expect(labels(items).indexOf("builder")).toBeGreaterThan(labels(items).indexOf("vcpus"));
  });

  it("offers nothing in a comment", () => {
    expect(complete("# mem|\n")).toEqual([]);
  });
});

describe("value completion", () => {
  it("offers enum values quoted after `key =`", () => {
    const items = complete("on_crash = |\n");
    expect(labels(items)).toContain("preserve");
    expect(items.find((i) => i.label === "preserve")?.textEdit).toMatchObject({ newText: '"preserve"' });
  });

  it("offers them bare inside a string, replacing what was typed", () => {
    const items = complete('on_crash = "pre|"\n');
    expect(items.find((i) => i.label === "preserve")?.textEdit).toEqual({
      range: { start: { line: 0, character: 12 }, end: { line: 0, character: 15 } },
      newText: "preserve",
    });
  });

  it("offers 1 and 0 for booleans", () => {
    expect(labels(complete("acpi = |\n"))).toEqual(["1", "0"]);
  });

  it("reads the key of a list that spans lines", () => {
    const site = completionSite(analyzeDocument('type = "hvm"\nviridian = [\n    "\n]\n', "g.cfg"), 'type = "hvm"\nviridian = [\n    "'.length, '    "', 5);
    expect(site).toMatchObject({ kind: "value", key: "viridian", inString: true });
  });
});

describe("key snippets", () => {
  it("give list keys their brackets and string keys their quotes, the cursor inside", () => {
    expect(keySnippet({ key: "vif", kind: "spec-list" })).toBe('vif = [ "$1" ]$0');
    expect(keySnippet({ key: "vnuma", kind: "nested-list" })).toBe('vnuma = [ [ "$1" ] ]$0');
    expect(keySnippet({ key: "name", kind: "string" })).toBe('name = "$1"$0');
    expect(keySnippet({ key: "memory", kind: "integer" })).toBeUndefined();
  });

  it("are offered only to clients that take snippets, and not when the `=` is already there", () => {
    const analysis = analyzeDocument('name = "g"\n\n', "g.cfg");
    const base = { analysis, offset: 11, line: 1, lineText: "", column: 0, host: DEFAULT_HOST, workspace: EMPTY_WORKSPACE, random: () => 0.5 };
    const vif = (items: ReturnType<typeof completeAt>) => items.find((i) => i.label === "vif");
    expect(vif(completeAt({ ...base, snippets: true }))).toMatchObject({ insertTextFormat: 2, textEdit: { newText: 'vif = [ "$1" ]$0' } });
    expect(vif(completeAt({ ...base, snippets: false }))?.insertTextFormat).toBeUndefined();
    const before = analyzeDocument('name = "g"\nv = [ ]\n', "g.cfg");
    const withEquals = completeAt({ ...base, analysis: before, lineText: "v = [ ]", column: 1, offset: 12, snippets: true });
    expect(vif(withEquals)?.textEdit).toMatchObject({ newText: "vif" });
  });
});
