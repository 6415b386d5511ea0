/**
 * The vif, rate, MAC, pci, cpus and rdm tables, generated specs and the
 * shared corpus, checked against Debian's real xl 4.17 (`xl-oracle check`):
 * accept/reject, xl's messages, and the parsed fields in xl's JSON.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeFileBytes, evaluate, parse, type EvalValue } from "../src/index";
import { evenCpuHost, parseCpuList, resolveCpuList, type CpuHost } from "../src/specs/cpulist";
import { parsePciSpec, type PciSpec } from "../src/specs/pci";
import { parseRdm } from "../src/specs/rdm";
import { detachedSpecText } from "../src/specs/spec-text";
import { parseVifSpec, type VifSpec } from "../src/specs/vif";
import { corpusConfigs, oracleUnavailableReason } from "./helpers";
import {
  CPU_TABLE,
  nicJsonOf,
  oracleCheckAll,
  PCI_TABLE,
  pciJsonOf,
  quoted,
  randomCpuList,
  randomPciSpec,
  randomRdm,
  randomVifSpec,
  RATE_ERROR_TEXT,
  RATE_TABLE,
  RDM_TABLE,
  scratchDir,
  tableNic,
  VIF_TABLE,
  vifWarningLines,
  type OracleAnswer,
} from "./net-helpers";
import { seededRandom } from "./random";

const reason = oracleUnavailableReason();
const PV = 'name="t"\nkernel="/k"\n';
const HVM = 'name="t"\ntype="hvm"\n';
/** Specs xl accepts are checked twenty to a config file, to save oracle calls (xl stops at the first refused one). */
const BATCH = 20;
/** Oracle calls take ~13 ms on an idle machine, several times that when other tests run. */
const SLOW = 180_000;

interface Mismatch {
  readonly input: unknown;
  readonly expected: unknown;
  readonly actual: unknown;
}

/** Compares a batch item by item, so a mismatch names the one spec that differs. */
function compareItems(mismatches: Mismatch[], inputs: readonly unknown[], expected: readonly unknown[], answer: OracleAnswer, actual: readonly unknown[]): void {
  if (answer.status !== 0 || actual.length !== expected.length) {
    mismatches.push({ input: inputs, expected: { status: 0, items: expected.length }, actual: { status: answer.status, items: actual.length, lines: answer.lines } });
    return;
  }
  inputs.forEach((input, i) => {
    const e = sortKeys(expected[i]);
    const a = sortKeys(actual[i]);
    if (JSON.stringify(a) !== JSON.stringify(e)) mismatches.push({ input, expected: e, actual: a });
  });
}

function json(answer: OracleAnswer): Record<string, unknown> {
  return answer.stdout.trim() === "" ? {} : (JSON.parse(answer.stdout) as Record<string, unknown>);
}

function listOf(answer: OracleAnswer, key: string): Record<string, unknown>[] {
  const value = json(answer)[key];
  return Array.isArray(value) ? (value as Record<string, unknown>[]) : [];
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function report(what: string, compared: number, mismatches: readonly Mismatch[], extra = ""): void {
  const agree = compared - mismatches.length;
  console.info(`${what}: ${agree}/${compared} agree with xl 4.17${extra}`);
}

/** What xl prints when it stops on this vif, or undefined when it does not stop. */
function vifFatalText(vif: VifSpec): string | undefined {
  const fatal = vif.problems.find((p) => p.effect === "fatal");
  if (!fatal) return undefined;
  if (fatal.code === "not-a-number") return "to number";
  return `config parsing error in vif: ${RATE_ERROR_TEXT[fatal.code] ?? fatal.code} in`;
}

describe.skipIf(reason !== undefined)(`spec parsers against real xl 4.17${reason ? ` — skipped: ${reason}` : ""}`, () => {
  let scratch: ReturnType<typeof scratchDir>;
  beforeAll(() => {
    scratch = scratchDir();
  });
  afterAll(() => scratch.dispose());

  it("the rate table (§4.4, check-xl-vif-parse)", async () => {
    const good = RATE_TABLE.filter((r) => !r.error);
    const bad = RATE_TABLE.filter((r) => r.error);
    const goodBatches = chunks(good, BATCH);
    const answers = await oracleCheckAll(scratch.dir, [
      ...goodBatches.map((batch) => `${PV}vif=[${batch.map((r) => quoted(`rate=${r.rate}`)).join(", ")}]\n`),
      ...bad.map((r) => `${PV}vif=[${quoted(`rate=${r.rate}`)}]\n`),
    ]);
    const mismatches: Mismatch[] = [];
    goodBatches.forEach((batch, b) => {
      const answer = answers[b] as OracleAnswer;
      const nics = listOf(answer, "nics");
      batch.forEach((row, i) => {
        const nic = nics[i] ?? {};
        const actual = { bytes: nic.rate_bytes_per_interval ?? 0, usecs: nic.rate_interval_usecs ?? 0, status: answer.status };
        const expected = { bytes: row.bytes, usecs: row.usecs, status: 0 };
        if (JSON.stringify(actual) !== JSON.stringify(expected)) mismatches.push({ input: row.rate, expected, actual });
      });
    });
    bad.forEach((row, r) => {
      const answer = answers[goodBatches.length + r] as OracleAnswer;
      const text = `config parsing error in vif: ${RATE_ERROR_TEXT[row.error ?? ""]} in`;
      if (answer.status !== 1 || !answer.stderr.includes(text)) mismatches.push({ input: row.rate, expected: text, actual: answer.stderr });
    });
    report("rate table", RATE_TABLE.length, mismatches);
    expect(mismatches).toEqual([]);
  });

  it("the vif table: nic JSON and xl's messages", async () => {
    const good = VIF_TABLE.filter((r) => r.accepted);
    const bad = VIF_TABLE.filter((r) => !r.accepted);
    const goodBatches = chunks(good, BATCH);
    const answers = await oracleCheckAll(scratch.dir, [
      ...goodBatches.map((batch) => `${PV}vif=[${batch.map((r) => quoted(r.spec)).join(", ")}]\n`),
      ...bad.map((r) => `${PV}vif=[${quoted(r.spec)}]\n`),
    ]);
    const mismatches: Mismatch[] = [];
    goodBatches.forEach((batch, b) => {
      const answer = answers[b] as OracleAnswer;
      const expected = { status: 0, nics: batch.map((r, i) => tableNic(r.nic ?? {}, i)), lines: batch.flatMap((r) => r.lines ?? []) };
      const actual = { status: answer.status, nics: listOf(answer, "nics"), lines: answer.lines };
      if (JSON.stringify(sortKeys(actual)) !== JSON.stringify(sortKeys(expected))) mismatches.push({ input: batch.map((r) => r.spec), expected, actual });
    });
    bad.forEach((row, r) => {
      const answer = answers[goodBatches.length + r] as OracleAnswer;
      if (answer.status !== 1) mismatches.push({ input: row.spec, expected: 1, actual: answer.status });
    });
    report("vif table", VIF_TABLE.length, mismatches);
    expect(mismatches).toEqual([]);
  });

  it("400 generated vif specs: verdict, messages and every nic field", { timeout: SLOW }, async () => {
    const rand = seededRandom(0x0f1f);
    const all = Array.from({ length: 400 }, () => randomVifSpec(rand)).map((spec) => parseVifSpec(detachedSpecText(spec)));
    // When a short MAC ends the spec, xl reads past its buffer: nothing to compare.
    const usable = all.filter((v) => v.xlMac !== undefined);
    const accepted = usable.filter((v) => v.accepted);
    const rejected = usable.filter((v) => !v.accepted);
    const batches = chunks(accepted, BATCH);
    const configs = [
      ...batches.map((batch) => `${PV}vif=[${batch.map((v) => quoted(v.text)).join(", ")}]\n`),
      ...rejected.map((v) => `${PV}vif=[${quoted(v.text)}]\n`),
    ];
    const answers = await oracleCheckAll(scratch.dir, configs);
    const mismatches: Mismatch[] = [];
    batches.forEach((batch, b) => {
      const answer = answers[b] as OracleAnswer;
      compareItems(mismatches, batch.map((v) => v.text), batch.map((v, i) => nicJsonOf(v, i)), answer, listOf(answer, "nics"));
      const lines = batch.flatMap(vifWarningLines);
      if (JSON.stringify(answer.lines) !== JSON.stringify(lines)) mismatches.push({ input: batch.map((v) => v.text), expected: lines, actual: answer.lines });
    });
    rejected.forEach((vif, r) => {
      const answer = answers[batches.length + r] as OracleAnswer;
      // A vif our parser refuses must say what xl prints: no text to expect is a mismatch, never a match.
      const text = vifFatalText(vif);
      if (text === undefined || answer.status !== 1 || !answer.stderr.includes(text)) mismatches.push({ input: vif.text, expected: text ?? "(our parser refuses it without a fatal problem)", actual: answer.stderr });
    });
    const skipped = all.length - usable.length;
    report("generated vifs", usable.length, mismatches, ` (${accepted.length} accepted, ${rejected.length} refused, ${skipped} skipped: undefined MAC read)`);
    expect(mismatches).toEqual([]);
    expect(rejected.length).toBeGreaterThan(20);
    expect(accepted.length).toBeGreaterThan(200);
    // Specs on which xl reads past a buffer cannot be compared; they must stay a few, or the test compares little.
    expect(skipped, "generated vifs left out as undefined behaviour").toBeLessThanOrEqual(all.length / 20);
  });

  it("the pci table (§5.1)", async () => {
    const good = PCI_TABLE.filter((r) => !r.error);
    const bad = PCI_TABLE.filter((r) => r.error);
    const goodBatches = chunks(good, BATCH);
    const answers = await oracleCheckAll(scratch.dir, [
      ...goodBatches.map((batch) => `${HVM}pci=[${batch.map((r) => quoted(r.spec)).join(", ")}]\n`),
      ...bad.map((r) => `${HVM}pci=[${quoted(r.spec)}]\n`),
    ]);
    const mismatches: Mismatch[] = [];
    goodBatches.forEach((batch, b) => {
      const answer = answers[b] as OracleAnswer;
      const expected = { status: 0, devices: batch.map((r) => r.json) };
      const actual = { status: answer.status, devices: listOf(answer, "pcidevs") };
      if (JSON.stringify(sortKeys(actual)) !== JSON.stringify(sortKeys(expected))) mismatches.push({ input: batch.map((r) => r.spec), expected, actual });
    });
    bad.forEach((row, r) => {
      const answer = answers[goodBatches.length + r] as OracleAnswer;
      const actual = { status: answer.status, says: answer.stderr.includes("unable to parse PCI_SPEC_STRING") };
      if (actual.status !== 1 || !actual.says) mismatches.push({ input: row.spec, expected: row.error, actual });
    });
    report("pci table", PCI_TABLE.length, mismatches);
    expect(mismatches).toEqual([]);
  });

  it("300 generated pci specs: verdict, xl's messages and the parsed device", { timeout: SLOW }, async () => {
    const rand = seededRandom(0x9c1d);
    const all = Array.from({ length: 300 }, () => randomPciSpec(rand)).map((spec) => parsePciSpec(detachedSpecText(spec)));
    const usable = all.filter((p) => !p.undefinedBehaviour);
    const accepted = usable.filter((p) => p.accepted);
    const rejected = usable.filter((p) => !p.accepted);
    const batches = chunks(accepted, BATCH);
    const configs = [
      ...batches.map((batch) => `${HVM}pci=[${batch.map((p) => quoted(p.text)).join(", ")}]\n`),
      ...rejected.map((p) => `${HVM}pci=[${quoted(p.text)}]\n`),
    ];
    const answers = await oracleCheckAll(scratch.dir, configs);
    const mismatches: Mismatch[] = [];
    batches.forEach((batch, b) => {
      const answer = answers[b] as OracleAnswer;
      compareItems(mismatches, batch.map((p) => p.text), batch.map(pciJsonOf), answer, listOf(answer, "pcidevs"));
    });
    rejected.forEach((pci, r) => {
      const answer = answers[batches.length + r] as OracleAnswer;
      const expected = { status: 1, ...pciMessages(pci) };
      const actual = {
        status: answer.status,
        unknownOption: answer.stderr.includes("Unknown PCI_SPEC_STRING option"),
        unknownPolicy: answer.stderr.includes("Unknown RDM policy"),
      };
      if (JSON.stringify(actual) !== JSON.stringify(expected)) mismatches.push({ input: pci.text, expected, actual: { ...actual, stderr: answer.stderr } });
    });
    const skipped = all.length - usable.length;
    report("generated pci specs", usable.length, mismatches, ` (${accepted.length} accepted, ${rejected.length} refused, ${skipped} skipped: undefined BDF read)`);
    expect(mismatches).toEqual([]);
    expect(skipped, "generated pci specs left out as undefined behaviour").toBeLessThanOrEqual(all.length / 20);
    expect(accepted.length).toBeGreaterThan(80);
    expect(rejected.length).toBeGreaterThan(50);
  });

  it("the cpus table: check-xl-vcpupin-parse vectors on a 16-CPU, 2-node host", async () => {
    const env = { XL_ORACLE_NR_CPUS: "16", XL_ORACLE_NR_NODES: "2" };
    // An empty hard affinity is fine for `xl vcpu-pin` but stops `xl create`.
    const good = CPU_TABLE.filter((r) => (r.cpus?.length ?? 0) > 0);
    const bad = CPU_TABLE.filter((r) => (r.cpus?.length ?? 0) === 0);
    const goodBatches = chunks(good, BATCH);
    const answers = await oracleCheckAll(
      scratch.dir,
      [...goodBatches.map((batch) => cpusConfig(batch.map((r) => r.list))), ...bad.map((r) => cpusConfig([r.list]))],
      env,
    );
    const mismatches: Mismatch[] = [];
    goodBatches.forEach((batch, b) => {
      const answer = answers[b] as OracleAnswer;
      const expected = { status: 0, cpus: batch.map((r) => r.cpus) };
      const actual = { status: answer.status, cpus: hardAffinity(answer) };
      if (JSON.stringify(actual) !== JSON.stringify(expected)) mismatches.push({ input: batch.map((r) => r.list), expected, actual });
    });
    bad.forEach((row, r) => {
      const answer = answers[goodBatches.length + r] as OracleAnswer;
      if (answer.status !== 1) mismatches.push({ input: row.list, expected: 1, actual: { status: answer.status, lines: answer.lines } });
    });
    report("cpus table", CPU_TABLE.length, mismatches);
    expect(mismatches).toEqual([]);
  });

  it("cpus_soft: an empty soft affinity does not stop xl", async () => {
    const lists = ["^0", "", "3 ", "all,^0"];
    const answers = await oracleCheckAll(scratch.dir, lists.map((l) => `${PV}cpus_soft=${quoted(l)}\n`));
    const expected = lists.map((l) => (parseCpuList(detachedSpecText(l), { affinity: "soft" }).problems.some((p) => p.effect === "fatal") ? 1 : 0));
    expect(answers.map((a) => a.status)).toEqual(expected);
    expect(expected).toEqual([0, 0, 1, 0]);
  });

  it("240 generated cpu lists on three hosts: verdict and the resolved CPUs", { timeout: SLOW }, async () => {
    const hosts: [string, CpuHost, Record<string, string>][] = [
      ["16 CPUs / 2 nodes", evenCpuHost(16, 2), { XL_ORACLE_NR_CPUS: "16", XL_ORACLE_NR_NODES: "2" }],
      ["8 CPUs / 1 node", evenCpuHost(8, 1), {}],
      ["12 CPUs / 3 nodes", evenCpuHost(12, 3), { XL_ORACLE_NR_CPUS: "12", XL_ORACLE_NR_NODES: "3" }],
    ];
    const rand = seededRandom(0xc0de);
    const mismatches: Mismatch[] = [];
    let compared = 0;
    for (const [name, host, env] of hosts) {
      // Ranges xl would take hours to step through are never sent to it.
      const lists = Array.from({ length: 80 }, () => parseCpuList(detachedSpecText(randomCpuList(rand)))).filter(
        (l) => !l.problems.some((p) => p.code === "huge-range"),
      );
      const resolved = lists.map((l) => resolveCpuList(l, host));
      const good = lists.filter((_, i) => (resolved[i]?.length ?? 0) > 0);
      const refused = lists.filter((_, i) => (resolved[i]?.length ?? 0) === 0);
      const batches = chunks(good, BATCH);
      const configs = [
        ...batches.map((batch) => cpusConfig(batch.map((l) => l.text))),
        ...refused.map((l) => cpusConfig([l.text])),
      ];
      const answers = await oracleCheckAll(scratch.dir, configs, env);
      batches.forEach((batch, b) => {
        const answer = answers[b] as OracleAnswer;
        compareItems(mismatches, batch.map((l) => `${name}: ${l.text}`), batch.map((l) => resolveCpuList(l, host)), answer, hardAffinity(answer));
      });
      refused.forEach((list, r) => {
        const answer = answers[batches.length + r] as OracleAnswer;
        if (answer.status !== 1) mismatches.push({ input: [name, list.text], expected: 1, actual: answer.status });
      });
      compared += lists.length;
    }
    report("generated cpu lists", compared, mismatches);
    expect(mismatches).toEqual([]);
  });

  it("the rdm table (§5.4) and 100 generated rdm values", { timeout: SLOW }, async () => {
    const rand = seededRandom(0x4d4d);
    const values = [...RDM_TABLE.map((r) => r.value), ...Array.from({ length: 100 }, () => randomRdm(rand))];
    const answers = await oracleCheckAll(scratch.dir, values.map((v) => `${HVM}rdm=${quoted(v)}\n`));
    const mismatches: Mismatch[] = [];
    values.forEach((value, i) => {
      const answer = answers[i] as OracleAnswer;
      const parsed = parseRdm(detachedSpecText(value));
      const row = RDM_TABLE[i];
      const messages = parsed.problems.filter((p) => p.effect === "warning").length;
      const expected = { status: 0, applied: parsed.applied, host: parsed.applied && parsed.strategy !== undefined, messages };
      if (row) expect([row.applied, row.messages]).toEqual([parsed.applied, messages]);
      const rdm = rdmOf(answer);
      const actual = {
        status: answer.status,
        applied: Object.keys(rdm).length > 0,
        host: rdm.strategy === "host",
        messages: answer.stderr.split("Unknown RDM").length - 1,
      };
      if (JSON.stringify(actual) !== JSON.stringify(expected)) mismatches.push({ input: value, expected, actual: { ...actual, stderr: answer.stderr } });
    });
    report("rdm values", values.length, mismatches);
    expect(mismatches).toEqual([]);
  });

  it("every vif and pci list of the shared corpus", { timeout: SLOW }, async () => {
    const files = corpusConfigs()
      .map((file) => ({ file, text: readFileSync(file, "latin1") }))
      .filter(({ text }) => /^\s*(vif|pci)\s*=/m.test(text));
    const cases = files
      .map(({ file }) => {
        const decoded = decodeFileBytes(readFileSync(file));
        const parsed = parse(decoded.text, { encoding: decoded.encoding });
        if (parsed.diagnostics.some((d) => d.severity === "error")) return undefined;
        const settings = evaluate(parsed.file).settings;
        const vifs = stringItems(settings.get("vif")?.value).map((s) => parseVifSpec(detachedSpecText(s)));
        const pcis = stringItems(settings.get("pci")?.value).map((s) => parsePciSpec(detachedSpecText(s)));
        return { file, vifs, pcis };
      })
      .filter((c) => c !== undefined);
    const answers = await oracleCheckAll(scratch.dir, cases.map((c) => ({ file: c.file })));
    const mismatches: Mismatch[] = [];
    let accepted = 0;
    let specs = 0;
    cases.forEach((c, i) => {
      const answer = answers[i] as OracleAnswer;
      const weRefuse = c.vifs.some((v) => !v.accepted) || c.pcis.some((p) => !p.accepted);
      specs += c.vifs.length + c.pcis.length;
      if (answer.status === 0) {
        accepted++;
        const expected = { refused: false, nics: c.vifs.map((v, n) => nicJsonOf(v, n)), pci: c.pcis.map(pciJsonOf) };
        const actual = { refused: weRefuse, nics: listOf(answer, "nics"), pci: listOf(answer, "pcidevs") };
        if (JSON.stringify(sortKeys(actual)) !== JSON.stringify(sortKeys(expected))) mismatches.push({ input: c.file, expected, actual });
      } else if (/in vif|PCI_SPEC_STRING|to number/.test(answer.stderr) && !weRefuse) {
        mismatches.push({ input: c.file, expected: "accepted vif/pci", actual: answer.stderr });
      }
    });
    report("corpus configs with vif/pci", cases.length, mismatches, ` (${specs} specs; ${accepted} configs accepted by xl and compared field by field)`);
    expect(mismatches).toEqual([]);
    if (files.length > 0) expect(accepted).toBeGreaterThan(10);
  });
});

/** The libxlu messages xl prints before refusing a PCI spec. */
function pciMessages(pci: PciSpec): { unknownOption: boolean; unknownPolicy: boolean } {
  const fatal = pci.problems.find((p) => p.effect === "fatal");
  // When the leading address fails, libxlu re-reads the whole text as
  // key=value pairs, and the first "key" (which holds the address) is unknown.
  const addressCodes = ["bdf-malformed", "bdf-out-of-range", "bdf-missing-function"];
  const positional = fatal !== undefined && addressCodes.includes(fatal.code) && fatal.span.start === 0;
  const unknownOption = fatal?.code === "unknown-key" || (positional && pci.text.includes("="));
  return { unknownOption, unknownPolicy: fatal?.code === "unknown-rdm-policy" };
}

/** A PV config whose `cpus` is one list (one string) or one list item per vCPU. */
function cpusConfig(lists: readonly string[]): string {
  const value = lists.length === 1 ? quoted(lists[0] ?? "") : `[${lists.map(quoted).join(", ")}]`;
  return `${PV}vcpus=1\nmaxvcpus=${lists.length}\ncpus=${value}\n`;
}

function hardAffinity(answer: OracleAnswer): unknown[] {
  const info = json(answer).b_info as Record<string, unknown> | undefined;
  const affinity = info?.vcpu_hard_affinity;
  return Array.isArray(affinity) ? affinity : [];
}

function rdmOf(answer: OracleAnswer): Record<string, unknown> {
  const info = json(answer).b_info as Record<string, Record<string, unknown>> | undefined;
  const rdm = info?.["type.hvm"]?.rdm;
  return typeof rdm === "object" && rdm !== null ? (rdm as Record<string, unknown>) : {};
}

/** The list items xl reads: strings, up to the first item that is not one. */
function stringItems(value: EvalValue | undefined): string[] {
  if (value?.kind !== "list") return [];
  const out: string[] = [];
  for (const item of value.items) {
    if (item.kind !== "string") break;
    out.push(item.value);
  }
  return out;
}

/** Objects with sorted keys, so JSON comparison ignores key order. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, sortKeys(v)]),
    );
  }
  return value;
}
