/**
 * Fidelity of xlint's findings to real xl (issue 4): `error` must mean that
 * xl or libxl refuses the config. Every config of ../shared/corpus and
 * test-corpus, plus mutants of the corpus configs xl accepts, is judged by
 * `xl-oracle check --deep` and linted by xlint with every rule; three figures
 * are measured and held to thresholds:
 *   A. configs xl rejects (exit 1) that get at least one `error`;
 *   B. configs xl accepts without a word that get an `error` anyway (false
 *      errors), not counting the rules in EXEMPT_RULES;
 *   C. configs xl accepts with a warning (exit 0 and any stderr line besides
 *      `Parsing config from …`) that get at least one finding;
 *   D. errors on such warned configs that no exemption documents (xl took
 *      the config, so each error must be a later refusal, a value xl drops,
 *      or something xl never looks at, with the Xen source that says so).
 * B and D use fidelity/exemptions.ts: each exemption covers one problem of
 * one rule and cites the libxl (or xl) file and function that decide it.
 * Exit 2 (no verdict) is counted apart, left out of the figures, and may
 * happen a handful of times at most.
 *
 * The log shows the figures, the miss categories (the rule writers' to-do
 * list) and up to 10 examples per figure; `.cache/fidelity-report.json` has
 * everything. XLINT_FIDELITY_COUNT raises the number of mutants.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { decodeFileBytes, type ByteEncoding } from "@xlint/parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { corpusConfigs, oraclePath, oracleUnavailableReason, repoRoot, sharedCorpus, testCorpus, walkFiles } from "../../parser/test/helpers";
import { allRules, DEFAULT_HOST, lintFiles, type HostProfile } from "../src/index";
import { EXEMPTIONS } from "./fidelity/exemptions";
import { MAX_NO_VERDICT, type Case, type Finding } from "./fidelity/figures";
import { generateMutants } from "./fidelity/mutants";
import type { Base } from "./fidelity/mutation";
import { OracleRunner } from "./fidelity/oracle-runner";
import { readReferenceKeys } from "./fidelity/reference-keys";
import { buildReport, formatReport, type FidelityReport } from "./fidelity/report";
import { settingsOf } from "./fidelity/xl-text";
import { ORACLE_HOST } from "./rules/lint-helpers";

/** The configs are linted with the profile of the oracle's fake host, as a user of that host would. */
const HOST: HostProfile = { ...DEFAULT_HOST, ...ORACLE_HOST };

/**
 * Thresholds: what xlint achieves today, to be raised as rules land. They
 * hold on the corpus plus the first DEFAULT_MUTANTS mutants, a set that stays
 * the same when XLINT_FIDELITY_COUNT asks for more (the extra mutants are
 * measured and reported only). A and C are percentages, B a number of configs.
 */
const MIN_A = 100;
const MAX_B_FALSE_ERRORS = 0;
const MIN_C = 100;
const MAX_D_UNDOCUMENTED = 0;

const DEFAULT_MUTANTS = 1500;
const MUTANT_COUNT = mutantCountFromEnv("XLINT_FIDELITY_COUNT", DEFAULT_MUTANTS);
const SEED = 0xf1de_2024;
const REPORT_PATH = path.join(repoRoot, ".cache", "fidelity-report.json");

/** Folders of the shared corpus that hold xl.conf and cpupool files, not domain configs. */
const NOT_DOMAIN_CONFIGS = /\/_(global-xl-conf|cpupool-conf)\//;

/** The mutant count: the default, or more on demand (fewer would change the set the thresholds hold on). */
function mutantCountFromEnv(name: string, minimum: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return minimum;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < minimum) throw new Error(`${name} raises the mutant count: give an integer of at least ${minimum}, not ${JSON.stringify(raw)}`);
  return n;
}

const reference = readReferenceKeys();
const unavailable = oracleUnavailableReason() ?? ("reason" in reference ? reference.reason : undefined);
if (unavailable) console.warn(`fidelity: skipped, ${unavailable}`);

function lint(id: string, text: string, encoding: ByteEncoding): { findings: Finding[]; crash?: string } {
  try {
    const [result] = lintFiles([{ path: id, text, encoding }], { rules: allRules, host: HOST });
    const findings = (result?.diagnostics ?? []).map((d) => ({ rule: d.rule, severity: d.severity, line: d.range.start.line + 1, message: d.message }));
    return { findings };
  } catch (error) {
    return { findings: [], crash: `${id}: ${error instanceof Error ? error.stack ?? error.message : String(error)}` };
  }
}

function relativeId(file: string): string {
  return file.startsWith(sharedCorpus) ? path.join("corpus", path.relative(sharedCorpus, file)) : path.relative(repoRoot, file);
}

describe.skipIf(unavailable !== undefined)("fidelity of xlint's findings to xl 4.17 (xl-oracle check --deep)", () => {
  const keys = "keys" in reference ? reference.keys : [];
  let runner: OracleRunner | undefined;
  const cases: Case[] = [];
  const crashes: string[] = [];
  let report: FidelityReport;

  beforeAll(async () => {
    const oracle = new OracleRunner(oraclePath, 2);
    runner = oracle;
    const files = [...corpusConfigs().filter((f) => !NOT_DOMAIN_CONFIGS.test(f)), ...walkFiles(testCorpus, (f) => f.endsWith(".cfg"))];
    const verdicts = await Promise.all(files.map((f) => oracle.checkFile(f)));
    const bases: Base[] = [];
    files.forEach((file, i) => {
      const id = relativeId(file);
      const { text, encoding } = decodeFileBytes(readFileSync(file));
      const xl = verdicts[i] as Case["xl"];
      const { findings, crash } = lint(id, text, encoding);
      if (crash) crashes.push(crash);
      cases.push({ group: "corpus", id, text, xl, findings });
      // Mutants start from configs xl accepts without a word, so that what xl says about them comes from the mutation.
      if (xl.verdict === "accepted") bases.push({ id, text, encoding, settings: settingsOf(text, encoding) });
    });

    const mutants = generateMutants(bases, keys, MUTANT_COUNT, SEED);
    const mutantVerdicts = await Promise.all(mutants.map((m) => oracle.checkText(m.text, m.encoding)));
    mutants.forEach((m, i) => {
      const { findings, crash } = lint(`${m.id}.cfg`, m.text, m.encoding);
      if (crash) crashes.push(crash);
      cases.push({ group: "mutant", id: m.id, index: i, base: m.base, operator: m.operator, changes: m.changes, text: m.text, xl: mutantVerdicts[i] as Case["xl"], findings });
    });

    report = buildReport({
      cases,
      exempt: EXEMPTIONS,
      seed: SEED,
      mutantCount: MUTANT_COUNT,
      gatedMutants: DEFAULT_MUTANTS,
      thresholds: { MIN_A, MAX_B_FALSE_ERRORS, MIN_C, MAX_D_UNDOCUMENTED },
    });
    mkdirSync(path.dirname(REPORT_PATH), { recursive: true });
    writeFileSync(REPORT_PATH, `${JSON.stringify(report, null, 2)}\n`);
    console.log(formatReport(report, path.relative(repoRoot, REPORT_PATH)));
  }, 120_000 + (MUTANT_COUNT + 400) * 120); // a guard against hangs: an oracle call takes 15 to 65 ms, depending on the machine, more when it is loaded

  afterAll(() => runner?.dispose());

  it("has the corpus, the reference's keys and the mutants to measure", () => {
    expect(keys.length, "Appendix A of the reference lists 158 keys").toBe(158);
    expect(report.figures.corpus.configs).toBeGreaterThan(100);
    expect(report.figures.mutants.configs).toBe(MUTANT_COUNT);
  });

  it("mixes mutants xl refuses with mutants it takes (roughly a third to a half refused)", () => {
    const { rejected, configs, noVerdict } = report.figures.mutants;
    const share = rejected / (configs - noVerdict);
    expect(share, `${(share * 100).toFixed(1)}% of the mutants are refused by xl`).toBeGreaterThanOrEqual(0.3);
    expect(share, `${(share * 100).toFixed(1)}% of the mutants are refused by xl`).toBeLessThanOrEqual(0.55);
  });

  it("lints every config without throwing", () => {
    expect(crashes).toEqual([]);
  });

  it(`A: configs xl rejects get an error (at least ${MIN_A}%)`, () => {
    const { corpus, mutants, gated } = report.figures;
    const measured = `A is ${gated.a.percent}% (${gated.a.hits}/${gated.a.total}; corpus ${corpus.a.percent}%, mutants ${mutants.a.percent}%)`;
    expect(gated.a.percent, `${measured}, below MIN_A = ${MIN_A}%`).toBeGreaterThanOrEqual(MIN_A);
  });

  it(`B: configs xl accepts silently get no error outside the exemptions (at most ${MAX_B_FALSE_ERRORS})`, () => {
    const { corpus, mutants, gated } = report.figures;
    const rules = report.categories.b.map(([rule, n]) => `${rule} ${n}`).join(", ") || "none";
    const measured = `B is ${gated.b.hits} false errors of ${gated.b.total} silently accepted configs (corpus ${corpus.b.hits}, mutants ${mutants.b.hits}; rules: ${rules})`;
    expect(gated.b.hits, `${measured}, above MAX_B_FALSE_ERRORS = ${MAX_B_FALSE_ERRORS}`).toBeLessThanOrEqual(MAX_B_FALSE_ERRORS);
  });

  it(`D: errors on configs xl warns about are each documented (at most ${MAX_D_UNDOCUMENTED} undocumented)`, () => {
    const { gated } = report.figures;
    const rules = report.categories.d.map(([rule, n]) => `${rule} ${n}`).join(", ") || "none";
    // The corpus alone has warned configs with errors (dropped vifs and disks, removed TSC modes): the figure is not empty.
    expect(gated.d.total, "warned configs with an error").toBeGreaterThan(20);
    expect(gated.d.hits, `D is ${gated.d.hits} undocumented of ${gated.d.total} (rules: ${rules}), above ${MAX_D_UNDOCUMENTED}`).toBeLessThanOrEqual(MAX_D_UNDOCUMENTED);
  });

  it(`no verdict from the oracle at most ${MAX_NO_VERDICT} times`, () => {
    const { gated, combined } = report.figures;
    expect(gated.noVerdict, `${gated.noVerdict} configs without a verdict (all mutants: ${combined.noVerdict})`).toBeLessThanOrEqual(MAX_NO_VERDICT);
  });

  it(`C: configs xl warns about get a finding (at least ${MIN_C}%)`, () => {
    const { corpus, mutants, gated } = report.figures;
    // Without warned configs the figure would say nothing; the corpus alone has dozens.
    expect(gated.c.total, "configs on which xl prints a warning").toBeGreaterThan(50);
    const measured = `C is ${gated.c.percent}% (${gated.c.hits}/${gated.c.total}; corpus ${corpus.c.percent}%, mutants ${mutants.c.percent}%)`;
    expect(gated.c.percent, `${measured}, below MIN_C = ${MIN_C}%`).toBeGreaterThanOrEqual(MIN_C);
  });
});
