// `npm run bench:cli`: the `xlint` command at the scale CI sees, beside the real xl.
//
//   1. 10,000 generated domain configs (realistic: PV, PVH and HVM guests with
//      disks, vifs, comments; one in ten has a mistake) linted in ONE run of
//      the built command: wall time and peak memory (GNU time), median of 3.
//   2. The real xl 4.17 (`xl-oracle check`, which runs `xl -N create`) on each
//      of the same files, one after the other: total and per-file time.
//   3. Cold start: `xlint one.cfg` against `node -e 0`, median of 31 runs.
//
// Writes its section of bench/RESULTS.md. Options: --files N (default 10000),
// --xl-files N (how many files xl checks; default all), --runs N.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { generator } from "./generate-configs.mjs";
import { writeSection } from "./sections.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.dirname(here);
const xlint = path.join(repo, "packages", "cli-lint", "bin", "xlint.cjs");
const oracle = path.resolve(repo, "..", "shared", "oracle", "xl-oracle");

const { values } = parseArgs({
  options: { files: { type: "string", default: "10000" }, "xl-files": { type: "string" }, runs: { type: "string", default: "3" } },
});
const fileCount = Number(values.files);
const xlCount = values["xl-files"] === undefined ? fileCount : Number(values["xl-files"]);
const runs = Number(values.runs);

if (!existsSync(path.join(repo, "packages", "cli-lint", "dist", "xlint.cjs"))) {
  console.error("bench:cli: build first (npm run build)");
  process.exit(2);
}

// The first 10,000 configs of bench:scale's "unique" set (one generator for both).
const config = generator("unique");

const dir = mkdtempSync(path.join(tmpdir(), "xlint-bench-"));
const files = [];
let bytes = 0;
for (let i = 0; i < fileCount; i++) {
  const file = path.join(dir, "guests", `g${String(i).padStart(5, "0")}.cfg`);
  if (i === 0) mkdirSync(path.dirname(file), { recursive: true });
  const text = config(i);
  writeFileSync(file, text);
  files.push(file);
  bytes += text.length;
}
console.log(`generated ${fileCount} configs (${(bytes / 1e6).toFixed(2)} MB) in ${dir}`);

/** Wall seconds and peak RSS (KB) of one command, from GNU time. */
function timed(args, options = {}) {
  const timeFile = path.join(dir, "time.txt");
  const r = spawnSync("/usr/bin/time", ["-f", "%e %M", "-o", timeFile, ...args], { stdio: ["ignore", "pipe", "pipe"], maxBuffer: 1 << 30, ...options });
  const [wall, rss] = readFileSync(timeFile, "utf8").trim().split("\n").pop().split(" ").map(Number);
  return { wall, rss, status: r.status, stdout: r.stdout };
}

const median = (list) => [...list].sort((a, b) => a - b)[Math.floor((list.length - 1) / 2)];

// 1. One xlint run over every file.
const lintRuns = [];
let summary;
for (let i = 0; i < runs; i++) {
  const r = timed([process.execPath, xlint, "--format", "json", path.join(dir, "guests")]);
  summary = JSON.parse(r.stdout.toString()).summary;
  lintRuns.push(r);
  console.log(`xlint run ${i + 1}: ${r.wall.toFixed(2)} s, peak ${(r.rss / 1024).toFixed(0)} MB (exit ${r.status})`);
}
const lintWall = median(lintRuns.map((r) => r.wall));
const lintRss = median(lintRuns.map((r) => r.rss));

// 2. The real xl on each file, one process per file as a hook or CI loop would run it.
let xl;
const oracleReady = existsSync(oracle) && spawnSync(oracle, ["check", files[0]], { stdio: "ignore" }).status === 0;
if (oracleReady && xlCount > 0) {
  const sample = files.slice(0, xlCount);
  const start = process.hrtime.bigint();
  let refused = 0;
  for (const file of sample) if (spawnSync(oracle, ["check", file], { stdio: "ignore" }).status !== 0) refused++;
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  xl = { files: sample.length, seconds, refused };
  console.log(`xl: ${sample.length} files in ${seconds.toFixed(1)} s (${((seconds / sample.length) * 1000).toFixed(2)} ms per file), ${refused} refused`);
} else {
  console.log("xl: skipped (xl-oracle cannot run here)");
}

// 3. Cold start.
const one = path.join(dir, "one.cfg");
writeFileSync(one, config(1));
function startup(args, n = 31) {
  const times = [];
  for (let i = 0; i < n; i++) {
    const start = process.hrtime.bigint();
    spawnSync(args[0], args.slice(1), { stdio: "ignore" });
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(times);
}
const nodeStart = startup([process.execPath, "-e", "0"]);
const xlintStart = startup([process.execPath, xlint, one]);
const versionStart = startup([process.execPath, xlint, "--version"]);
console.log(`cold start: node -e 0 ${nodeStart.toFixed(1)} ms, xlint one.cfg ${xlintStart.toFixed(1)} ms (${(xlintStart / nodeStart).toFixed(2)}×), --version ${versionStart.toFixed(1)} ms`);

const perFileXlint = (lintWall / fileCount) * 1000;
const perFileXl = xl ? (xl.seconds / xl.files) * 1000 : undefined;
const lines = [
  "## The `xlint` command (`npm run bench:cli`)",
  "",
  `Generated by bench/cli.mjs — rerun it rather than editing this section. ${new Date().toISOString()}, Node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model.trim()}), load ${loadavg().map((l) => l.toFixed(2)).join(" / ")} at the end.`,
  "",
  `Input: ${fileCount.toLocaleString("en")} generated domain configs, ${(bytes / 1e6).toFixed(2)} MB (PV, PVH and HVM guests with two disks and a vif each; one in ten has a mistake). xlint found ${summary.errors} errors, ${summary.warnings} warnings and ${summary.infos} infos.`,
  "",
  "| what | figure |",
  "|---|---|",
  `| \`xlint --format json DIR\`, one run over all files (median of ${runs}) | ${lintWall.toFixed(2)} s wall, ${perFileXlint.toFixed(3)} ms per file |`,
  `| peak memory of that run (max RSS) | ${(lintRss / 1024).toFixed(0)} MB |`,
  xl
    ? `| real xl 4.17 (\`xl-oracle check FILE\`, one process per file) on ${xl.files.toLocaleString("en")} files | ${xl.seconds.toFixed(1)} s, ${perFileXl.toFixed(2)} ms per file |`
    : "| real xl 4.17 | not measured (xl-oracle cannot run here) |",
  xl ? `| **xlint per file vs xl per file** (goal: at least 100× faster) | **${(perFileXl / perFileXlint).toFixed(0)}×** |` : "| xlint vs xl | — |",
  `| \`node -e 0\` (median of 31) | ${nodeStart.toFixed(1)} ms |`,
  `| \`xlint one.cfg\` cold start (median of 31) | ${xlintStart.toFixed(1)} ms |`,
  `| **cold start vs \`node -e 0\`** (goal: at most 1.5×) | **${(xlintStart / nodeStart).toFixed(2)}×** |`,
  `| \`xlint --version\` | ${versionStart.toFixed(1)} ms |`,
  "",
  "xlint's cold start uses V8's code cache (packages/cli-lint/bin/xlint.cjs, written by `npm run build`), and modules",
  "only some runs need (diff, atomic writes, globbing, child_process, crypto) are loaded on demand.",
  "The real xl checks one file per process, as a hook or a CI loop would have to run it; it does only xl's own",
  "parsing (`xl -N create`), not libxl's deeper checks that `--deep` adds.",
];
writeSection(path.join(here, "RESULTS.md"), "cli", lines.join("\n"));
rmSync(dir, { recursive: true, force: true });
console.log("wrote the cli section of bench/RESULTS.md");
