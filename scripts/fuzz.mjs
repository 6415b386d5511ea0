// `npm run fuzz`: bundles the fuzzer (packages/linter/test/fuzz, with the
// parser and linter it drives) with esbuild, then runs the bundle with plain
// node, so a million cases run as production-shaped JavaScript rather than
// through tsx's on-the-fly output. Arguments go to the fuzzer:
//
//   npm run fuzz                                   1,000,000 cases, seed 1
//   npm run fuzz -- --count 20000 --seed 7
//   npm run fuzz -- --minutes 10 --workers 1 --limit-ms 2000 --no-save
//
// Findings are saved under packages/linter/test/fuzz-findings/ (see its README).
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const source = path.join(root, "packages", "linter", "test", "fuzz");
// Three folders deep, like the test helpers it bundles: they find the repository
// (and ../shared) three folders up from their own file, which is now this bundle.
const outdir = path.join(root, ".cache", "fuzz", "bundle");

await build({
  entryPoints: { main: path.join(source, "main.ts"), worker: path.join(source, "worker.ts") },
  outdir,
  outExtension: { ".js": ".mjs" },
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  // jsonc-parser's "main" is a UMD build esbuild cannot follow; its "module" build bundles cleanly.
  mainFields: ["module", "main"],
  // CommonJS dependencies call require() for Node's modules; an ES module has none of its own.
  banner: { js: 'import { createRequire as __fuzzCreateRequire } from "node:module"; const require = __fuzzCreateRequire(import.meta.url);' },
  // Not minified, so the stacks in findings keep readable names.
  minify: false,
  logLevel: "warning",
});

const run = spawnSync(process.execPath, [path.join(outdir, "main.mjs"), ...process.argv.slice(2)], { stdio: "inherit" });
process.exit(run.status ?? 1);
