/**
 * The test suite must fail, not skip, when the oracle is required and cannot
 * judge: a nested run of one oracle test file with a fake xl-oracle that
 * answers "no verdict" (wholly, or only to `check`) and XLINT_REQUIRE_ORACLE=1
 * stops with one line saying why; without the variable the same run skips the
 * oracle tests and passes.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { oraclePath, oracleUnavailableReason, repoRoot } from "./helpers";

const fixtures = path.join(repoRoot, "packages", "parser", "test", "fixtures");
const realOracle = oracleUnavailableReason() === undefined ? oraclePath : undefined;

function nestedRun(oracle: string, require: boolean): { status: number | null; output: string } {
  const env: Record<string, string> = { ...(process.env as Record<string, string>), XLINT_ORACLE: oracle, XLINT_REAL_ORACLE: realOracle ?? "/nonexistent" };
  delete env["XLINT_REQUIRE_ORACLE"];
  if (require) env["XLINT_REQUIRE_ORACLE"] = "1";
  // One small file with oracle tests; the dot reporter alone, so the outer run's JSON report is left alone.
  const r = spawnSync("npx", ["vitest", "run", "packages/parser/test/spec-vdev.test.ts", "--reporter=dot"], { cwd: repoRoot, env, encoding: "utf8", timeout: 120_000 });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

describe("a required oracle that cannot judge", () => {
  it("stops the run with one line when it answers nothing", { timeout: 150_000 }, () => {
    const run = nestedRun(path.join(fixtures, "no-verdict-oracle.sh"), true);
    expect(run.status).not.toBe(0);
    expect(run.output).toContain("XLINT_REQUIRE_ORACLE=1 and the oracle cannot judge: xl-oracle parse does not work here (exit 2: xl-oracle (fake): no verdict)");
  });

  it.skipIf(realOracle === undefined)("stops the run when only `check --deep` gives no verdict", { timeout: 150_000 }, () => {
    const run = nestedRun(path.join(fixtures, "check-no-verdict-oracle.sh"), true);
    expect(run.status).not.toBe(0);
    expect(run.output).toContain("xl-oracle check --deep does not accept a valid config here (exit 2");
  });

  it("only skips the oracle tests when the oracle is not required", { timeout: 150_000 }, () => {
    const run = nestedRun(path.join(fixtures, "no-verdict-oracle.sh"), false);
    expect(run.status, run.output).toBe(0);
    expect(run.output).toMatch(/skipped/);
  });
});
