/**
 * Once per test run (vitest `globalSetup`): with XLINT_REQUIRE_ORACLE=1 (CI
 * sets it: it installs the oracle's packages), a missing or broken xl-oracle
 * stops the run at once with one line saying why, instead of letting some 800
 * oracle tests skip and the run pass. Without it, those tests skip and say so.
 * (The guard on the shared corpus is in scripts/test.mjs: vitest ignores an
 * error thrown at teardown.)
 */
import { oracleUnavailableReason } from "./helpers";

export function setup(): void {
  if (process.env["XLINT_REQUIRE_ORACLE"] !== "1") return;
  const reason = oracleUnavailableReason();
  if (!reason) return;
  // One line and a failed run; a thrown error would bury the reason under vitest's stack trace.
  console.error(`XLINT_REQUIRE_ORACLE=1 and the oracle cannot judge: ${reason}`);
  process.exit(1);
}
