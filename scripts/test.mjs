// Runs the test suite with vitest and ends with a plain "N passed, N failed"
// line (CI reads it), keeping vitest's exit status.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { fingerprint } from "./corpus-guard.mjs";

const sharedCorpus = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "shared", "corpus");
const corpusBefore = fingerprint(sharedCorpus);
// `--report PATH`: where the vitest config writes its JSON report (the end-to-end config writes its own).
const args = process.argv.slice(2);
const reportAt = args.indexOf("--report");
const report = reportAt >= 0 ? args.splice(reportAt, 2)[1] : ".cache/vitest-results.json";
rmSync(report, { force: true });
const run = spawnSync("npx", ["vitest", "run", ...args], { stdio: "inherit" });
let status = run.status ?? 1;
if (fingerprint(sharedCorpus) !== corpusBefore) {
  console.log(`a test changed ${sharedCorpus}, which tests may only read: restore it from its source and find the test`);
  status = 1;
}
if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, "utf8"));
  const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  if (r.numTotalTests === 0) status = 1; // a run that tested nothing is a failure
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped`);
} else {
  console.log("0 passed, 1 failed (vitest wrote no report)");
  status = status || 1;
}
process.exit(status);
