import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { evaluate, parse, settingsToJson, type ByteEncoding, type ParseDiagnostic } from "../src/index";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
export const sharedDir = path.resolve(repoRoot, "../shared");
/** The real xl as an oracle; XLINT_ORACLE points the tests at another one (a fake, to show that tests fail without it). */
export const oraclePath = process.env["XLINT_ORACLE"] || path.join(sharedDir, "oracle", "xl-oracle");
export const sharedCorpus = path.join(sharedDir, "corpus");
export const testCorpus = path.join(repoRoot, "test-corpus");

/** Every file below dir (sorted), or none when dir does not exist. */
export function walkFiles(dir: string, keep: (file: string) => boolean = () => true): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...walkFiles(full, keep));
    else if (keep(full)) out.push(full);
  }
  return out;
}

export function corpusConfigs(): string[] {
  return walkFiles(sharedCorpus, (f) => !/\/(PROVENANCE\.tsv|README\.md)$/.test(f));
}

let probed: { reason: string | undefined } | undefined;

/**
 * Why the oracle cannot run here, or undefined when it can. The probe asks
 * each kind of question the tests ask and checks the answers make sense: a
 * config's values (`parse`), a config xl accepts and one libxl refuses
 * (`check --deep`, with the JSON xl builds). An oracle that runs but cannot
 * judge ("no verdict", exit 2) counts as unavailable. Asked once per process.
 */
export function oracleUnavailableReason(): string | undefined {
  probed ??= { reason: probeOracle() };
  return probed.reason;
}

function probeOracle(): string | undefined {
  if (!existsSync(oraclePath)) return `no oracle at ${oraclePath}`;
  const dir = mkdtempSync(path.join(tmpdir(), "xlint-probe-"));
  try {
    const file = (name: string, text: string): string => {
      const full = path.join(dir, name);
      writeFileSync(full, text);
      return full;
    };
    const run = (args: string[]) => spawnSync(oraclePath, args, { encoding: "utf8", timeout: 60_000 });
    const says = (r: ReturnType<typeof run>): string => `exit ${r.status ?? r.signal}: ${(r.stderr || r.stdout || "").trim().split("\n")[0] ?? ""}`;
    const parsed = run(["parse", "--values-only", file("probe.cfg", 'name = "probe"\n')]);
    if (parsed.status !== 0 || !parsed.stdout.includes('"probe"')) return `xl-oracle parse does not work here (${says(parsed)})`;
    const good = run(["check", "--deep", file("good.cfg", 'name = "probe"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nmemory = 512\n')]);
    if (good.status !== 0 || !good.stdout.includes('"c_info"')) return `xl-oracle check --deep does not accept a valid config here (${says(good)})`;
    const bad = run(["check", "--deep", file("bad.cfg", 'name = "probe"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nmemory = 512\nmaxvcpus = 2\nvcpus = 3\n')]);
    if (bad.status !== 1) return `xl-oracle check --deep does not refuse an invalid config here (${says(bad)})`;
    return undefined;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface Checked {
  readonly diagnostics: ParseDiagnostic[];
  readonly accepted: boolean;
  readonly json: string | undefined;
}

export function check(text: string, encoding: ByteEncoding = "utf8"): Checked {
  const parsed = parse(text, { encoding });
  const evaluation = evaluate(parsed.file);
  const diagnostics = [...parsed.diagnostics, ...evaluation.diagnostics];
  const accepted = !diagnostics.some((d) => d.severity === "error");
  return { diagnostics, accepted, json: accepted ? settingsToJson(evaluation, encoding) : undefined };
}

/** Runs at most `limit` promises at once, keeping results in input order. */
export async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  });
  await Promise.all(workers);
  return results;
}
