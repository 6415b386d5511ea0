/**
 * `npm run fuzz`: the grammar-aware mutation fuzzer (scripts/fuzz.mjs bundles
 * this folder and runs it). Worker threads, one per core, take case indices
 * from a shared counter and run each case through parse, evaluate, formatXl,
 * every rule and the fix loop (checks.ts). This thread is the watchdog: a
 * worker that stays on one case past the time limit is stopped, the case
 * recorded as a hang, and a fresh worker goes on. At the end every new kind
 * of finding is shrunk and saved under packages/linter/test/fuzz-findings/.
 *
 *   --count N     cases to run (default 1,000,000)
 *   --seed S      run seed (default 1); case i depends only on S and i
 *   --minutes M   stop after M minutes, whatever the count
 *   --workers W   threads (default: one per core)
 *   --limit-ms L  a case taking longer is a finding (default 2000)
 *   --no-save     report findings without writing fixtures
 */
import { availableParallelism } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { Worker } from "node:worker_threads";
import type { FuzzCase, Violation } from "./checks";
import { findingsDir } from "./findings";
import { makeCase } from "./inputs";
import { sharedState, slotOf, STOP, type FromWorker, type WorkerJob } from "./protocol";
import { FindingLog } from "./record";
import { loadPool, type FuzzPool } from "./sources";

const { values } = parseArgs({
  options: {
    count: { type: "string", default: "1000000" },
    seed: { type: "string", default: "1" },
    minutes: { type: "string" },
    workers: { type: "string", default: String(availableParallelism()) },
    "limit-ms": { type: "string", default: "2000" },
    "no-save": { type: "boolean", default: false },
  },
});

function whole(name: string, text: string | undefined, min: number): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < min) throw new Error(`--${name} wants a whole number of at least ${min}, not ${JSON.stringify(text)}`);
  return n;
}

const count = whole("count", values.count, 1);
const seed = whole("seed", values.seed, 0);
const workers = whole("workers", values.workers, 1);
const limitMs = whole("limit-ms", values["limit-ms"], 1);
const minutes = values.minutes === undefined ? undefined : Number(values.minutes);
if (minutes !== undefined && !(minutes > 0)) throw new Error(`--minutes wants a positive number, not ${JSON.stringify(values.minutes)}`);
if (count > 2 ** 31 - 1) throw new Error("--count is at most 2147483647 (the shared counter is 32-bit)");

const workerFile = path.join(path.dirname(fileURLToPath(import.meta.url)), "worker.mjs");
const state = sharedState(workers);
const log = new FindingLog();
let generatorErrors = 0;

/** What the watchdog knows of each slot's live worker. */
const watch: { worker: Worker; index: number; since: number; stopped: boolean }[] = [];

/** Records the case `slot` is on as a finding and counts it done: its worker is being stopped or has died. */
function giveUpCase(slot: number, index: number, violation: Violation): void {
  log.add({ index, made: undefined, violations: [violation] });
  Atomics.store(state, slotOf(slot).current, -1);
  Atomics.add(state, slotOf(slot).done, 1);
}

/** Runs one worker in `slot` until it ends: "done", or "again" when it was stopped or died inside a case. */
function runWorker(slot: number): Promise<"done" | "again" | "broken"> {
  const job: WorkerJob = { mode: "fuzz", seed, count, shared: state.buffer as SharedArrayBuffer, slot, limitMs };
  // A heap limit turns a case that eats memory into a crash of its worker rather than of the run.
  const worker = new Worker(workerFile, { workerData: job, resourceLimits: { maxOldGenerationSizeMb: 2048 } });
  const entry = { worker, index: -1, since: performance.now(), stopped: false };
  watch[slot] = entry;
  let done = false;
  return new Promise((resolve) => {
    worker.on("message", (m: FromWorker) => {
      if (m.type === "finding") log.add({ index: m.index, made: m.made, violations: m.violations });
      else if (m.type === "generator-error") {
        generatorErrors++;
        console.error(`fuzz: the generator failed on case ${m.index}: ${m.message}`);
      } else if (m.type === "done") done = true;
    });
    worker.on("error", (error) => {
      const index = Atomics.load(state, slotOf(slot).current);
      if (index < 0) {
        console.error(`fuzz: worker ${slot} failed outside a case: ${error.stack ?? error.message}`);
        return;
      }
      giveUpCase(slot, index, { check: "crash", message: `the worker died: ${error.message}` });
      entry.stopped = true;
    });
    worker.on("exit", () => resolve(done ? "done" : entry.stopped ? "again" : "broken"));
  });
}

async function runSlot(slot: number): Promise<void> {
  for (;;) {
    const outcome = await runWorker(slot);
    if (outcome === "done") return;
    if (outcome === "broken") {
      // Not a finding: the fuzzer itself cannot run. Stop everything rather than loop.
      Atomics.store(state, STOP, 1);
      process.exitCode = 2;
      return;
    }
  }
}

/** A count summed over the slots. */
function total(field: "done" | "formatted" | "fixed"): number {
  let n = 0;
  for (let s = 0; s < workers; s++) n += Atomics.load(state, slotOf(s)[field]);
  return n;
}

const started = performance.now();
const seconds = (): number => (performance.now() - started) / 1000;

const watchdog = setInterval(() => {
  const now = performance.now();
  watch.forEach((entry, slot) => {
    if (entry.stopped) return;
    const index = Atomics.load(state, slotOf(slot).current);
    if (index !== entry.index) {
      entry.index = index;
      entry.since = now;
    } else if (index >= 0 && now - entry.since > limitMs) {
      giveUpCase(slot, index, { check: "time", message: `no result after ${limitMs} ms: the worker was stopped` });
      entry.stopped = true;
      void entry.worker.terminate();
    }
  });
}, 100);

let lastProgress = { n: 0, at: 0 };
const progress = setInterval(() => {
  const n = total("done");
  const at = seconds();
  const rate = Math.round((n - lastProgress.n) / (at - lastProgress.at));
  lastProgress = { n, at };
  console.error(`fuzz: ${n.toLocaleString("en")} of ${count.toLocaleString("en")} in ${Math.round(at)} s (now ${rate}/s), ${log.inputs} inputs with findings`);
}, 15_000);

const deadline = minutes === undefined ? undefined : setTimeout(() => Atomics.store(state, STOP, 1), minutes * 60_000);
process.on("SIGINT", () => {
  if (Atomics.load(state, STOP) !== 0) process.exit(130);
  console.error("fuzz: stopping after the current cases (Ctrl-C again to quit now)");
  Atomics.store(state, STOP, 1);
});

console.error(`fuzz: ${count.toLocaleString("en")} cases, seed ${seed}, ${workers} workers, limit ${limitMs} ms per case`);
await Promise.all(Array.from({ length: workers }, (_, slot) => runSlot(slot)));
const elapsed = seconds();
clearInterval(watchdog);
clearInterval(progress);
if (deadline) clearTimeout(deadline);

const runs = total("done");
const formatted = total("formatted");
const fixed = total("fixed");
console.log(`inputs run: ${runs.toLocaleString("en")}`);
console.log(`time: ${elapsed.toFixed(1)} s`);
console.log(`inputs/s: ${Math.round(runs / elapsed)}`);
console.log(`formatted: ${formatted} (${((100 * formatted) / Math.max(runs, 1)).toFixed(1)}%), fixed by the fix loop: ${fixed} (${((100 * fixed) / Math.max(runs, 1)).toFixed(1)}%)`);
if (generatorErrors > 0) console.log(`generator errors (fuzzer bugs, not findings): ${generatorErrors}`);
console.log(`findings: ${log.size} distinct, in ${log.inputs} inputs`);
for (const { signature, count: n, index } of log.summary()) console.log(`  ${n} × ${signature.slice(0, 300)} (first: case ${index})`);

if (log.size > 0 && !values["no-save"]) {
  let pool: FuzzPool | undefined;
  const remake = (index: number) => makeCase((pool ??= loadPool()), seed, index);
  const written = await log.save(findingsDir, seed, remake, shrinkInWorker);
  console.log(written.length > 0 ? `fixtures written to ${findingsDir}: ${written.join(", ")}` : "no new fixtures: every finding has one already");
}
if (log.size > 0 && process.exitCode === undefined) process.exitCode = 1;

/** Shrinks a case in a worker of its own, given a minute; undefined when it runs out. */
function shrinkInWorker(c: FuzzCase, signature: string): Promise<{ text: string; violations: Violation[] } | undefined> {
  const job: WorkerJob = { mode: "minimize", case: { text: c.text, encoding: c.encoding, kind: c.kind, host: c.host }, signature };
  const worker = new Worker(workerFile, { workerData: job });
  return new Promise((resolve) => {
    const timer = setTimeout(() => void worker.terminate(), 60_000);
    let result: { text: string; violations: Violation[] } | undefined;
    worker.on("message", (m: FromWorker) => {
      if (m.type === "minimized") result = { text: m.text, violations: m.violations };
    });
    worker.on("error", () => undefined);
    worker.on("exit", () => {
      clearTimeout(timer);
      resolve(result);
    });
  });
}
