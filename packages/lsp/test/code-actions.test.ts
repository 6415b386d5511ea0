import { allRules, lintFiles } from "@xlint/linter";
import { CodeActionKind } from "vscode-languageserver";
import { describe, expect, it } from "vitest";
import { codeActionsFor } from "../src/features/code-actions";
import { GUEST_A, GUEST_B } from "./fixtures";

const URI = "file:///ws/a.cfg";
const diagnosticOptions = { docsBase: "file:///docs/rules/", uriOfPath: () => undefined };

function actionsAt(text: string, line: number, options: { only?: string[]; other?: string } = {}) {
  const inputs = [{ path: "a.cfg", text }, ...(options.other === undefined ? [] : [{ path: "b.cfg", text: options.other }])];
  const findings = lintFiles(inputs, { rules: allRules })[0]?.diagnostics ?? [];
  const range = { start: { line, character: 0 }, end: { line, character: 200 } };
  return codeActionsFor({ uri: URI, text, findings, range, only: options.only, diagnosticOptions });
}

describe("codeActionsFor", () => {
  it("offers a finding's safe fix as the preferred quick fix", () => {
    const actions = actionsAt(GUEST_A, 2);
    const fix = actions.find((a) => a.isPreferred === true);
    expect(fix).toMatchObject({ kind: CodeActionKind.QuickFix, diagnostics: [{ code: "duplicate-key" }] });
    expect(fix?.edit?.changes?.[URI]?.length).toBeGreaterThan(0);
    expect(actions[0]).toBe(fix);
  });

  it("says so in the title of a fix that may change what xl builds", () => {
    const actions = actionsAt('name = "g"\nmemory = 512\nkernel = "/boot/vmlinuz"\nvcpu = 2\n', 3);
    const rename = actions.find((a) => a.title.includes("vcpus"));
    expect(rename?.isPreferred).toBe(false);
    expect(rename?.title).toContain("may change what xl builds");
  });

  it("offers comments that disable the rule for the line and for the file", () => {
    const text = 'name = "g"\nmemory = 512\nkernel = "/boot/vmlinuz"\n  vcpu = 2\n';
    const actions = actionsAt(text, 3);
    const line = actions.find((a) => a.title === "Disable unknown-key for this line");
    expect(line?.edit?.changes?.[URI]).toEqual([
      { range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, newText: "  # xlint-disable-next-line unknown-key -- reason\n" },
    ]);
    const file = actions.find((a) => a.title === "Disable unknown-key for this file");
    expect(file?.edit?.changes?.[URI]).toEqual([{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: "# xlint-disable unknown-key -- reason\n" }]);
  });

  it("writes comments the linter reads: the finding is gone once applied", () => {
    const text = 'name = "g"\nmemory = 512\nkernel = "/boot/vmlinuz"\nvcpu = 2\n';
    const edit = actionsAt(text, 3).find((a) => a.title === "Disable unknown-key for this line")?.edit?.changes?.[URI]?.[0];
    const lines = text.split("\n");
    lines.splice(edit?.range.start.line ?? 0, 0, (edit?.newText ?? "").replace(/\n$/, ""));
    const after = lintFiles([{ path: "a.cfg", text: lines.join("\n") }], { rules: allRules })[0]?.diagnostics ?? [];
    expect(after.filter((d) => d.rule === "unknown-key" || d.rule === "unused-suppression")).toEqual([]);
  });

  it("adds the rule to a disable-next-line comment already above the line", () => {
    const text = 'name = "g"\nmemory = 512\nkernel = "/boot/vmlinuz"\n# xlint-disable-next-line duplicate-key -- old\nvcpu = 2\n';
    const edit = actionsAt(text, 4).find((a) => a.title === "Disable unknown-key for this line")?.edit?.changes?.[URI];
    expect(edit).toEqual([{ range: { start: { line: 3, character: 39 }, end: { line: 3, character: 39 } }, newText: ", unknown-key" }]);
    const after = text.replace("duplicate-key -- old", "duplicate-key, unknown-key -- old");
    const findings = lintFiles([{ path: "a.cfg", text: after }], { rules: allRules })[0]?.diagnostics ?? [];
    expect(findings.some((d) => d.rule === "unknown-key")).toBe(false);
  });

  it("offers to disable a cross-file finding, which has no fix", () => {
    const actions = actionsAt(GUEST_A, 4, { other: GUEST_B });
    expect(actions.map((a) => a.title)).toContain("Disable duplicate-mac for this line");
  });

  it("offers one comment per rule and line, however many findings share them", () => {
    const text = 'name = "g"\nmemory = 512\nkernel = "/boot/vmlinuz"\nvcpu = 2; maxvcpu = 4\n';
    const titles = actionsAt(text, 3).map((a) => a.title);
    expect(titles.filter((t) => t === "Disable unknown-key for this line")).toHaveLength(1);
    expect(titles.filter((t) => t === "Disable unknown-key for this file")).toHaveLength(1);
  });

  it("never offers to hide a syntax error", () => {
    const actions = actionsAt('name = "g"\nmemory = = 1\n', 1);
    expect(actions.some((a) => a.title.includes("syntax"))).toBe(false);
  });

  it("offers nothing when the client asks for other kinds", () => {
    expect(actionsAt(GUEST_A, 2, { only: [CodeActionKind.Refactor] })).toEqual([]);
  });
});
