/**
 * Once per test run (vitest `globalSetup`): builds the language server's
 * bundle, which the harness tests and the real editors start. Building here,
 * once, rather than in each test file keeps the test files, which run two at a
 * time, from rewriting the bundle while another one is starting it.
 */
import { spawnSync } from "node:child_process";
import { BUILD_SCRIPT } from "./lsp-client";

export function setup(): void {
  const build = spawnSync(process.execPath, [BUILD_SCRIPT], { encoding: "utf8" });
  if (build.status === 0) return;
  console.error(`building the language server for the tests failed:\n${build.stderr}`);
  process.exit(1);
}
