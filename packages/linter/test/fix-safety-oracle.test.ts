/**
 * Fix safety judged by the real xl 4.17 (issue 11). `--fix` applies the fixes
 * marked `safe` without asking, so a safe fix must not change what xl builds.
 *
 * On every config of ../shared/corpus and test-corpus, every rule's documented
 * example, a few probes, and mutants of the corpus configs xl accepts (the
 * fidelity mutants, fixed seed), each safe fix is applied on its own and the
 * original and fixed texts are judged with `xl-oracle check --deep`. Contract:
 *   - xl accepted the original → it accepts the fixed text too, and its JSON
 *     domain config is the same field by field, up to the equivalences of
 *     EQUIVALENCES below;
 *   - xl refused the original (or gave no verdict) → the fixed text still
 *     lints without throwing; what xl thinks of it is not judged.
 *
 * Why `--deep`: the JSON is the same with or without it (libxl's deep checks
 * run on a copy), and with it a "safe" fix that turns a config libxl takes
 * into one it refuses is caught as well.
 *
 * Printed: configs, safe fixes checked (by rule), unsafe fixes seen,
 * equivalences used, oracle runs and time. Safe fixes of xl.conf and cpupool
 * files are not judged here: little of what those files set shows in a
 * domain's JSON.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { decodeFileBytes, type ByteEncoding } from "@xlint/parser";
import { afterAll, describe, expect, it } from "vitest";
import { corpusConfigs, oraclePath, oracleUnavailableReason, repoRoot, sharedCorpus, testCorpus, walkFiles } from "../../parser/test/helpers";
import { allRules, applyEdits, DEFAULT_HOST, lintFiles, type Diagnostic, type Fix, type HostProfile } from "../src/index";
import { generateMutants } from "./fidelity/mutants";
import type { Base } from "./fidelity/mutation";
import { OracleRunner, type XlJsonResult } from "./fidelity/oracle-runner";
import { readReferenceKeys } from "./fidelity/reference-keys";
import { settingsOf } from "./fidelity/xl-text";
import { ORACLE_HOST } from "./rules/lint-helpers";

/** Fewer mutants than the fidelity test: each sample costs one oracle call per fix on top of its own. */
const MUTANTS = 400;
const SEED = 0xf1c5_5afe;
const SHOWN_FAILURES = 20;

/** Linted with the profile of the oracle's fake host (8 CPUs, one NUMA node, Pool-0), as fidelity.test.ts does. */
const HOST: HostProfile = { ...DEFAULT_HOST, ...ORACLE_HOST };

/** Folders of the shared corpus that hold xl.conf and cpupool files, not domain configs. */
const NOT_DOMAIN_CONFIGS = /\/_(global-xl-conf|cpupool-conf)\//;

/** xl's JSON flattened: `b_info.type.hvm.altp2m` → the leaf's JSON text (`{}` and `[]` are leaves). */
type Fields = Map<string, string>;

/**
 * Two forms that land in different JSON fields but mean the same to libxl.
 * Each entry rewrites the fields into one normal form; an entry counts as
 * used when the raw JSONs differ and the rewritten ones do not. Keep this
 * table small: every entry must say where libxl reads the fields.
 */
interface Equivalence {
  readonly name: string;
  /** Rewrites `fields` in place; true when it changed anything. */
  readonly apply: (fields: Fields) => boolean;
}

const EQUIVALENCES: readonly Equivalence[] = [
  {
    // xl stores the legacy `altp2mhvm` as the HVM flag `altp2m`, the newer `altp2m` key as the mode
    // `b_info.altp2m`. libxl's x86 HVM setup (hvm_set_conf_params) uses the legacy flag only while
    // the mode is "disabled", and then as mode 1, "mixed"; its nestedhvm check counts either as on.
    // So the effective mode is the normal form: `altp2mhvm = 1` and `altp2m = "mixed"` compare equal.
    name: "altp2mhvm as altp2m",
    apply(fields) {
      const legacy = fields.get("b_info.type.hvm.altp2m");
      if (legacy === undefined) return false;
      const mode = fields.get("b_info.altp2m");
      const effective = mode !== undefined && mode !== '"disabled"' ? mode : legacy === '"True"' ? '"mixed"' : undefined;
      removeField(fields, "b_info.type.hvm.altp2m");
      if (effective === undefined) removeField(fields, "b_info.altp2m");
      else fields.set("b_info.altp2m", effective);
      return true;
    },
  },
  {
    // `slice` and `latency` were parameters of the SEDF scheduler; libxl keeps the fields in
    // libxl_domain_sched_params (its IDL notes they have no effect since SEDF was removed), and
    // no scheduler libxl 4.17 drives (credit, credit2, RTDS, ARINC 653, null) reads them.
    name: "sched slice/latency unused",
    apply(fields) {
      const removed = ["b_info.sched_params.slice", "b_info.sched_params.latency"].filter((f) => fields.has(f));
      for (const f of removed) removeField(fields, f);
      return removed.length > 0;
    },
  },
];

/**
 * Complete configs xl accepts, for safe fixes that neither the corpus nor a
 * rule example reaches on a config xl accepts. Each names the fix it is for.
 */
const PV = 'name = "probe"\ntype = "pv"\nkernel = "/boot/vmlinuz"\nmemory = 512\n';
const HVM = 'name = "probe"\ntype = "hvm"\nmemory = 512\n';
const PROBES: readonly (readonly [string, string])[] = [
  ["unknown-key did-you-mean vcpu", `${PV}vcpu = 2\n`],
  ["unknown-key did-you-mean maxcpus", `${PV}maxcpus = 4\n`],
  ["vif-whitespace ip", `${PV}vif = [ "ip=10.0.0.1 ,bridge=xenbr0" ]\n`],
  ["deprecated-option altp2mhvm on", `${HVM}altp2mhvm = 1\n`],
  ["deprecated-option altp2mhvm off", `${HVM}altp2mhvm = 0\n`],
  ["deprecated-option altp2mhvm beside altp2m", `${HVM}altp2mhvm = 1\naltp2m = "external"\n`],
  ["duplicate-key", `${PV}vcpus = 2\nmemory = 1024\n`],
  ["unused-suppression", `# xlint-disable-next-line unknown-key -- stale\n${PV}`],
  ["deprecated-option bootloader_args string", 'name = "probe"\ntype = "pv"\nmemory = 512\nbootloader = "pygrub"\nbootloader_args = "-q  --entry=1 "\n'],
];

/** Deletes a field; a parent left without fields becomes `{}`, as xl prints an empty object. */
function removeField(fields: Fields, name: string): void {
  if (!fields.delete(name)) return;
  const parent = name.slice(0, name.lastIndexOf("."));
  if (parent !== "" && ![...fields.keys()].some((k) => k.startsWith(`${parent}.`))) fields.set(parent, "{}");
}

const unavailable = oracleUnavailableReason();
if (unavailable) console.warn(`fix safety against xl: skipped, ${unavailable}`);

interface Sample {
  readonly id: string;
  readonly text: string;
  readonly encoding: ByteEncoding;
}

function flatten(value: unknown, prefix: string, out: Fields): Fields {
  if (value !== null && typeof value === "object" && Object.keys(value).length > 0) {
    for (const [key, child] of Object.entries(value)) flatten(child, prefix === "" ? key : `${prefix}.${key}`, out);
  } else {
    out.set(prefix, JSON.stringify(value));
  }
  return out;
}

/** The fields that differ, as `path: before → after` (`-` for a field that is absent). */
function differences(before: Fields, after: Fields): string[] {
  const out: string[] = [];
  for (const key of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const a = before.get(key);
    const b = after.get(key);
    if (a !== b) out.push(`${key}: ${a ?? "-"} → ${b ?? "-"}`);
  }
  return out;
}

/** The differences left after the equivalences, and the names of those that made a difference vanish. */
function compare(before: unknown, after: unknown): { left: string[]; used: string[] } {
  const a = flatten(before, "", new Map());
  const b = flatten(after, "", new Map());
  if (differences(a, b).length === 0) return { left: [], used: [] };
  const used = EQUIVALENCES.filter((e) => [e.apply(a), e.apply(b)].some(Boolean)).map((e) => e.name);
  const left = differences(a, b);
  return { left, used: left.length === 0 ? used : [] };
}

function lint(sample: Sample, text: string): readonly Diagnostic[] {
  return lintFiles([{ path: sample.id, text, encoding: sample.encoding }], { rules: allRules, host: HOST })[0]?.diagnostics ?? [];
}

function relativeId(file: string): string {
  return file.startsWith(sharedCorpus) ? path.join("corpus", path.relative(sharedCorpus, file)) : path.relative(repoRoot, file);
}

/**
 * The samples: the corpus configs; every rule's documented examples of domain
 * configs (each shows the rule's fix on a small config, which reaches fixes
 * the corpus never triggers); the PROBES; mutants of the corpus configs xl
 * accepts (so that most mutants are accepted too and their fixes judged).
 */
async function samples(runner: OracleRunner): Promise<{ all: Sample[]; corpus: readonly Sample[]; probes: readonly Sample[] }> {
  const files = [...corpusConfigs().filter((f) => !NOT_DOMAIN_CONFIGS.test(f)), ...walkFiles(testCorpus, (f) => f.endsWith(".cfg"))];
  const corpus: Sample[] = files.map((file) => ({ id: relativeId(file), ...decodeFileBytes(readFileSync(file)) }));
  const examples: Sample[] = allRules.flatMap((rule) =>
    [...rule.docs.invalid, ...rule.docs.valid]
      .filter((e) => (e.kind ?? "domain") === "domain" && e.otherFiles === undefined)
      .map((e, i) => ({ id: `example ${rule.id} #${i + 1}`, text: e.config, encoding: "utf8" as const })),
  );
  const verdicts = await Promise.all(corpus.map((s) => runner.checkTextWithJson(s.text, s.encoding)));
  const bases: Base[] = corpus.filter((_, i) => verdicts[i]?.exit === 0).map((s) => ({ ...s, settings: settingsOf(s.text, s.encoding) }));
  const reference = readReferenceKeys();
  const keys = "keys" in reference ? reference.keys : [];
  const mutants = generateMutants(bases, keys, MUTANTS, SEED).map((m) => ({ id: m.id, text: m.text, encoding: m.encoding }));
  const probes: Sample[] = PROBES.map(([id, text]) => ({ id: `probe ${id}`, text, encoding: "utf8" }));
  return { all: [...corpus, ...examples, ...probes, ...mutants], corpus, probes };
}

interface Figures {
  configs: number;
  judgedConfigs: number;
  safeChecked: number;
  safeOnRefused: number;
  unsafeSeen: number;
  byRule: Map<string, number>;
  equivalencesUsed: Map<string, number>;
}

describe.skipIf(unavailable !== undefined)("safe fixes leave what xl 4.17 builds unchanged (xl-oracle check --deep)", () => {
  const runner = new OracleRunner(oraclePath, 2);
  afterAll(() => runner.dispose());

  it("sees the changes that made fixes unsafe (a did-you-mean rename, a trimmed vif value)", async () => {
    // If the comparison were blind to these, the contract below would hold vacuously for such fixes.
    const pairs: readonly (readonly [string, string, string])[] = [
      ["vcpu → vcpus", `${PV}vcpu = 2\n`, `${PV}vcpus = 2\n`],
      ["vif ip trimmed", `${PV}vif = [ "ip=10.0.0.1 ,bridge=xenbr0" ]\n`, `${PV}vif = [ "ip=10.0.0.1,bridge=xenbr0" ]\n`],
    ];
    for (const [name, before, after] of pairs) {
      const [a, b] = await Promise.all([runner.checkTextWithJson(before, "utf8"), runner.checkTextWithJson(after, "utf8")]);
      expect([a.exit, b.exit], name).toEqual([0, 0]);
      expect(compare(a.json, b.json).left, name).not.toEqual([]);
    }
  }, 120_000);

  it("on the corpus, the rule examples and mutants", async () => {
    const started = Date.now();
    const { all, corpus, probes } = await samples(runner);
    const figures: Figures = { configs: all.length, judgedConfigs: 0, safeChecked: 0, safeOnRefused: 0, unsafeSeen: 0, byRule: new Map(), equivalencesUsed: new Map() };
    const failures: string[] = [];
    const jobs: Promise<void>[] = [];
    // The distinct texts xl judged (the runner judges equal texts once).
    const xlRuns = new Set<string>(corpus.map((s) => s.text));
    for (const sample of all) {
      const safe = lint(sample, sample.text).filter((d) => {
        if (!d.fix || d.fix.edits.length === 0) return false;
        if (d.fix.safety === "unsafe") figures.unsafeSeen++;
        return d.fix.safety === "safe";
      });
      // Only a config with a safe fix needs xl's view of it.
      if (safe.length === 0) continue;
      figures.judgedConfigs++;
      xlRuns.add(sample.text);
      const original = runner.checkTextWithJson(sample.text, sample.encoding);
      for (const d of safe) {
        const fix = d.fix as Fix;
        const fixed = applyEdits(sample.text, fix.edits);
        const where = `${sample.id}:${d.range.start.line + 1}: ${d.rule} "${fix.title}"`;
        try {
          lint(sample, fixed);
        } catch (error) {
          failures.push(`${where}: linting the fixed text throws ${String(error)}`);
        }
        jobs.push(judge(original, fixed, sample.encoding, d.rule, where));
      }
      // Let the oracle's answers in between samples, so linting and xl run side by side.
      await new Promise((resolve) => setImmediate(resolve));
    }

    async function judge(original: Promise<XlJsonResult>, fixed: string, encoding: ByteEncoding, rule: string, where: string): Promise<void> {
      const before = await original;
      if (before.exit !== 0) {
        figures.safeOnRefused++;
        return;
      }
      figures.safeChecked++;
      figures.byRule.set(rule, (figures.byRule.get(rule) ?? 0) + 1);
      xlRuns.add(fixed);
      const after = await runner.checkTextWithJson(fixed, encoding);
      if (after.exit !== 0) {
        failures.push(`${where}: xl accepted the original but not the fixed text (exit ${after.exit}: ${after.messages.join(" | ")})`);
        return;
      }
      const { left, used } = compare(before.json, after.json);
      for (const name of used) figures.equivalencesUsed.set(name, (figures.equivalencesUsed.get(name) ?? 0) + 1);
      if (left.length > 0) failures.push(`${where}: xl builds something else: ${left.join("; ")}`);
    }

    await Promise.all(jobs);
    // A probe xl refuses would check nothing: each must stay a config xl accepts.
    const probeVerdicts = await Promise.all(probes.map((p) => runner.checkTextWithJson(p.text, p.encoding)));
    probes.forEach((p, i) => {
      xlRuns.add(p.text);
      if (probeVerdicts[i]?.exit !== 0) failures.push(`${p.id}: xl refuses the probe itself (${probeVerdicts[i]?.messages.join(" | ") ?? ""})`);
    });
    const list = (counts: Map<string, number>): string => [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([name, n]) => `${name} ${n}`).join(", ") || "none";
    console.log(
      [
        `fix safety: ${figures.configs} configs, ${figures.judgedConfigs} with a safe fix`,
        `${figures.safeChecked} safe fixes checked against xl's JSON (${figures.safeOnRefused} more on configs xl refuses: lint only)`,
        `${figures.unsafeSeen} unsafe fixes seen; equivalences used: ${list(figures.equivalencesUsed)}`,
        `safe fixes checked by rule: ${list(figures.byRule)}`,
        `${failures.length} failures; ${xlRuns.size} xl runs; ${((Date.now() - started) / 1000).toFixed(1)} s`,
      ].join("\n  "),
    );
    failures.sort();
    const failingRules = new Map<string, number>();
    for (const f of failures) {
      const rule = /: ([a-z0-9-]+) "/.exec(f)?.[1] ?? "?";
      failingRules.set(rule, (failingRules.get(rule) ?? 0) + 1);
    }
    expect(failures.slice(0, SHOWN_FAILURES), `${failures.length} safe fixes change what xl builds (by rule: ${list(failingRules)})`).toEqual([]);
    // The samples must exercise the contract, or it holds vacuously.
    expect(figures.safeChecked).toBeGreaterThan(100);
  }, 900_000); // a hang guard: some 1,700 oracle runs take 1 to 4 minutes, depending on the machine's load
});
