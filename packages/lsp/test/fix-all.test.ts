import { allRules, fixInputs, lintFiles } from "@xlint/linter";
import { describe, expect, it } from "vitest";
import { codeActionsFor } from "../src/features/code-actions";
import { FIX_ALL_KIND, fixAllAction, minimalEdit } from "../src/features/fix-all";
import { GUEST_A } from "./fixtures";

const URI = "file:///ws/a.cfg";
const diagnosticOptions = { docsBase: "file:///docs/rules/", uriOfPath: () => undefined };

/** Applies one LSP edit the way an editor does (lines end at \n, \r\n or a lone \r). */
function applyEdit(text: string, edit: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "\r" && text[i + 1] === "\n") i++;
    if (text[i] === "\n" || text[i] === "\r") starts.push(i + 1);
  }
  const at = (p: { line: number; character: number }): number => (starts[p.line] as number) + p.character;
  return text.slice(0, at(edit.range.start)) + edit.newText + text.slice(at(edit.range.end));
}

describe("fix all", () => {
  it("gives the text xlint --fix writes, as one edit of the changed part", () => {
    const text = `${GUEST_A}on-crash = "destroy"\n`;
    const input = { path: "a.cfg", text };
    const action = fixAllAction({ uri: URI, input, rules: allRules });
    const expected = fixInputs([input], { rules: allRules, unsafe: false, context: [] }).fixed[0];
    expect(expected).toBeDefined();
    expect(action?.kind).toBe(FIX_ALL_KIND);
    const edits = action?.edit?.changes?.[URI] ?? [];
    expect(edits).toHaveLength(1);
    expect(applyEdit(text, edits[0] as (typeof edits)[number])).toBe(expected?.text);
    expect(edits[0]?.range.start.line).toBeGreaterThan(0); // the untouched head stays
    expect(action?.title).toMatch(/^Fix all safe xlint problems \(\d+ fix(es)?\)$/);
  });

  it("applies safe fixes only", () => {
    // `vcpu` → `vcpus` is unsafe (xl would then read a value it ignored): fix-all leaves it.
    const text = 'name = "g"\nmemory = 512\nkernel = "/boot/vmlinuz"\nvcpu = 2\n';
    expect(fixAllAction({ uri: URI, input: { path: "a.cfg", text }, rules: allRules })).toBeUndefined();
  });

  it("is offered in the menu only when a safe fix exists, and always when asked for by kind", () => {
    const fixable = `${GUEST_A}`;
    const clean = 'name = "g"\nmemory = 512\nkernel = "/boot/vmlinuz"\n';
    const actions = (text: string, only?: string[]) => {
      const findings = lintFiles([{ path: "a.cfg", text }], { rules: allRules })[0]?.diagnostics ?? [];
      const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
      return codeActionsFor({ uri: URI, text, findings, range, only, diagnosticOptions, fixAll: () => fixAllAction({ uri: URI, input: { path: "a.cfg", text }, rules: allRules }) });
    };
    expect(actions(fixable).some((a) => a.kind === FIX_ALL_KIND)).toBe(true);
    expect(actions(clean).some((a) => a.kind === FIX_ALL_KIND)).toBe(false);
    expect(actions(fixable, ["source.fixAll"]).map((a) => a.kind)).toEqual([FIX_ALL_KIND]);
    expect(actions(fixable, ["quickfix"]).some((a) => a.kind === FIX_ALL_KIND)).toBe(false);
  });
});

describe("minimalEdit", () => {
  const cases: [string, string][] = [
    ["abc\ndef\n", "abc\nxyz\n"],
    ["same", "same"],
    ["", "new\n"],
    ["a\r\nb", "a\nb"],
    ["x😀y", "x😁y"],
    ["one\rtwo\nthree", "one\rTWO\nthree"],
    ["aaaa", "aa"],
  ];
  it.each(cases)("turns %j into %j", (before, after) => {
    const edit = minimalEdit(before, after);
    expect(applyEdit(before, edit)).toBe(after);
  });

  it("never splits a surrogate pair", () => {
    const edit = minimalEdit("x😀y", "x😁y");
    expect(edit.newText).toBe("😁");
  });
});
