/**
 * Conformance with real xl: every config of ../shared/corpus and of our
 * test-corpus is read by libxlu (through xl-oracle) and by xlint; the
 * verdicts and the settings JSON must be identical, byte for byte.
 */
import { execFile, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { decodeFileBytes } from "../src/index";
import { check, corpusConfigs, mapLimited, oraclePath, oracleUnavailableReason, repoRoot, testCorpus, walkFiles } from "./helpers";

const run = promisify(execFile);
const unavailable = oracleUnavailableReason();
if (unavailable) console.warn(`conformance: skipped, ${unavailable}`);

interface Verdict {
  readonly accepted: boolean;
  readonly json: string | undefined;
  readonly detail: string;
}

async function oracleVerdict(file: string): Promise<Verdict> {
  try {
    const { stdout } = await run(oraclePath, ["parse", "--values-only", file], { encoding: "utf8" });
    return { accepted: true, json: stdout, detail: "" };
  } catch (error) {
    const e = error as { code?: number; stderr?: string };
    if (e.code !== 1) throw new Error(`xl-oracle gave no verdict on ${file} (exit ${e.code}): ${e.stderr ?? ""}`);
    return { accepted: false, json: undefined, detail: (e.stderr ?? "").split("\n")[0] ?? "" };
  }
}

function xlintVerdict(file: string): Verdict {
  const { text, encoding } = decodeFileBytes(readFileSync(file));
  const result = check(text, encoding);
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  const detail = errors.map((d) => `${d.range.start.line + 1}:${d.range.start.column + 1} ${d.message}`).join(" | ");
  return { accepted: result.accepted, json: result.json, detail };
}

const files = [...corpusConfigs(), ...walkFiles(testCorpus, (f) => f.endsWith(".cfg"))];

describe.skipIf(unavailable !== undefined)("conformance with xl 4.17 (xl-oracle)", () => {
  it("has files to compare", () => {
    expect(files.length).toBeGreaterThan(20);
  });

  it(`agrees on verdict and settings for every corpus and test-corpus file`, async () => {
    const mismatches: string[] = [];
    const verdicts = await mapLimited(files, 2, oracleVerdict);
    files.forEach((file, i) => {
      const theirs = verdicts[i] as Verdict;
      const ours = xlintVerdict(file);
      const rel = path.relative(repoRoot, file);
      if (theirs.accepted !== ours.accepted) {
        mismatches.push(`${rel}: xl ${theirs.accepted ? "accepts" : `rejects (${theirs.detail})`}, xlint ${ours.accepted ? "accepts" : `rejects (${ours.detail})`}`);
      } else if (theirs.json !== ours.json) {
        mismatches.push(`${rel}: settings differ\n--- xl\n${theirs.json}\n--- xlint\n${ours.json}`);
      }
    });
    const accepted = verdicts.filter((v) => v.accepted).length;
    console.log(`conformance: ${files.length} files (${accepted} accepted by xl), ${files.length - mismatches.length} agree`);
    expect(mismatches).toEqual([]);
  }, 300_000);

  // The same through the built command, as users and the issue's contract see it.
  const cli = path.join(repoRoot, "packages", "cli-lint", "dist", "xlint.cjs");
  const sample = files.filter((_, i) => i % 25 === 0);
  it.each(sample.map((f) => [path.relative(repoRoot, f), f]))("`xlint dump %s` prints what xl-oracle prints", async (_rel, file) => {
    const ours = spawnSync(process.execPath, [cli, "dump", file], { encoding: "utf8" });
    const theirs = await oracleVerdict(file);
    expect(ours.status).toBe(theirs.accepted ? 0 : 1);
    if (theirs.accepted) expect(ours.stdout).toBe(theirs.json);
    else expect(ours.stderr).toMatch(/^.+:\d+:\d+: .+/);
  });
});
