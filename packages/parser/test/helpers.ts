import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { evaluate, parse, settingsToJson, type ByteEncoding, type ParseDiagnostic } from "../src/index";

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
export const sharedDir = path.resolve(repoRoot, "../shared");
export const oraclePath = path.join(sharedDir, "oracle", "xl-oracle");
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

/** Why the oracle cannot run here, or undefined when it can. */
export function oracleUnavailableReason(): string | undefined {
  if (!existsSync(oraclePath)) return `no oracle at ${oraclePath}`;
  const dir = mkdtempSync(path.join(tmpdir(), "xlint-probe-"));
  const file = path.join(dir, "probe.cfg");
  writeFileSync(file, 'name = "probe"\n');
  const probe = spawnSync(oraclePath, ["parse", "--values-only", file], { encoding: "utf8" });
  rmSync(dir, { recursive: true, force: true });
  if (probe.status !== 0) return `xl-oracle does not run here (exit ${probe.status}): ${(probe.stderr || "").split("\n")[0]}`;
  return undefined;
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
