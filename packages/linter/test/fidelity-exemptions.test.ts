/**
 * The fidelity test's exemptions (fidelity/exemptions.ts) cover one problem of
 * one rule each: a different error from an exempt rule still counts as a false
 * error; and each exemption still matches a real message of its rule (taken
 * from the rule's documented examples), so none goes stale when a message
 * changes.
 */
import { describe, expect, it } from "vitest";
import { allRules, DEFAULT_HOST, exampleFileName, lintFiles } from "../src/index";
import { EXEMPTIONS, exemptionFor } from "./fidelity/exemptions";
import { falseErrors, unexplainedErrors, type Case } from "./fidelity/figures";

const accepted = (findings: Case["findings"]): Case => ({ group: "corpus", id: "t", text: "", xl: { verdict: "accepted", exit: 0, messages: [] }, findings });
const warned = (findings: Case["findings"]): Case => ({ group: "corpus", id: "t", text: "", xl: { verdict: "warned", exit: 0, messages: ["warning"] }, findings });

describe("fidelity exemptions", () => {
  it("cover the problem they name, not the whole rule", () => {
    const covered = { rule: "duplicate-mac", severity: "error" as const, line: 1, message: "MAC `00:16:3e:00:00:01` is also used at line 7" };
    const other = { ...covered, message: "MAC `00:16:3e:00:00:01` is refused by libxl for a new reason" };
    expect(falseErrors(accepted([covered]), EXEMPTIONS)).toEqual([]);
    expect(falseErrors(accepted([other]), EXEMPTIONS)).toEqual([other]);
    expect(unexplainedErrors(warned([other]), EXEMPTIONS)).toEqual([other]);
  });

  it("never excuse an error about a value xl drops on a config xl accepts without a word", () => {
    const dropped = { rule: "wrong-value-shape", severity: "error" as const, line: 1, message: "`vif` is a single value, but xl reads a list for it and drops it" };
    expect(exemptionFor(dropped)?.kind).toBe("dropped");
    expect(falseErrors(accepted([dropped]), EXEMPTIONS)).toEqual([dropped]);
    expect(unexplainedErrors(warned([dropped]), EXEMPTIONS)).toEqual([]);
  });

  it("each cite a Xen source file and function", () => {
    for (const e of EXEMPTIONS) expect(e.source, `${e.rule}: ${e.problem.source}`).toMatch(/\b[\w/-]+\.(c|h)\b.*\b[a-z_]{4,}\b|tools\/hotplug\//);
  });

  for (const exemption of EXEMPTIONS) {
    it(`${exemption.rule} /${exemption.problem.source.slice(0, 50)}…/ matches one of the rule's documented findings`, () => {
      const rule = allRules.find((r) => r.id === exemption.rule);
      expect(rule, `no rule ${exemption.rule}`).toBeDefined();
      const messages = (rule?.docs.invalid ?? []).flatMap((example) => {
        const inputs = [{ path: exampleFileName(example), text: example.config, kind: example.kind }, ...Object.entries(example.otherFiles ?? {}).map(([path, text]) => ({ path, text }))];
        const [result] = lintFiles(inputs, { rules: allRules, host: { ...DEFAULT_HOST, ...example.host } });
        return (result?.diagnostics ?? []).filter((d) => d.rule === exemption.rule).map((d) => d.message);
      });
      expect(messages.some((m) => exemption.problem.test(m)), `none of ${JSON.stringify(messages)}`).toBe(true);
    });
  }
});
