/**
 * Every rule's documented examples are tests: each invalid example must give
 * at least one finding of that rule, each valid example none. The metadata
 * every rule must carry is checked here too.
 */
import { describe, expect, it } from "vitest";
import { allRules } from "../src/rules";
import { exampleFileName, kindsOf, lintFiles, type RuleExample } from "../src/engine";
import { DEFAULT_HOST } from "../src/engine/host";

function findingsOf(ruleId: string, example: RuleExample): string[] {
  const inputs = [
    // Linted as the kind of file it stands for: an xl.conf example must not meet domain rules.
    { path: exampleFileName(example), text: example.config, kind: example.kind },
    ...Object.entries(example.otherFiles ?? {}).map(([path, text]) => ({ path, text })),
  ];
  const [result] = lintFiles(inputs, { rules: allRules, host: { ...DEFAULT_HOST, ...example.host } });
  return (result?.diagnostics ?? []).filter((d) => d.rule === ruleId).map((d) => `${d.range.start.line + 1}: ${d.message}`);
}

describe("rule metadata", () => {
  it("ids are unique kebab-case", () => {
    const ids = allRules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
  });
  for (const rule of allRules) {
    it(`${rule.id} has a summary, a description and examples both ways`, () => {
      expect(rule.summary.length).toBeGreaterThan(10);
      expect(rule.summary).not.toMatch(/\.$/);
      expect(rule.docs.description.length).toBeGreaterThan(40);
      expect(rule.docs.invalid.length).toBeGreaterThan(0);
      expect(rule.docs.valid.length).toBeGreaterThan(0);
    });
    it(`${rule.id} has examples only of the files it checks`, () => {
      for (const example of [...rule.docs.invalid, ...rule.docs.valid]) expect(kindsOf(rule)).toContain(example.kind ?? "domain");
    });
  }
});

describe("rule examples", () => {
  for (const rule of allRules) {
    rule.docs.invalid.forEach((example, i) => {
      it(`${rule.id}: invalid example ${i + 1} is reported`, () => {
        expect(findingsOf(rule.id, example)).not.toEqual([]);
      });
    });
    rule.docs.valid.forEach((example, i) => {
      it(`${rule.id}: valid example ${i + 1} is clean`, () => {
        expect(findingsOf(rule.id, example)).toEqual([]);
      });
    });
  }
});
