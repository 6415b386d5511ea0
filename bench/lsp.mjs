// `npm run bench:lsp`: the language server's latency as an editor feels it.
// Builds the server bundle, then drives packages/lsp/dist/xl-language-server.cjs
// over stdio with vscode-languageserver-protocol (bench/lsp-client.mjs) and
// times every round trip on the client's clock.
//
//   1. One open config of 100, 1,000 and 5,000 lines (bench/lsp-configs.mjs:
//      many keys, comments, long disk and vif lists; no errors, three
//      findings), each in a fresh server:
//      - diagnostics after a one-character change: from sending didChange of
//        version N to receiving publishDiagnostics of version N, alternating a
//        change that keeps the findings (a letter in a comment) with one that
//        changes them (vcpus 2 ↔ 9, above maxvcpus); every publish is checked
//        against the findings expected;
//      - completion at a blank line and inside a value; hover on a key and on
//        a value (an unchanged document: the requests an editor sends while
//        the user reads or moves the cursor).
//   2. A workspace of 10,000 generated configs in a temporary folder (removed
//      after), and a 1,000-line config the editor has open; three unopened
//      configs share the open config's MAC:
//      - time to index: from `initialized` to the end of the server's
//        workDoneProgress (`$/progress` kind 'end'); a server that begins no
//        progress within --progress-wait seconds has no index, and the figure
//        is "not measured";
//      - hover and completion latency while indexing (one request every 10 ms);
//      - diagnostics after a change on the open config, once its diagnostics
//        include the cross-file duplicate-mac (checked in every publish);
//      - the server's peak memory (VmHWM from /proc/PID/status) and VmRSS.
//
// Writes its section ("lsp") of bench/RESULTS.md.
//
//   node bench/lsp.mjs [--quick] [--reps N] [--sizes 100,1000,5000] [--workspace N]
//                      [--progress-wait S] [--server FILE] [--no-write]
//
//   --quick            100 repetitions and a workspace of 1,000 configs: checks the script
//   --reps N           repetitions of each timed figure (default 1,000; --quick: 100)
//   --sizes A,B,...    line counts of the single open config (default 100,1000,5000)
//   --workspace N      configs in the workspace (default 10,000; --quick: 1,000; 0: skip part 2)
//   --progress-wait S  seconds to wait for the server to begin indexing (default 5)
//   --server FILE      another build of the server to measure (run as `node FILE --stdio`)
//   --no-write         print the figures only
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import protocol from "vscode-languageserver-protocol/node";
import { BenchClient, now, summarize } from "./lsp-client.mjs";
import { longConfig, writeWorkspace } from "./lsp-configs.mjs";
import { writeSection } from "./sections.mjs";

const { CompletionRequest, HoverRequest } = protocol;
const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.dirname(here);

// ---------------------------------------------------------------- options

const argv = process.argv.slice(2);
const { values } = parseArgs({
  args: argv,
  options: {
    quick: { type: "boolean", default: false },
    reps: { type: "string" },
    sizes: { type: "string", default: "100,1000,5000" },
    workspace: { type: "string" },
    "progress-wait": { type: "string", default: "5" },
    server: { type: "string" },
    "no-write": { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
});
if (values.help) {
  console.log("usage: node bench/lsp.mjs [--quick] [--reps N] [--sizes 100,1000,5000] [--workspace N] [--progress-wait S] [--server FILE] [--no-write]");
  process.exit(0);
}
function fail(message) {
  console.error(`bench:lsp: ${message}`);
  process.exit(2);
}
const whole = (text, what, min = 0) => {
  const n = Number(String(text).replaceAll("_", ""));
  if (!Number.isInteger(n) || n < min) fail(`${what}: not a whole number of at least ${min}: ${text}`);
  return n;
};
const quick = values.quick;
const reps = whole(values.reps ?? (quick ? 100 : 1000), "--reps", 1);
const warmup = Math.min(50, Math.max(5, Math.floor(reps / 10)));
const sizes = values.sizes.split(",").filter(Boolean).map((s) => whole(s, "--sizes", 80));
const workspaceCount = whole(values.workspace ?? (quick ? 1000 : 10_000), "--workspace");
const bundle = path.resolve(values.server ?? path.join(repo, "packages", "lsp", "dist", "xl-language-server.cjs"));
const progressWaitMs = Number(values["progress-wait"]) * 1000;
if (!(progressWaitMs > 0)) fail("--progress-wait: give a number of seconds above 0");
if (!existsSync(bundle)) fail(`build first (node packages/lsp/build.mjs): ${bundle} is missing`);

// Goals (issue 13).
const GOAL = { requestP99: 10, diagnosticsP99: 20, indexSeconds: 3, memoryMb: 300, workspaceFiles: 10_000, diagnosticsLines: 1000 };
const REQUEST_GAP_MS = 10; // between requests while indexing: an editor's pace, not a flood
const INDEX_TIMEOUT_MS = 300_000;
const CROSS_FILE_RULE = "duplicate-mac";
const FINDING_RULE = "maxvcpus-below-vcpus";

const loadStart = loadavg();
const fmtLoad = (l) => l.map((x) => x.toFixed(2)).join(" / ");
const commit = (() => {
  try {
    const sha = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: repo, encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--untracked-files=no", "--", "packages"], { cwd: repo, encoding: "utf8" }).trim();
    return dirty ? `${sha} with uncommitted changes in packages/` : sha;
  } catch {
    return "unknown";
  }
})();
const noisy = loadStart[0] >= cpus().length * 0.5;
console.log(
  `bench:lsp: ${bundle} (commit ${commit}), node ${process.version}, ${cpus().length} CPUs, load ${fmtLoad(loadStart)} at the start` +
    (noisy ? ` — the machine is busy: figures will be noisy` : ""),
);
console.log(`bench:lsp: ${reps} repetitions per figure (after ${warmup} untimed), sizes ${sizes.join(", ")} lines, workspace ${workspaceCount.toLocaleString("en")} configs${quick ? " (--quick: a check of the script, not the measurement)" : ""}`);

const root = mkdtempSync(path.join(tmpdir(), "xlint-lsp-bench-"));
let cleaned = false;
const clients = new Set();
function cleanup() {
  if (cleaned) return;
  cleaned = true;
  for (const client of clients) if (client.alive) client.child.kill();
  rmSync(root, { recursive: true, force: true });
}
process.on("exit", cleanup);
process.on("SIGINT", () => {
  cleanup();
  process.exit(130);
});

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const codes = (diagnostics) => diagnostics.map((d) => String(d.code));
const ms = (x) => (x === undefined || Number.isNaN(x) ? "—" : x < 10 ? x.toFixed(2) : x.toFixed(1));
const mb = (x) => (Number.isNaN(x) ? "—" : x.toFixed(0));

async function startServer(folder) {
  const client = new BenchClient(bundle, [{ uri: pathToFileURL(folder).href, name: path.basename(folder) }]);
  clients.add(client);
  // A server that dies (a broken build, say) must end the run with its reason, not leave it waiting.
  client.exited.then(({ code, signal }) => {
    if (cleaned || client.stopping) return;
    console.error(`bench:lsp: the server exited (${signal ?? `code ${code}`}) in the middle of the run:\n${client.errors.slice(-5).join("\n")}`);
    cleanup();
    process.exit(1);
  });
  await client.initialize();
  return client;
}

/**
 * Follows the server's workDoneProgress from `since`: waits up to --progress-wait
 * for a 'begin', then for the 'end' of that token, calling `meanwhile` in a loop
 * (requests while indexing) if given. Returns { began, ended } (progress records) or {}.
 */
async function followIndexing(client, since, meanwhile) {
  let began;
  for (;;) {
    began ??= client.progress.find((p) => p.kind === "begin"); // each server is fresh: all its progress is this run's
    const ended = began && client.progress.find((p) => p.kind === "end" && p.token === began.token && p.at >= began.at);
    if (ended) return { began, ended };
    const waited = now() - since;
    if (!began && waited > progressWaitMs) return {};
    if (began && waited > INDEX_TIMEOUT_MS) return { began, timedOut: true };
    if (meanwhile) await meanwhile();
    else await client.nextProgress(100);
  }
}

/** Times `reps` requests (after the warm-up); `answered` says whether a result is a real answer (an empty one is counted, not dropped). */
async function timeRequests(client, type, params, answered) {
  const samples = [];
  let empty = 0;
  let failed = 0;
  for (let i = 0; i < warmup + reps; i++) {
    const r = await client.timed(type, params);
    if (i < warmup) continue;
    if (r.error || r.timedOut) failed++;
    else if (!answered(r.result)) empty++;
    samples.push(r.ms);
  }
  return { ...summarize(samples), empty, failed };
}

const itemsOf = (result) => (result == null ? [] : Array.isArray(result) ? result : result.items);
const hoverAnswered = (result) => result != null && result.contents !== undefined && JSON.stringify(result.contents).length > 2;

/**
 * Diagnostics after one-character changes: even edits flip a letter in a comment
 * (findings unchanged), odd edits flip vcpus between 2 and 9 (maxvcpus-below-vcpus
 * comes and goes). Every publish must hold exactly the findings expected, and
 * `mustHave` (the cross-file rule) when given.
 */
async function timeDiagnostics(client, uri, config, baseline, firstVersion, mustHave) {
  const { commentEdit, findingEdit } = config.marks;
  let comment = "a";
  let vcpus = "2";
  let version = firstVersion;
  const all = [];
  const keep = [];
  const change = [];
  let wrong = 0;
  let lost = 0;
  const firstWrong = [];
  for (let i = 0; i < warmup + reps; i++) {
    version++;
    const changesFindings = i % 2 === 1;
    let at;
    let text;
    if (changesFindings) {
      vcpus = vcpus === "2" ? "9" : "2";
      [at, text] = [findingEdit, vcpus];
    } else {
      comment = comment === "a" ? "b" : "a";
      [at, text] = [commentEdit, comment];
    }
    const range = { start: at, end: { line: at.line, character: at.character + 1 } };
    const r = await client.change(uri, version, range, text, 60_000);
    if (r.timedOut) {
      lost++;
      if (firstWrong.length < 3) firstWrong.push(`version ${version}: no diagnostics within 60 s`);
      continue;
    }
    const found = codes(r.diagnostics);
    const expectFinding = vcpus === "9";
    const right = found.includes(FINDING_RULE) === expectFinding && found.length === baseline + (expectFinding ? 1 : 0) && (!mustHave || found.includes(mustHave));
    if (!right) {
      wrong++;
      if (firstWrong.length < 3) firstWrong.push(`version ${version}: ${found.length} findings (${[...new Set(found)].join(", ")})`);
    }
    if (i < warmup) continue;
    all.push(r.ms);
    (changesFindings ? change : keep).push(r.ms);
  }
  return { all: summarize(all), keep: summarize(keep), change: summarize(change), wrong, lost, firstWrong, lastVersion: version };
}

/** The four request figures on one open config. */
async function timeAllRequests(client, uri, marks) {
  const at = (position) => ({ textDocument: { uri }, position });
  return {
    completionBlank: await timeRequests(client, CompletionRequest.type, { ...at(marks.blankLine), context: { triggerKind: 1 } }, (r) => itemsOf(r).length > 0),
    completionValue: await timeRequests(client, CompletionRequest.type, { ...at(marks.valueInside), context: { triggerKind: 1 } }, (r) => itemsOf(r).length > 0),
    hoverKey: await timeRequests(client, HoverRequest.type, at(marks.hoverKey), hoverAnswered),
    hoverValue: await timeRequests(client, HoverRequest.type, at(marks.hoverValue), hoverAnswered),
  };
}

const REQUEST_LABELS = {
  completionBlank: "completion at a blank line",
  completionValue: "completion inside a value (`on_crash = \"restart\"`, after `res`)",
  hoverKey: "hover on a key (`memory`)",
  hoverValue: "hover on a value (`\"destroy\"`)",
};

// ---------------------------------------------------------------- 1. one open config

const single = [];
for (const lines of sizes) {
  const folder = path.join(root, `single-${lines}`);
  mkdirSync(folder);
  const config = longConfig(lines);
  const file = path.join(folder, `bench-${lines}.cfg`);
  writeFileSync(file, config.text);
  const uri = pathToFileURL(file).href;
  const client = await startServer(folder);
  const since = await client.initialized();
  const indexing = await followIndexing(client, since); // an index of this one-file folder, if the server has one
  const opened = await client.open(uri, config.text);
  const first = await opened.diagnostics;
  if (first.timedOut) fail(`${lines} lines: no diagnostics within 60 s of opening (server errors: ${client.errors.slice(-3).join(" | ") || "none"})`);
  const openMs = first.at - opened.sent;
  const baseline = first.diagnostics.length;
  console.log(`[${lines} lines] opened: diagnostics in ${ms(openMs)} ms: ${baseline} findings (${codes(first.diagnostics).join(", ")})${indexing.ended ? `; indexed the folder in ${ms(indexing.ended.at - since)} ms` : ""}`);
  const requests = await timeAllRequests(client, uri, config.marks);
  for (const [key, r] of Object.entries(requests)) {
    console.log(`[${lines} lines] ${REQUEST_LABELS[key]}: p50 ${ms(r.p50)} ms, p99 ${ms(r.p99)} ms, max ${ms(r.max)} ms${r.empty ? `, ${r.empty} empty answers` : ""}${r.failed ? `, ${r.failed} FAILED` : ""}`);
  }
  const diagnostics = await timeDiagnostics(client, uri, config, baseline, 1);
  console.log(
    `[${lines} lines] diagnostics after a change: p50 ${ms(diagnostics.all.p50)} ms, p99 ${ms(diagnostics.all.p99)} ms, max ${ms(diagnostics.all.max)} ms ` +
      `(keeping the findings p99 ${ms(diagnostics.keep.p99)}, changing them p99 ${ms(diagnostics.change.p99)})` +
      (diagnostics.wrong || diagnostics.lost ? ` — ${diagnostics.wrong} publishes with the wrong findings, ${diagnostics.lost} missing: ${diagnostics.firstWrong.join("; ")}` : ""),
  );
  const memory = client.memory();
  console.log(`[${lines} lines] server memory: VmHWM ${mb(memory.hwm)} MB, VmRSS ${mb(memory.rss)} MB`);
  single.push({ lines, bytes: Buffer.byteLength(config.text), baseline, openMs, requests, diagnostics, memory, alive: client.alive });
  await client.stop();
  clients.delete(client);
}

// ---------------------------------------------------------------- 2. the workspace

let ws;
if (workspaceCount > 0) {
  const folder = path.join(root, "workspace");
  const config = longConfig(GOAL.diagnosticsLines, { name: "bench-ws", macBase: 0x5b });
  const started = now();
  const { openPath, plantedPaths, bytes } = writeWorkspace(folder, workspaceCount, config);
  console.log(`[workspace] wrote ${workspaceCount.toLocaleString("en")} configs + the open one (${(bytes / 1e6).toFixed(2)} MB) in ${ms(now() - started)} ms; ${plantedPaths.length} unopened configs share the open config's MAC ${config.firstMac}`);
  const uri = pathToFileURL(openPath).href;
  const client = await startServer(folder);
  const since = await client.initialized();
  // An editor restores its open files right after `initialized`.
  const opened = await client.open(uri, config.text);
  const during = { hover: [], completion: [], failed: 0, sent: 0 };
  let turn = 0;
  const indexing = await followIndexing(client, since, async () => {
    const began = client.progress.find((p) => p.kind === "begin");
    const hover = turn++ % 2 === 0;
    const position = hover ? config.marks.hoverKey : config.marks.blankLine;
    const sent = now();
    const r = await client.timed(hover ? HoverRequest.type : CompletionRequest.type, { textDocument: { uri }, position }, INDEX_TIMEOUT_MS);
    const ended = client.progress.find((p) => p.kind === "end" && began && p.token === began.token);
    // Counted when sent after indexing began and before it ended.
    if (began && sent >= began.at && (!ended || sent < ended.at)) {
      during.sent++;
      if (r.error || r.timedOut) during.failed++;
      else (hover ? during.hover : during.completion).push(r.ms);
    }
    await sleep(REQUEST_GAP_MS);
  });
  const indexMs = indexing.ended ? indexing.ended.at - since : undefined;
  if (indexing.ended) console.log(`[workspace] indexed in ${ms(indexMs)} ms ("${indexing.began.title ?? ""}"); ${during.sent} requests sent meanwhile, ${during.failed} failed`);
  else if (indexing.timedOut) console.log(`[workspace] indexing began but did not end within ${INDEX_TIMEOUT_MS / 1000} s`);
  else console.log(`[workspace] not measured: the server reported no indexing (no workDoneProgress began within ${progressWaitMs / 1000} s of initialized)`);

  // The cross-file finding must be there before its latencies count.
  await opened.diagnostics;
  // Without an index the server cannot see the unopened configs: no point waiting long.
  const deadline = now() + (indexing.ended ? 15_000 : 2_000);
  let crossFile;
  for (;;) {
    const latest = client.latest.get(uri);
    crossFile = latest?.diagnostics.find((d) => d.code === CROSS_FILE_RULE);
    if (crossFile || now() > deadline) break;
    await sleep(100);
  }
  const plantedNames = plantedPaths.map((p) => path.basename(p));
  const pointsAtPlanted = crossFile !== undefined && plantedNames.some((name) => JSON.stringify(crossFile).includes(name));
  const latest = client.latest.get(uri);
  const baseline = latest?.diagnostics.length ?? 0;
  const firstVersion = latest?.version ?? 1;
  console.log(
    crossFile
      ? `[workspace] the open config's diagnostics include ${CROSS_FILE_RULE}${pointsAtPlanted ? " naming an unopened config that shares its MAC" : " (but naming none of the planted configs)"}`
      : `[workspace] the open config's diagnostics do not include the cross-file ${CROSS_FILE_RULE} (${baseline} findings: ${[...new Set(codes(latest?.diagnostics ?? []))].join(", ")})`,
  );
  const crossFileOk = crossFile !== undefined && pointsAtPlanted;
  const diagnostics = await timeDiagnostics(client, uri, config, baseline, firstVersion, crossFileOk ? CROSS_FILE_RULE : undefined);
  console.log(
    `[workspace] diagnostics after a change on the open ${GOAL.diagnosticsLines}-line config${crossFileOk ? " (with the cross-file finding)" : " (WITHOUT the cross-file finding)"}: ` +
      `p50 ${ms(diagnostics.all.p50)} ms, p99 ${ms(diagnostics.all.p99)} ms, max ${ms(diagnostics.all.max)} ms` +
      (diagnostics.wrong || diagnostics.lost ? ` — ${diagnostics.wrong} publishes with the wrong findings, ${diagnostics.lost} missing: ${diagnostics.firstWrong.join("; ")}` : ""),
  );
  const memory = client.memory();
  console.log(`[workspace] server memory: VmHWM ${mb(memory.hwm)} MB, VmRSS ${mb(memory.rss)} MB`);
  ws = { files: workspaceCount, bytes, indexing, indexMs, during, crossFileOk, crossFile: crossFile !== undefined, diagnostics, memory, serverRequests: Object.fromEntries(client.serverRequests), alive: client.alive };
  await client.stop();
  clients.delete(client);
}

// ---------------------------------------------------------------- 3. goals

const verdict = (met) => (met ? "met" : "NOT met");
const goals = [];
for (const s of single) {
  for (const [key, r] of Object.entries(s.requests)) {
    const broken = r.failed ? ` (${r.failed} requests failed)` : r.empty === r.n ? " (but every answer was empty)" : r.empty ? ` (${r.empty} empty answers)` : "";
    goals.push({ what: `${REQUEST_LABELS[key]}, ${s.lines.toLocaleString("en")} lines: p99 ≤ ${GOAL.requestP99} ms`, figure: `${ms(r.p99)} ms`, verdict: verdict(r.p99 <= GOAL.requestP99 && !r.failed) + broken });
  }
}
const single1000 = single.find((s) => s.lines === GOAL.diagnosticsLines);
const diagnosticsVerdict = (d) => verdict(d.all.p99 <= GOAL.diagnosticsP99 && !d.wrong && !d.lost) + (d.wrong || d.lost ? ` (${d.wrong + d.lost} publishes wrong or missing)` : "");
goals.push(
  single1000
    ? { what: `diagnostics after a change, ${GOAL.diagnosticsLines.toLocaleString("en")} lines: p99 ≤ ${GOAL.diagnosticsP99} ms`, figure: `${ms(single1000.diagnostics.all.p99)} ms`, verdict: diagnosticsVerdict(single1000.diagnostics) }
    : { what: `diagnostics after a change, ${GOAL.diagnosticsLines.toLocaleString("en")} lines`, figure: "—", verdict: `not measured (--sizes without ${GOAL.diagnosticsLines})` },
);
const fullWorkspace = ws && ws.files >= GOAL.workspaceFiles;
const smallNote = ws && !fullWorkspace ? ` (${ws.files.toLocaleString("en")} configs, not ${GOAL.workspaceFiles.toLocaleString("en")})` : "";
const noIndex = "not measured: the server reported no indexing";
if (!ws) goals.push({ what: "the workspace figures", figure: "—", verdict: "not measured (--workspace 0)" });
else {
  const indexed = ws.indexing.ended !== undefined;
  const answered = ws.during.sent > 0 && ws.during.failed === 0;
  goals.push({
    what: `diagnostics after a change, ${GOAL.diagnosticsLines.toLocaleString("en")}-line open config in the workspace, with the cross-file finding: p99 ≤ ${GOAL.diagnosticsP99} ms`,
    figure: ws.crossFileOk ? `${ms(ws.diagnostics.all.p99)} ms` : `(${ms(ws.diagnostics.all.p99)} ms without it)`,
    verdict: ws.crossFileOk ? (fullWorkspace ? diagnosticsVerdict(ws.diagnostics) : `no verdict${smallNote}`) : `not measured: the cross-file ${CROSS_FILE_RULE} is not reported`,
  });
  goals.push({
    what: `indexing ${GOAL.workspaceFiles.toLocaleString("en")} configs ≤ ${GOAL.indexSeconds} s, requests answered meanwhile`,
    figure: indexed ? `${(ws.indexMs / 1000).toFixed(2)} s; ${ws.during.sent} requests, ${ws.during.failed} failed` : ws.indexing.timedOut ? "did not end" : "—",
    verdict: !indexed ? (ws.indexing.timedOut ? "NOT met (indexing did not end)" : noIndex) : fullWorkspace ? verdict(ws.indexMs <= GOAL.indexSeconds * 1000 && answered) + (answered ? "" : ws.during.sent === 0 ? " (no request was sent while indexing)" : " (requests failed)") : `no verdict${smallNote}`,
  });
  const duringAll = summarize([...ws.during.hover, ...ws.during.completion]);
  goals.push({
    what: `hover and completion while indexing: p99 ≤ ${GOAL.requestP99} ms`,
    figure: indexed && duringAll.n ? `${ms(duringAll.p99)} ms (n = ${duringAll.n})` : "—",
    verdict: !indexed ? noIndex : duringAll.n === 0 ? "not measured (no request was answered while indexing)" : fullWorkspace ? verdict(duringAll.p99 <= GOAL.requestP99) : `no verdict${smallNote}`,
  });
  goals.push({
    what: `server memory with the workspace (VmHWM) ≤ ${GOAL.memoryMb} MB`,
    figure: `${mb(ws.memory.hwm)} MB`,
    verdict: !indexed ? `${noIndex} (the figure is the open config alone)` : fullWorkspace ? verdict(ws.memory.hwm <= GOAL.memoryMb) : `no verdict${smallNote}`,
  });
}
console.log("goals:");
for (const g of goals) console.log(`  ${g.what}: ${g.figure} — ${g.verdict}`);

// ---------------------------------------------------------------- 4. bench/RESULTS.md

const loadEnd = loadavg();
const row = (cells) => `| ${cells.join(" | ")} |`;
const figureRow = (file, what, r, extra = "") => row([file, what, r.n, ms(r.p50), ms(r.p99), ms(r.max), extra]);
const checks = (d) => (d.wrong || d.lost ? `**${d.wrong} wrong, ${d.lost} missing**` : "all right");
const tableLines = [];
for (const s of single) {
  const file = `${s.lines.toLocaleString("en")} lines`;
  for (const [key, r] of Object.entries(s.requests)) tableLines.push(figureRow(file, REQUEST_LABELS[key], r, [r.empty ? `${r.empty} empty answers` : "", r.failed ? `**${r.failed} failed**` : ""].filter(Boolean).join(", ")));
  tableLines.push(figureRow(file, "diagnostics after a change (both kinds)", s.diagnostics.all, `findings ${checks(s.diagnostics)}`));
  tableLines.push(figureRow(file, "… keeping the findings (comment letter)", s.diagnostics.keep));
  tableLines.push(figureRow(file, "… changing them (vcpus 2 ↔ 9)", s.diagnostics.change));
}
const singleMemory = single.map((s) => `${s.lines.toLocaleString("en")} lines: ${mb(s.memory.hwm)} MB`).join(", ");
const wsLines = [];
if (ws) {
  const indexed = ws.indexing.ended !== undefined;
  wsLines.push(
    "| what | figure |",
    "|---|---|",
    `| time to index (\`initialized\` → \`$/progress\` end) | ${indexed ? `${(ws.indexMs / 1000).toFixed(2)} s` : ws.indexing.timedOut ? "began, did not end" : noIndex} |`,
    `| requests sent while indexing | ${indexed ? `${ws.during.sent}, ${ws.during.failed} failed` : "—"} |`,
  );
  for (const [kind, list] of [
    ["hover on a key", ws.during.hover],
    ["completion at a blank line", ws.during.completion],
  ]) {
    const r = summarize(list);
    wsLines.push(`| ${kind} while indexing: p50 / p99 / max (n) | ${indexed && r.n ? `${ms(r.p50)} / ${ms(r.p99)} / ${ms(r.max)} ms (${r.n})` : "—"} |`);
  }
  const d = ws.diagnostics;
  wsLines.push(
    `| cross-file ${CROSS_FILE_RULE} in the open config's diagnostics | ${ws.crossFileOk ? "yes, naming a planted unopened config" : ws.crossFile ? "yes, but naming none of the planted configs" : "**no**"} |`,
    `| diagnostics after a change on the open config: p50 / p99 / max (n) | ${ms(d.all.p50)} / ${ms(d.all.p99)} / ${ms(d.all.max)} ms (${d.all.n}), findings ${checks(d)}${ws.crossFileOk ? "" : " — without the cross-file finding, not the goal's figure"} |`,
    `| server memory at the end: VmHWM / VmRSS | ${mb(ws.memory.hwm)} / ${mb(ws.memory.rss)} MB |`,
    `| requests the server sent the client | ${Object.entries(ws.serverRequests).map(([m, n]) => `${m} ×${n}`).join(", ") || "none"} |`,
  );
}
const section = [
  "## The language server's latency (`npm run bench:lsp`)",
  "",
  `Generated by bench/lsp.mjs — rerun it rather than editing this section. ${new Date().toISOString()}, commit ${commit}, Node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model.trim()}), load ${fmtLoad(loadStart)} at the start, ${fmtLoad(loadEnd)} at the end${noisy ? " (a busy machine: the figures, the p99s and maxima above all, are noisy)" : ""}.`,
  "",
  `Command: \`node bench/lsp.mjs${argv.length ? ` ${argv.join(" ")}` : ""}\`${quick ? " — **a quick check of the script (fewer repetitions, a smaller workspace), not the measurement**" : ""}.`,
  "",
  "Method: the client (bench/lsp-client.mjs, vscode-languageserver-protocol) starts `packages/lsp/dist/xl-language-server.cjs --stdio`",
  "as an editor does, with progress, configuration and watched-file capabilities (it answers configuration requests with",
  "the defaults), and times each round trip on its own clock, one request at a time. Diagnostics after a change: from",
  "sending `didChange` of version N to receiving `publishDiagnostics` of version N (whatever debouncing the server does",
  "is inside the figure), alternating a change that keeps the findings (one letter of a comment) and one that changes",
  "them (`vcpus = 2` ↔ `9`, above `maxvcpus`); every publish is checked to hold exactly the findings expected. Requests",
  `run on an unchanged document. Each figure: ${reps.toLocaleString("en")} repetitions after ${warmup} untimed; p50 and p99 by nearest rank. A fresh server for each`,
  "config; the configs (bench/lsp-configs.mjs) are long HVM guests: header comments, about 40 keys, a disk list and a vif list",
  "with a comment every tenth entry; xl accepts them; three findings (a quoted number, a deprecated key, an unknown key).",
  "",
  "### One open config",
  "",
  "| config | figure | n | p50 ms | p99 ms | max ms | notes |",
  "|---|---|---:|---:|---:|---:|---|",
  ...tableLines,
  "",
  `First diagnostics after opening: ${single.map((s) => `${s.lines.toLocaleString("en")} lines ${ms(s.openMs)} ms`).join(", ")}. Server memory (VmHWM): ${singleMemory}.`,
  "",
  ...(ws
    ? [
        `### A workspace of ${ws.files.toLocaleString("en")} configs`,
        "",
        `${ws.files.toLocaleString("en")} configs of bench:cli's generator (${(ws.bytes / 1e6).toFixed(2)} MB) in a temporary folder, 100 per folder, and`,
        `a ${GOAL.diagnosticsLines.toLocaleString("en")}-line config the editor opens right after \`initialized\`; three unopened configs share that config's MAC`,
        "(a cross-file duplicate-mac the server can only find through its index). While the server indexes, the client sends",
        `a hover or a completion on the open config every ${REQUEST_GAP_MS} ms. A server that begins no workDoneProgress within ${progressWaitMs / 1000} s of`,
        "`initialized` has no index: its indexing figures are \"not measured\". The diagnostics figure counts only once the",
        "open config's diagnostics include the cross-file finding, and every publish is checked to still hold it.",
        "",
        ...wsLines,
        "",
      ]
    : []),
  "### Goals",
  "",
  ...goals.map((g) => `- ${g.what}: **${g.figure}** — ${g.verdict}`),
];
if (values["no-write"]) console.log("bench:lsp: --no-write: bench/RESULTS.md left alone");
else {
  writeSection(path.join(here, "RESULTS.md"), "lsp", section.join("\n"));
  console.log("wrote the lsp section of bench/RESULTS.md");
}
cleanup();
process.exit(0);
