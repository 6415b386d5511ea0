/**
 * The disk rules against the real xl 4.17 (xl-oracle): every disk spec of the
 * corpus and generated specs (the parser's spec generator, fixed seed), each
 * alone in a small PV config judged by `xl-oracle check --deep`.
 *
 * - Every config xl refuses gets an error from the disk rules.
 * - No config xl accepts gets an error that claims xl's parser or libxl's vdev
 *   check refuses it; the errors about what libxl checks later (backends,
 *   empty formats, empty targets) or what the guest refuses (numeric vdevs),
 *   which the oracle cannot see, are counted and printed.
 * - Every refused spec gets exactly one finding from the rules for refused specs.
 * - Fixes: applied, the rule no longer fires; when xlint then finds no error,
 *   xl accepts the config; a rewritten prefix spec is the same disk for xl.
 */
import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { decodeFileBytes, detachedSpecText, evaluate, parse, parseDiskSpec } from "@xlint/parser";
import { diskOracleCommand, generateDiskSpec, mapLimited, mutatedCorpusSpec, runDiskOracle } from "../../../../parser/test/disk-helpers";
import { corpusConfigs, oraclePath, oracleUnavailableReason, testCorpus, walkFiles } from "../../../../parser/test/helpers";
import { OracleRunner } from "../../fidelity/oracle-runner";
import { diskRules } from "../../../src/rules/disk";
import { applyFix, lint } from "./helpers";
import type { Diagnostic } from "../../../src/index";

const unavailable = oracleUnavailableReason();
const GENERATED = 1200;
const MUTATED = 300;
const SEED = 0xd15c_2;

/** Rules whose errors say xl's parser, or libxl's vdev check (which `--deep` runs), refuses the disk. */
const SEEN_BY_ORACLE = new Set(["disk-invalid-spec", "disk-xm-positional", "disk-shared-writable", "disk-missing-vdev", "disk-invalid-vdev"]);
/** Rules with both kinds of errors: parser-level when the spec is refused, libxl-level otherwise. */
const MIXED = new Set(["disk-missing-target", "disk-trusted-flag"]);
const FAILURE_RULES = new Set(["disk-invalid-spec", "disk-xm-positional", "disk-shared-writable", "disk-missing-vdev", "disk-missing-target", "disk-trusted-flag"]);
const DISK_RULE_IDS = new Set(diskRules.map((r) => r.id));

function corpusDiskSpecs(): string[] {
  const specs = new Set<string>();
  for (const file of [...corpusConfigs(), ...walkFiles(testCorpus, (f) => f.endsWith(".cfg"))]) {
    const { text, encoding } = decodeFileBytes(readFileSync(file));
    const disk = evaluate(parse(text, { encoding }).file).settings.get("disk");
    if (disk?.value.kind === "list") for (const item of disk.value.items) if (item.kind === "string") specs.add(item.value);
  }
  return [...specs];
}

/** Specs that can be written between single quotes as they are (no escapes needed). */
const writable = (spec: string): boolean => !/['\\\n\r\0]/.test(spec);
const configOf = (spec: string): string => `name = "t"\nkernel = "/boot/vmlinuz"\ndisk = [ '${spec}' ]\n`;

interface Outcome {
  readonly spec: string;
  readonly refusedByXl: boolean;
  /** The oracle could not judge the config (exit 2): a broken oracle, never an agreement. */
  readonly noVerdict: boolean;
  readonly problems: string[];
  readonly blindErrors: string[];
}

describe.skipIf(unavailable !== undefined)("disk rules against xl 4.17 (xl-oracle check --deep)", () => {
  const runner = new OracleRunner(oraclePath, 2);
  afterAll(() => runner.dispose());
  const diskCommand = unavailable ? [] : diskOracleCommand();

  async function judge(spec: string): Promise<Outcome> {
    const text = configOf(spec);
    const problems: string[] = [];
    const blindErrors: string[] = [];
    const found = lint(text, { arch: "x86" }).filter((d) => DISK_RULE_IDS.has(d.rule)); // the oracle runs x86 xl
    const errors = found.filter((d) => d.severity === "error");
    const refused = !parseDiskSpec(detachedSpecText(spec)).accepted;
    const xl = await runner.checkText(text, "utf8");
    if (xl.verdict === "no-verdict") problems.push(`xl-oracle gave no verdict: ${xl.messages.join(" | ")}`);
    if (xl.verdict === "rejected" && errors.length === 0) problems.push(`xl refuses it (${xl.messages.join(" | ")}) but no disk rule has an error`);
    if (xl.verdict === "accepted" || xl.verdict === "warned") {
      for (const e of errors) {
        if (SEEN_BY_ORACLE.has(e.rule) || (MIXED.has(e.rule) && refused)) problems.push(`xl accepts it but ${e.rule} says: ${e.message}`);
        else blindErrors.push(e.rule);
      }
    }
    const failures = found.filter((d) => FAILURE_RULES.has(d.rule) && !(d.rule === "disk-missing-target" && !refused) && !(d.rule === "disk-trusted-flag" && !refused));
    if (failures.length !== (refused ? 1 : 0)) problems.push(`${refused ? "refused" : "accepted"} spec has ${failures.length} findings from the refusal rules: ${failures.map((d) => d.rule).join(", ")}`);
    problems.push(...(await checkFixes(spec, text, found)));
    return { spec, refusedByXl: xl.verdict === "rejected", noVerdict: xl.verdict === "no-verdict", problems, blindErrors };
  }

  async function checkFixes(spec: string, text: string, found: readonly Diagnostic[]): Promise<string[]> {
    const out: string[] = [];
    for (const rule of new Set(found.filter((d) => d.fix).map((d) => d.rule))) {
      const fixes = found.filter((d) => d.rule === rule && d.fix);
      let fixed = text;
      for (const d of [...fixes].sort((a, b) => b.range.start.offset - a.range.start.offset)) fixed = applyFix(fixed, d.fix);
      fixesChecked++;
      const after = lint(fixed, { arch: "x86" });
      if (after.some((d) => d.rule === rule)) out.push(`after the fix of ${rule} (${fixed.split("\n")[2]}) the rule still fires`);
      if (!after.some((d) => d.severity === "error")) {
        const xl = await runner.checkText(fixed, "utf8");
        if (xl.verdict === "rejected") out.push(`after the fix of ${rule} xlint finds no error but xl refuses: ${xl.messages.join(" | ")}`);
        if (xl.verdict === "no-verdict") out.push(`after the fix of ${rule} xl-oracle gave no verdict: ${xl.messages.join(" | ")}`);
      }
      if (rule === "disk-deprecated-prefix") {
        const newSpec = /disk = \[ '(.*)' \]/.exec(fixed)?.[1] ?? "";
        const [before, rewritten] = await Promise.all([runDiskOracle(diskCommand, spec), runDiskOracle(diskCommand, newSpec)]);
        if (before.stdout !== rewritten.stdout || rewritten.status !== 0) out.push(`the prefix rewrite ${newSpec} is not the same disk for xl`);
      }
    }
    return out;
  }

  let fixesChecked = 0;

  it("agrees with xl on the corpus's disk specs and generated ones", async () => {
    const corpus = corpusDiskSpecs();
    const generated = Array.from({ length: GENERATED }, (_, i) => generateDiskSpec(SEED, i));
    const mutated = Array.from({ length: MUTATED }, (_, i) => mutatedCorpusSpec(SEED, i, corpus));
    const specs = [...new Set([...corpus, ...generated, ...mutated])].filter(writable);
    const started = Date.now();
    const outcomes = await mapLimited(specs, 2, judge);
    const failed = outcomes.filter((o) => o.problems.length > 0);
    const blind = new Map<string, number>();
    for (const o of outcomes) for (const rule of o.blindErrors) blind.set(rule, (blind.get(rule) ?? 0) + 1);
    const agreement = (((specs.length - failed.length) / specs.length) * 100).toFixed(1);
    const refused = outcomes.filter((o) => o.refusedByXl).length;
    const noVerdict = outcomes.filter((o) => o.noVerdict).length;
    console.log(
      `disk rules vs xl-oracle: ${specs.length} specs (${corpus.length} from the corpus, ${refused} refused by xl, ${noVerdict} without a verdict), ${agreement}% agreement, ${fixesChecked} fixes checked, ` +
        `errors on what the oracle cannot judge: ${[...blind].map(([r, n]) => `${r} ${n}`).join(", ") || "none"}; ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    expect(specs.length).toBeGreaterThan(1000);
    expect(fixesChecked).toBeGreaterThan(50);
    // The generator aims at both verdicts: an oracle that refuses nothing (or judges nothing) is broken, not in agreement.
    expect(noVerdict, "configs xl-oracle could not judge").toBe(0);
    expect(refused, "configs xl refuses").toBeGreaterThan(specs.length / 3);
    expect(failed.slice(0, 5).map((o) => `${JSON.stringify(o.spec)}: ${o.problems.join("; ")}`)).toEqual([]);
  }, 120_000 + (GENERATED + MUTATED) * 240); // a hang guard: each config takes one or two oracle calls of 15 to 65 ms, more on a loaded machine
});
