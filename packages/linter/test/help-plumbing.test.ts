/**
 * A finding's `help` survives everything a finding goes through in the
 * engine: the file pass and its plain copy, configured severities, inline
 * suppressions, project rules, the baseline and the fix loop. Test rules
 * report a help, so real rules' wording does not matter here.
 */
import { describe, expect, it } from "vitest";
import { applyBaseline, createBaseline, fixInputs, lintFiles, rangeOfFact, type Diagnostic, type FactRange, type FileRule, type ProjectRule, type Rule } from "../src/engine";
import { syntax } from "../src/rules/syntax";
import { unusedSuppression } from "../src/rules/unused-suppression";

const HELP = "Why it matters, and what to do.";

/** Reports every `flagme` with a help and an unsafe fix that renames it; `plain` without a help. */
const flagme: FileRule = {
  id: "flag-me",
  scope: "file",
  severity: "warning",
  category: "suspicious",
  fixable: "unsafe",
  summary: "test rule",
  docs: { description: "test", invalid: [], valid: [] },
  check(context) {
    for (const s of context.parse.file.statements) {
      if (s.kind !== "assignment") continue;
      if (s.key.name === "flagme") {
        context.report({ range: s.key.range, message: "flagged", help: HELP, fix: { title: "Rename", safety: "unsafe", edits: [{ start: s.key.range.start.offset, end: s.key.range.end.offset, newText: "fixed" }] } });
      }
      if (s.key.name === "plain") context.report({ range: s.key.range, message: "plain" });
      if (s.key.name === "stays") context.report({ range: s.key.range, message: "stays", help: HELP });
    }
  },
};

/** A `name` used by more than one file, with a help. */
const sameName: ProjectRule<{ name: string; range: FactRange }> = {
  id: "same-name",
  scope: "project",
  severity: "error",
  category: "correctness",
  fixable: "none",
  summary: "test rule",
  docs: { description: "test", invalid: [], valid: [] },
  collect(file) {
    const name = file.setting("name");
    return name?.value.kind === "string" && name.assignments[0] ? { name: name.value.value, range: file.keep(name.assignments[0].range) } : undefined;
  },
  check(context) {
    const files = [...context.files];
    for (const f of files) {
      if (files.some((o) => o !== f && o.facts.name === f.facts.name)) context.report(f.path, { range: rangeOfFact(f.facts.range), message: "same name", help: `Project ${HELP}` });
    }
  },
};

const rules: Rule[] = [syntax, unusedSuppression, flagme, sameName];
const findingsOf = (diagnostics: readonly Diagnostic[], rule: string): Diagnostic[] => diagnostics.filter((d) => d.rule === rule);

describe("a finding's help", () => {
  it("is kept by the file pass, and absent when the rule gave none", () => {
    const [result] = lintFiles([{ path: "a.cfg", text: "flagme = 1\nplain = 2\n" }], { rules });
    const [flagged, plain] = findingsOf(result?.diagnostics ?? [], "flag-me");
    expect(flagged?.help).toBe(HELP);
    expect(plain && "help" in plain).toBe(false);
  });

  it("is kept under a configured severity and next to a suppressed finding", () => {
    const text = "flagme = 1\n# xlint-disable-next-line flag-me\nflagme = 2\n";
    const [result] = lintFiles([{ path: "a.cfg", text, severities: new Map([["flag-me", "error" as const]]) }], { rules });
    const found = findingsOf(result?.diagnostics ?? [], "flag-me");
    expect(found.map((d) => [d.range.start.line, d.severity, d.help])).toEqual([[0, "error", HELP]]);
    expect(result?.suppressed).toBe(1);
  });

  it("is kept by project rules", () => {
    const results = lintFiles(
      [
        { path: "a.cfg", text: 'name = "web"\n' },
        { path: "b.cfg", text: 'name = "web"\n' },
      ],
      { rules },
    );
    expect(results.flatMap((r) => findingsOf(r.diagnostics, "same-name").map((d) => d.help))).toEqual([`Project ${HELP}`, `Project ${HELP}`]);
  });

  it("is kept by the baseline, which matches on the message alone", () => {
    const before = lintFiles([{ path: "a.cfg", text: "flagme = 1\n" }], { rules })[0]?.diagnostics ?? [];
    const baseline = createBaseline(before);
    expect(baseline.entries.map((e) => Object.keys(e))).toEqual([["path", "rule", "message", "count"]]);
    const after = lintFiles([{ path: "a.cfg", text: "flagme = 1\nflagme = 2\n" }], { rules })[0]?.diagnostics ?? [];
    const { kept, hidden } = applyBaseline(after, baseline);
    expect(hidden).toBe(1);
    expect(kept.map((d) => d.help)).toEqual([HELP]);
  });

  it("is kept by the fix loop's final findings", () => {
    const outcome = fixInputs([{ path: "a.cfg", text: "flagme = 1\nstays = 2\n" }], { rules, unsafe: true, context: [] });
    expect(outcome.fixed[0]?.text).toBe("fixed = 1\nstays = 2\n");
    expect(findingsOf(outcome.results[0]?.diagnostics ?? [], "flag-me").map((d) => [d.message, d.help])).toEqual([["stays", HELP]]);
  });
});
