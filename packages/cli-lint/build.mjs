// Bundles the xlint command into one CommonJS file so it starts fast
// (no module resolution across workspaces, no TypeScript at run time).
import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));

await build({
  entryPoints: [path.join(here, "src", "main.ts")],
  outfile: path.join(here, "dist", "xlint.cjs"),
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  // jsonc-parser's "main" is a UMD build that loads its parts with a runtime
  // require() esbuild cannot follow; its "module" build bundles cleanly.
  mainFields: ["module", "main"],
  // Some ESM dependencies (fdir, under tinyglobby) call createRequire(import.meta.url);
  // in a CommonJS bundle that URL has to come from __filename.
  define: { "import.meta.url": "__xlintImportMetaUrl" },
  banner: { js: 'const __xlintImportMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
  // XLINT_BUILD_READABLE=1 keeps names, for CPU profiles.
  minify: process.env.XLINT_BUILD_READABLE !== "1",
  sourcemap: false,
  legalComments: "none",
  logLevel: "warning",
});

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
