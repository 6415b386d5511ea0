// `npm run bench`: bundles bench/bench.ts (and the parser it imports) with
// esbuild into bench/out/bench.mjs, then runs that bundle with plain node, so
// the figures are for production-shaped JavaScript, not tsx's on-the-fly output.
//
//   npm run bench                         full run, writes bench/RESULTS.md
//   npm run bench -- --only a,d           just those cases, nothing written
//   npm run bench -- --profile --only a   same, under --cpu-prof (bench/out/profiles/);
//                                         then `node bench/profile-summary.mjs` for a summary
//
// Other arguments (--size-mb, --file-kb, --iterations, --warmup, --seed) go to the bundle.
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = path.dirname(fileURLToPath(import.meta.url));
const outDir = path.join(here, "out");
const outfile = path.join(outDir, "bench.mjs");

const args = process.argv.slice(2);
const profile = args.includes("--profile");
const benchArgs = args.filter((a) => a !== "--profile");

await build({
  entryPoints: [path.join(here, "bench.ts")],
  outfile,
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  // Not minified, so CPU profiles keep readable names; V8 runs both alike.
  minify: false,
  sourcemap: "linked",
  logLevel: "warning",
});

// --expose-gc lets the bench collect garbage between timed runs; the heap
// limit leaves room for the tokens and AST of the 10 MB input.
const nodeFlags = ["--expose-gc", "--max-old-space-size=8192"];
if (profile) {
  const profileDir = path.join(outDir, "profiles");
  mkdirSync(profileDir, { recursive: true });
  nodeFlags.push("--cpu-prof", `--cpu-prof-dir=${profileDir}`);
}

const run = spawnSync(process.execPath, [...nodeFlags, outfile, "--results", path.join(here, "RESULTS.md"), ...benchArgs], {
  stdio: "inherit",
});
process.exit(run.status ?? 1);
