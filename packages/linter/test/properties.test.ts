/**
 * Property tests of the linter (fast-check, fixed seeds): over configs made
 * of the catalog's keys and spec pieces, and over the fuzzer's own cases,
 *   - lintFiles with every rule never throws, and every finding's range,
 *     related place and fix edit lies inside the text (line and column
 *     agreeing with the offset), findings in order;
 *   - the fix loop `--fix --unsafe-fixes` runs (lint, apply, re-lint, at most
 *     10 passes) never adds a syntax error, reaches a point where nothing is
 *     left to apply, and a second round on its result changes nothing.
 * `npm run fuzz` runs the same checks (fuzz/checks.ts) on a million cases.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { xlConfig } from "../../parser/test/xl-arbitraries";
import { allOptions, allXlConfOptions, type FileKind } from "../src/index";
import { FUZZ_HOSTS, runCase, type FuzzCase, type HostName } from "./fuzz/checks";
import { makeCase } from "./fuzz/inputs";
import { findingViolations, fixRounds, lint } from "./fuzz/lint-stages";
import { loadPool, SPEC_FRAGMENTS } from "./fuzz/sources";

const SEED = 0x11_2026;

const keys = [...allOptions().map((o) => o.key), ...allXlConfOptions().map((o) => o.key), "memroy", "on-crash", "Name", "vif2"];
const configs: fc.Arbitrary<FuzzCase> = fc.record({
  text: xlConfig({ keys, fragments: SPEC_FRAGMENTS }),
  encoding: fc.constant("utf8" as const),
  kind: fc.constantFrom<FileKind>("domain", "domain", "domain", "xl-conf", "cpupool"),
  host: fc.constantFrom(...(Object.keys(FUZZ_HOSTS) as HostName[])),
});

describe("lintFiles with every rule", () => {
  it("never throws and keeps every finding inside the text", () => {
    let findings = 0;
    fc.assert(
      fc.property(configs, (c) => {
        const diagnostics = lint(c, c.text);
        findings += diagnostics.length;
        expect(findingViolations(c.text, diagnostics)).toEqual([]);
      }),
      { seed: SEED, numRuns: 1500 },
    );
    // The configs must reach the rules, not stop at the parser.
    expect(findings).toBeGreaterThan(1500);
  });
});

describe("the fix loop", () => {
  it("never adds a syntax error, ends with nothing to apply, and a second round changes nothing", () => {
    let fixed = 0;
    fc.assert(
      fc.property(configs, (c) => {
        const outcome = fixRounds(c, lint(c, c.text));
        if (outcome.applied > 0) fixed++;
        expect(outcome.found).toEqual([]);
      }),
      { seed: SEED + 1, numRuns: 1500 },
    );
    expect(fixed).toBeGreaterThan(1500 * 0.1);
  });
});

describe("every stage, on the fuzzer's cases (corpus files and rule examples, mutated)", () => {
  it("parse, evaluate, formatXl, the rules and the fix loop keep their invariants", () => {
    const pool = loadPool();
    fc.assert(
      fc.property(fc.nat(), (index) => {
        expect(runCase(makeCase(pool, SEED, index)).violations).toEqual([]);
      }),
      { seed: SEED + 2, numRuns: 1500 },
    );
  });
});
