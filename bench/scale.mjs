// `npm run bench:scale`: the built `xlint` command on 10,000, 40,000 and 100,000
// generated domain configs, in two shapes, beside the real xl.
//
//   unique  every name, uuid, MAC and disk target differs (the configs of
//           bench/cli.mjs: same generator, same seed, so the first 10,000 are the
//           very files bench:cli lints).
//   shared  template sprawl: config i is made from template i % 80 and writes
//           that template's root image (/srv/xen/tpl-NN-root.img, access=rw);
//           7 in 8 of them also keep the template's MAC. At 10,000 files that is
//           125 guests on each disk target and about 110 on each MAC. Names stay
//           unique except that every 50th config reuses the name of the one
//           before it.
//
// Files go to guests/dNNN/gNNNNN.cfg (100 per folder) in a folder under the
// system's temporary folder, removed at the end. For each shape and size, ONE run
// of `xlint --format json --output REPORT guests` under GNU time: wall time, peak
// RSS, exit code, report size and the report's summary. The largest size of the
// shared shape is also run with `--format sarif --output REPORT`. The real xl 4.17
// (`xl-oracle check FILE`, one process per file) is timed on a sample of the
// 10,000 unique configs. A run that crashes, runs out of memory or times out is
// recorded as failed, not fatal.
//
// Writes its section ("scale") of bench/RESULTS.md.
//
//   node bench/scale.mjs [--sizes 10000,40000,100000] [--shapes unique,shared]
//                        [--xl-sample 300] [--timeout 1800] [--keep] [-- XLINT-ARGS...]
//
//   --sizes N,N,...   how many files (default 10000,40000,100000)
//   --shapes A,B      unique and/or shared (default both)
//   --xl-sample N     how many of the 10,000 unique configs xl checks (default 300; 0: skip xl)
//   --timeout S       give up on an xlint run after S seconds (default 1800; 0: no limit)
//   --keep            keep the generated folders and reports, and print where they are
//   -- ARGS...        extra arguments for every xlint run, e.g. `-- --jobs 1`
//
// With npm: `npm run bench:scale -- --sizes 10000 -- --jobs 1`.
import { execFileSync, spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { generator, pad, TEMPLATES } from "./generate-configs.mjs";
import { writeSection } from "./sections.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.dirname(here);
const xlint = path.join(repo, "packages", "cli-lint", "bin", "xlint.cjs");
const oracle = path.resolve(repo, "..", "shared", "oracle", "xl-oracle");
const gnuTime = "/usr/bin/time";

// ---------------------------------------------------------------- options

const argv = process.argv.slice(2);
const dashDash = argv.indexOf("--");
const xlintExtra = dashDash < 0 ? [] : argv.slice(dashDash + 1);
const { values } = parseArgs({
  args: dashDash < 0 ? argv : argv.slice(0, dashDash),
  options: {
    sizes: { type: "string", default: "10000,40000,100000" },
    shapes: { type: "string", default: "unique,shared" },
    "xl-sample": { type: "string", default: "300" },
    timeout: { type: "string", default: "1800" },
    keep: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
});
if (values.help) {
  console.log(
    "usage: node bench/scale.mjs [--sizes 10000,40000,100000] [--shapes unique,shared] [--xl-sample 300]\n" +
      "                            [--timeout 1800] [--keep] [-- XLINT-ARGS...]",
  );
  process.exit(0);
}
function fail(message) {
  console.error(`bench:scale: ${message}`);
  process.exit(2);
}
const count = (text, what) => {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) fail(`${what}: not a whole number: ${text}`);
  return n;
};
const sizes = [...new Set(values.sizes.split(",").filter(Boolean).map((s) => count(s.replaceAll("_", ""), "--sizes")))].sort((a, b) => a - b);
if (sizes.length === 0 || sizes.includes(0)) fail("--sizes: give one or more sizes above 0");
const shapes = [...new Set(values.shapes.split(",").filter(Boolean))];
for (const shape of shapes) if (shape !== "unique" && shape !== "shared") fail(`--shapes: unknown shape ${shape} (unique, shared)`);
if (shapes.length === 0) fail("--shapes: give unique, shared or both");
const xlSample = Math.min(count(values["xl-sample"], "--xl-sample"), 10_000);
const timeoutSeconds = count(values.timeout, "--timeout");

if (!existsSync(path.join(repo, "packages", "cli-lint", "dist", "xlint.cjs"))) fail("build first (npm run build)");
if (!existsSync(gnuTime)) fail(`needs GNU time at ${gnuTime}`);
const haveTimeout = spawnSync("timeout", ["--version"], { stdio: "ignore" }).status === 0;

// ---------------------------------------------------------------- generator
// bench/generate-configs.mjs: the same generator as bench/cli.mjs.

/** Writes `size` configs of `shape` to dir/guests/dNNN/gNNNNN.cfg; returns their bytes. */
function generate(shape, size, dir) {
  const config = generator(shape);
  const fileWidth = Math.max(5, String(size - 1).length);
  const dirWidth = Math.max(3, String(Math.ceil(size / 100) - 1).length);
  let bytes = 0;
  let folder;
  for (let i = 0; i < size; i++) {
    if (i % 100 === 0) {
      folder = path.join(dir, "guests", `d${pad(i / 100, dirWidth)}`);
      mkdirSync(folder, { recursive: true });
    }
    const text = config(i);
    writeFileSync(path.join(folder, `g${pad(i, fileWidth)}.cfg`), text);
    bytes += Buffer.byteLength(text);
  }
  return bytes;
}

// ---------------------------------------------------------------- measuring

const root = mkdtempSync(path.join(tmpdir(), "xlint-scale-"));
let cleaned = false;
function cleanup() {
  if (cleaned || values.keep) return;
  cleaned = true;
  rmSync(root, { recursive: true, force: true });
}
process.on("exit", cleanup);
process.on("SIGINT", () => {
  cleanup();
  process.exit(130);
});

/** The first `max` bytes of a file, as text. */
function head(file, max = 1 << 20) {
  const fd = openSync(file, "r");
  try {
    const buffer = Buffer.alloc(Math.min(max, statSync(file).size));
    const n = readSync(fd, buffer, 0, buffer.length, 0);
    return buffer.toString("utf8", 0, n);
  } finally {
    closeSync(fd);
  }
}

/**
 * The `"summary"` of a JSON report. Reads only the end of the file (the summary is
 * the report's last member, and the report can be hundreds of MB); if the end does
 * not look like that, parses the whole file when it is small enough.
 */
function readSummary(file) {
  try {
    const size = statSync(file).size;
    const n = Math.min(size, 1 << 16);
    const fd = openSync(file, "r");
    const buffer = Buffer.alloc(n);
    readSync(fd, buffer, 0, n, size - n);
    closeSync(fd);
    const tail = buffer.toString("utf8");
    let at = tail.lastIndexOf('"summary"');
    while (at > 0 && tail[at - 1] === "\\") at = tail.lastIndexOf('"summary"', at - 1);
    if (at > 0) {
      const open = tail.indexOf("{", at);
      const close = tail.indexOf("}", open);
      if (/^"summary"\s*:\s*$/.test(tail.slice(at, open)) && /^\s*\}\s*$/.test(tail.slice(close + 1))) return JSON.parse(tail.slice(open, close + 1));
    }
  } catch {
    // fall through to the whole file
  }
  try {
    if (statSync(file).size > 256e6) return undefined;
    const summary = JSON.parse(readFileSync(file, "utf8")).summary;
    return summary && typeof summary.errors === "number" ? summary : undefined;
  } catch {
    return undefined;
  }
}

/** One xlint run in `dir` (on its guests/ folder) under GNU time. */
function runXlint(dir, formatArgs, report) {
  const timeFile = path.join(dir, "time.txt");
  const outFile = path.join(dir, "stdout.txt");
  const errFile = path.join(dir, "stderr.txt");
  const command = [gnuTime, "-f", "%e %M", "-o", timeFile];
  if (haveTimeout && timeoutSeconds > 0) command.push("timeout", "--kill-after=10", String(timeoutSeconds));
  command.push(process.execPath, xlint, ...formatArgs, "--output", report, ...xlintExtra, "guests");
  const out = openSync(outFile, "w");
  const err = openSync(errFile, "w");
  const r = spawnSync(command[0], command.slice(1), { cwd: dir, stdio: ["ignore", out, err] });
  closeSync(out);
  closeSync(err);
  const result = { status: r.status, wall: NaN, rss: NaN, notes: [] };
  if (r.error) result.notes.push(`could not run: ${r.error.message}`);
  if (existsSync(timeFile)) {
    const lines = readFileSync(timeFile, "utf8").trim().split("\n");
    const [wall, rss] = lines.at(-1).split(" ").map(Number);
    Object.assign(result, { wall, rss });
    const signal = lines.find((l) => l.startsWith("Command terminated by signal"));
    if (signal) result.notes.push(`killed by signal ${signal.split(" ").pop()}`);
  }
  if (haveTimeout && timeoutSeconds > 0 && r.status === 124) result.notes.push(`timed out after ${timeoutSeconds} s`);
  const stderr = existsSync(errFile) ? head(errFile) : "";
  result.internalError = /internal error/.test(stderr);
  if (result.internalError) result.notes.push("internal error");
  if (/heap out of memory|Reached heap limit|Allocation failed/i.test(stderr)) result.notes.push("out of memory");
  const stderrLines = stderr.split("\n").filter((l) => l.trim());
  result.stderrLine = stderrLines.find((l) => /internal error|FATAL ERROR/.test(l)) ?? stderrLines[0] ?? "";
  result.reportBytes = existsSync(report) ? statSync(report).size : undefined;
  // 0: no errors, 1: errors found; anything else (2: usage/input/internal error, 124: timeout, 128+N: signal) failed.
  result.ok = (r.status === 0 || r.status === 1) && !result.internalError;
  return result;
}

const mb = (bytes) => (bytes / 1e6).toFixed(2);
const fmtInt = (n) => n.toLocaleString("en");
const loadStart = loadavg();
const xlintVersion = (() => {
  try {
    return execFileSync(process.execPath, [xlint, "--version"], { encoding: "utf8" }).trim();
  } catch {
    return "?";
  }
})();
const commit = (() => {
  try {
    const sha = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: repo, encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--untracked-files=no", "--", "packages"], { cwd: repo, encoding: "utf8" }).trim();
    return dirty ? `${sha} with uncommitted changes in packages/` : sha;
  } catch {
    return "unknown";
  }
})();
console.log(`bench:scale: xlint ${xlintVersion} (commit ${commit}), node ${process.version}, ${cpus().length} CPUs, load ${loadStart.map((l) => l.toFixed(2)).join(" / ")}`);
console.log(`bench:scale: sizes ${sizes.map(fmtInt).join(", ")}; shapes ${shapes.join(", ")}; xlint extra args: ${xlintExtra.length ? xlintExtra.join(" ") : "none"}; working in ${root}`);

// 1. The real xl on a sample of the 10,000 unique configs, one process per file.
let xl;
let xlSkipped = xlSample === 0 ? "skipped (--xl-sample 0)" : undefined;
if (xlSample > 0 && !existsSync(oracle)) xlSkipped = `skipped (${oracle} not found)`;
if (!xlSkipped) {
  const sampleDir = path.join(root, "xl-sample");
  mkdirSync(sampleDir);
  const config = generator("unique");
  const wanted = new Set(Array.from({ length: xlSample }, (_, k) => Math.floor((k * 10_000) / xlSample)));
  const sample = [];
  for (let i = 0; i < 10_000; i++) {
    const text = config(i);
    if (!wanted.has(i)) continue;
    const file = path.join(sampleDir, `g${pad(i, 5)}.cfg`);
    writeFileSync(file, text);
    sample.push(file);
  }
  // Config 0 has no mistake: xl must accept it (the first call may also build the oracle).
  const probe = spawnSync(oracle, ["check", sample[0]], { stdio: "ignore", timeout: 600_000 });
  if (probe.status !== 0) xlSkipped = `skipped (xl-oracle check on a clean config exited ${probe.status ?? probe.signal})`;
  else {
    console.log(`xl: checking ${sample.length} of the 10,000 unique configs, one xl-oracle process per file …`);
    let refused = 0;
    let noVerdict = 0;
    const start = process.hrtime.bigint();
    for (const file of sample) {
      const status = spawnSync(oracle, ["check", file], { stdio: "ignore", timeout: 60_000 }).status;
      if (status === 1) refused++;
      else if (status !== 0) noVerdict++;
    }
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    xl = { files: sample.length, seconds, refused, noVerdict, msPerFile: (seconds / sample.length) * 1000 };
    console.log(`xl: ${sample.length} files in ${seconds.toFixed(1)} s, ${xl.msPerFile.toFixed(2)} ms per file (${refused} refused${noVerdict ? `, ${noVerdict} without a verdict` : ""})`);
  }
  if (!values.keep) rmSync(sampleDir, { recursive: true, force: true });
}
if (xlSkipped) console.log(`xl: ${xlSkipped}`);

// 2. xlint on every shape and size.
const rows = [];
const kept = [];
for (const shape of shapes) {
  for (const size of sizes) {
    const label = `[${shape} ${fmtInt(size)}]`;
    const dir = path.join(root, `${shape}-${size}`);
    mkdirSync(dir);
    const started = Date.now();
    const bytes = generate(shape, size, dir);
    console.log(`${label} generated ${fmtInt(size)} configs, ${mb(bytes)} MB, in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    const runs = [["json", ["--format", "json"]]];
    if (shape === "shared" && size === sizes.at(-1)) runs.push(["sarif", ["--format", "sarif"]]);
    for (const [format, formatArgs] of runs) {
      const report = path.join(dir, `report.${format}`);
      console.log(`${label} xlint --format ${format} --output ${path.basename(report)}${xlintExtra.length ? ` ${xlintExtra.join(" ")}` : ""} guests …`);
      const r = runXlint(dir, formatArgs, report);
      const summary = format === "json" && r.reportBytes !== undefined ? readSummary(report) : undefined;
      if (format === "json" && !summary) r.notes.push("report unreadable");
      if (summary && summary.files !== size) r.notes.push(`report covers ${fmtInt(summary.files)} files`);
      const row = { shape, size, bytes, format, ...r, summary, msPerFile: (r.wall / size) * 1000 };
      row.vsXl = xl && r.ok ? xl.msPerFile / row.msPerFile : undefined;
      rows.push(row);
      console.log(
        `${label} ${format}: exit ${r.status ?? "?"}, ${r.wall.toFixed(2)} s wall, ${row.msPerFile.toFixed(3)} ms per file, peak ${(r.rss / 1024).toFixed(0)} MB, ` +
          `report ${r.reportBytes === undefined ? "missing" : `${mb(r.reportBytes)} MB`}` +
          (summary ? `, ${summary.errors} errors / ${summary.warnings} warnings / ${summary.infos} infos` : "") +
          (row.vsXl ? `, ${row.vsXl.toFixed(0)}× xl per file` : "") +
          (r.notes.length ? ` — ${r.notes.join(", ")}` : "") +
          (r.ok ? "" : ` — FAILED${r.stderrLine ? `: ${r.stderrLine.slice(0, 200)}` : ""}`),
      );
      if (!values.keep) rmSync(report, { force: true });
    }
    if (values.keep) kept.push(dir);
    else rmSync(dir, { recursive: true, force: true });
  }
}

// 3. The goals.
const find = (shape, size) => rows.find((r) => r.shape === shape && r.size === size && r.format === "json");
const failure = (row) => `the ${fmtInt(row.size)}-file run failed: exit ${row.status ?? "?"}${row.notes.length ? `, ${row.notes.join(", ")}` : ""}`;
const verdict = (met) => (met ? "met" : "NOT met");
const goals = [];
for (const shape of shapes) {
  const small = find(shape, 10_000);
  const large = find(shape, 40_000);
  const huge = find(shape, 100_000);
  let line = `- ${shape}: peak RSS at 40,000 files / at 10,000 files (goal ≤ 1.3×): `;
  if (!small || !large) line += "not measured (needs --sizes with 10000 and 40000)";
  else {
    const ratio = large.rss / small.rss;
    const failed = [small, large].find((r) => !r.ok);
    line += `${(large.rss / 1024).toFixed(0)} MB / ${(small.rss / 1024).toFixed(0)} MB = **${ratio.toFixed(2)}×** — ${failed ? `NOT met (${failure(failed)})` : verdict(ratio <= 1.3)}`;
  }
  goals.push(line);
  line = `- ${shape}: peak RSS at 100,000 files (goal ≤ 300 MB): `;
  if (!huge) line += "not measured (needs --sizes with 100000)";
  else line += `**${(huge.rss / 1024).toFixed(0)} MB** — ${huge.ok ? verdict(huge.rss / 1024 <= 300) : `NOT met (${failure(huge)})`}`;
  goals.push(line);
  line = `- ${shape}: xlint per file vs xl per file at 10,000 files (goal ≥ 100×): `;
  if (!small) line += "not measured (needs --sizes with 10000)";
  else if (!xl) line += `not measured (xl ${xlSkipped})`;
  else if (!small.ok) line += `NOT met (${failure(small)})`;
  else line += `${xl.msPerFile.toFixed(2)} ms / ${small.msPerFile.toFixed(3)} ms = **${small.vsXl.toFixed(0)}×** — ${verdict(small.vsXl >= 100)}`;
  goals.push(line);
}
console.log("goals:");
for (const line of goals) console.log(`  ${line.slice(2).replaceAll("**", "")}`);

// 4. bench/RESULTS.md.
const loadEnd = loadavg();
const cell = (row) => {
  const exit = `${row.status ?? "?"}${row.notes.length ? ` (${row.notes.join(", ")})` : ""}`;
  return [
    row.shape,
    fmtInt(row.size),
    mb(row.bytes),
    row.format,
    Number.isNaN(row.wall) ? "—" : row.wall.toFixed(2),
    row.ok ? row.msPerFile.toFixed(3) : "—",
    row.vsXl ? `${row.vsXl.toFixed(0)}×` : "—",
    Number.isNaN(row.rss) ? "—" : (row.rss / 1024).toFixed(0),
    row.reportBytes === undefined ? "missing" : mb(row.reportBytes),
    row.summary ? `${fmtInt(row.summary.errors)} / ${fmtInt(row.summary.warnings)} / ${fmtInt(row.summary.infos)}` : row.format === "json" ? "unreadable" : "—",
    row.ok ? exit : `**${exit}**`,
  ];
};
const lines = [
  "## Scale: the `xlint` command on 10,000 to 100,000 files (`npm run bench:scale`)",
  "",
  `Generated by bench/scale.mjs — rerun it rather than editing this section. ${new Date().toISOString()}, xlint ${xlintVersion} (commit ${commit}), Node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model.trim()}), load ${loadStart.map((l) => l.toFixed(2)).join(" / ")} at the start, ${loadEnd.map((l) => l.toFixed(2)).join(" / ")} at the end.`,
  "",
  `Command: \`node bench/scale.mjs${argv.length ? ` ${argv.join(" ")}` : ""}\`${xlintExtra.length ? ` (xlint also got \`${xlintExtra.join(" ")}\`)` : ""}.`,
  "",
  "Input, from a deterministic generator, 100 files per folder (`guests/dNNN/gNNNNN.cfg`); PV, PVH and HVM guests with",
  "two disks and a vif each, one config in ten has a mistake:",
  "",
  "- **unique**: every name, uuid, MAC and disk target differs (bench/cli.mjs's configs; its 10,000 files are the first 10,000 here).",
  `- **shared**: template sprawl. Config i is a clone of template i % ${TEMPLATES}: every clone writes its template's root image`,
  `  (\`/srv/xen/tpl-NN-root.img\`, access=rw) and 7 in 8 clones keep the template's MAC (at 10,000 files: 125 guests on each`,
  "  root image, about 110 on each MAC). Names are unique except that every 50th config reuses the name of the one before it.",
  "",
  "Each row is ONE run of `xlint --format json --output REPORT guests` (the last shared row: `--format sarif`) under GNU time,",
  "in the folder holding guests/. MB = 10^6 bytes; peak RSS is GNU time's max RSS; \"vs xl\" is xl's time per file over",
  "xlint's. Exit 0: no errors, 1: errors found; anything else is a failed run.",
  "",
  "| shape | files | input MB | format | wall s | ms per file | vs xl | peak RSS MB | report MB | errors / warnings / infos | exit |",
  "|---|---:|---:|---|---:|---:|---:|---:|---:|---|---|",
  ...rows.map((row) => `| ${cell(row).join(" | ")} |`),
  "",
  xl
    ? `Real xl 4.17 (\`xl-oracle check FILE\`, one process per file, as a hook or a CI loop runs it) on ${fmtInt(xl.files)} of the 10,000 unique configs (evenly spaced): ${xl.seconds.toFixed(1)} s, **${xl.msPerFile.toFixed(2)} ms per file** (${xl.refused} refused${xl.noVerdict ? `, ${xl.noVerdict} without a verdict` : ""}).`
    : `Real xl 4.17: ${xlSkipped}.`,
  "",
  "Goals:",
  "",
  ...goals,
];
writeSection(path.join(here, "RESULTS.md"), "scale", lines.join("\n"));
console.log("wrote the scale section of bench/RESULTS.md");
if (values.keep) {
  console.log(`kept (remove with rm -r ${root}):`);
  for (const dir of kept) console.log(`  ${dir}  (guests/, report.*, stderr.txt)`);
  if (xl || existsSync(path.join(root, "xl-sample"))) console.log(`  ${path.join(root, "xl-sample")}`);
}
