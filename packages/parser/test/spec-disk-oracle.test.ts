/**
 * parseDiskSpec against the real xlu_disk_parse of Xen 4.17 (xl-oracle):
 * every disk spec of the corpus configs, then generated specs from a fixed
 * seed. Both sides must accept or reject alike; on accept every field of
 * libxl_device_disk must match (disk-helpers.ts `oracleJsonOf` lists the
 * mapping), on reject xl's error lines (message and `near` text, every line
 * xl prints) and its exit status must match.
 *
 * XLINT_DISK_FUZZ_COUNT sets the number of generated specs (default 5,000),
 * XLINT_DISK_FUZZ_SEED the seed. Skipped when the oracle cannot run here.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { decodeFileBytes, evaluate, parse } from "../src/index";
import { DISK_FLAGS, DISK_KEYS, DISK_PROBLEM_CODES, parseDiskSpec } from "../src/specs/disk";
import { detachedSpecText } from "../src/specs/spec-text";
import { compareWithOracle, diskOracleCommand, generateDiskSpec, mapLimited, mutatedCorpusSpec, runDiskOracle } from "./disk-helpers";
import { corpusConfigs, oracleUnavailableReason, testCorpus, walkFiles } from "./helpers";

const unavailable = oracleUnavailableReason();
const FUZZ_COUNT = intFromEnv("XLINT_DISK_FUZZ_COUNT", 5000);
const FUZZ_SEED = intFromEnv("XLINT_DISK_FUZZ_SEED", 0xd15c);
const MUTATION_COUNT = 1000;
const PARALLEL = 2;
const MAX_SHOWN = 5;

function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, got ${JSON.stringify(raw)}`);
  return value;
}

/** The string items of the `disk` list of every corpus config, as xl reads them (deduplicated). */
function corpusDiskSpecs(): string[] {
  const files = [...corpusConfigs(), ...walkFiles(testCorpus, (file) => file.endsWith(".cfg"))];
  const specs = new Set<string>();
  for (const file of files) {
    const { text, encoding } = decodeFileBytes(readFileSync(file));
    const disk = evaluate(parse(text, { encoding }).file).settings.get("disk");
    if (disk?.value.kind !== "list") continue;
    for (const item of disk.value.items) if (item.kind === "string") specs.add(item.value);
  }
  return [...specs];
}

async function compareAll(specs: readonly string[]): Promise<{ mismatches: string[]; accepted: number }> {
  const command = diskOracleCommand();
  const mismatches: string[] = [];
  let accepted = 0;
  await mapLimited(specs, PARALLEL, async (spec) => {
    const answer = await runDiskOracle(command, spec);
    if (answer.status === 0) accepted++;
    const comparison = compareWithOracle(spec, answer);
    if (!comparison.agree) {
      mismatches.push(`spec ${JSON.stringify(spec)}\n--- ours ---\n${comparison.ours}\n--- oracle ---\n${comparison.oracle}`);
    }
  });
  return { mismatches, accepted };
}

function report(label: string, total: number, accepted: number, mismatches: readonly string[], started: number): void {
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const agreement = (((total - mismatches.length) / Math.max(total, 1)) * 100).toFixed(2);
  console.log(`${label}: ${total} specs (${accepted} accepted by xl), ${agreement}% agreement, ${seconds} s`);
  for (const mismatch of mismatches.slice(0, MAX_SHOWN)) console.log(mismatch);
}

const generated = Array.from({ length: FUZZ_COUNT }, (_, index) => generateDiskSpec(FUZZ_SEED, index));

/** What the generated specs make the parser do: every rule, slot, prefix, flag and error must show up. */
function coverage(specs: readonly string[]): Set<string> {
  const seen = new Set<string>();
  for (const spec of specs) {
    const result = parseDiskSpec(detachedSpecText(spec));
    for (const token of result.tokens) {
      seen.add(`token:${token.kind}`);
      if (token.slot) seen.add(`slot:${token.slot}`);
      if (token.kind === "parameter" || token.kind === "target") seen.add(`key:${token.name ?? ""}`);
    }
    for (const prefix of result.prefixes) seen.add(`prefix:${prefix.value}`);
    for (const flag of result.flags) seen.add(`flag:${flag.value}`);
    for (const problem of result.problems) {
      seen.add(`code:${problem.code}`);
      if (problem.code === "respecified") seen.add(`xl:${problem.xlError}`);
    }
    if (result.accepted) seen.add(`format:${result.disk.format}`);
  }
  return seen;
}

describe("the generated disk specs", () => {
  it("reach every scanner rule, positional slot, prefix, flag, parameter and error", () => {
    const seen = coverage(generated);
    const wanted = [
      ...["blank", "parameter", "flag", "target", "prefix", "positional", "unknown-parameter", "unknown-prefix", "bad"].map((k) => `token:${k}`),
      ...["target", "format", "vdev", "vdev:devtype", "access", "skipped", "extra"].map((k) => `slot:${k}`),
      ...["raw", "qcow", "qcow2", "vhd", "iscsi", "nbd", "enbd", "drbd", "tapdisk", "tap", "tap2", "aio", "ioemu", "file", "phy"].map((k) => `prefix:${k}`),
      ...DISK_FLAGS.map((k) => `flag:${k}`),
      ...DISK_KEYS.map((k) => `key:${k}`),
      ...DISK_PROBLEM_CODES.map((k) => `code:${k}`),
      ...["format", "backend", "specification", "target", "vdev", "script"].map((k) => `xl:${k} respecified`),
      ...["raw", "qcow", "qcow2", "vhd", "qed", "empty"].map((k) => `format:${k}`),
    ];
    expect(wanted.filter((item) => !seen.has(item))).toEqual([]);
  });
});

describe.skipIf(unavailable !== undefined)(`disk specs against xl-oracle${unavailable ? ` (skipped: ${unavailable})` : ""}`, () => {
  it("agrees on every disk spec of the corpus", async () => {
    const started = Date.now();
    const specs = corpusDiskSpecs();
    // The corpus holds 76 distinct disk specs; far fewer means the collection broke.
    expect(specs.length).toBeGreaterThan(60);
    const { mismatches, accepted } = await compareAll(specs);
    report("corpus", specs.length, accepted, mismatches, started);
    expect(mismatches).toEqual([]);
  }, 120_000);

  it(`agrees on ${MUTATION_COUNT} slightly edited corpus specs`, async () => {
    const started = Date.now();
    const bases = corpusDiskSpecs();
    const specs = Array.from({ length: MUTATION_COUNT }, (_, index) => mutatedCorpusSpec(FUZZ_SEED, index, bases));
    const { mismatches, accepted } = await compareAll(specs);
    report("edited corpus", specs.length, accepted, mismatches, started);
    expect(mismatches).toEqual([]);
  }, 120_000);

  it(`agrees on ${FUZZ_COUNT} generated specs (seed ${FUZZ_SEED})`, async () => {
    const started = Date.now();
    const specs = generated;
    const { mismatches, accepted } = await compareAll(specs);
    report("generated", specs.length, accepted, mismatches, started);
    // The generator must keep both sides of the parser busy.
    expect(accepted).toBeGreaterThan(FUZZ_COUNT / 5);
    expect(accepted).toBeLessThan(FUZZ_COUNT * 0.8);
    expect(mismatches).toEqual([]);
  }, 600_000);
});
