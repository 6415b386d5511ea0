// Bundles the xlint command into one CommonJS file so it starts fast
// (no module resolution across workspaces, no TypeScript at run time).
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";
import { bundleNodeProgram } from "../../scripts/bundle.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const outfile = path.join(here, "dist", "xlint.cjs");
await bundleNodeProgram(path.join(here, "src", "main.ts"), outfile);

// The launcher runs the bundle as a plain script (vm.Script), where a dynamic
// import() has no loader: every module must be bundled or fetched with
// require/getBuiltinModule. A real import() left in the bundle fails only
// when its code path runs, so refuse it here.
const dynamicImport = /\bimport\(\s*["'`]/.exec(readFileSync(outfile, "utf8"));
if (dynamicImport) {
  console.error(`build: the bundle still holds a dynamic import (${dynamicImport[0]}…); the launcher cannot load it. Use process.getBuiltinModule or a static import.`);
  process.exit(1);
}

// V8's code cache for the launcher (bin/xlint.cjs): made by one run over an
// example config, so it covers the functions a lint run compiles too.
const cache = path.join(here, "dist", "xlint.cjs.cache");
rmSync(cache, { force: true });
const example = path.join(here, "..", "..", "test-corpus", "examples", "web01.cfg");
const run = spawnSync(process.execPath, [path.join(here, "bin", "xlint.cjs"), "--format", "stylish", example], {
  env: { ...process.env, XLINT_WRITE_CODE_CACHE: "1" },
  stdio: "ignore",
});
if (run.status !== 0) {
  console.error(`build: the run that makes the code cache failed (exit ${run.status}); xlint works without it, only slower to start`);
  rmSync(cache, { force: true });
}
