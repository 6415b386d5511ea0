/**
 * A fuzzer thread (see main.ts). In `fuzz` mode it claims case indices from
 * the shared counter until the run's count is reached or the main thread says
 * stop, publishing the index it is on so the main thread's watchdog can tell
 * a hang, and posting every case that breaks something. In `minimize` mode it
 * shrinks one failing case; the main thread gives it a time limit, since a
 * shrunk input could hang where the original did not.
 */
import { parentPort, workerData } from "node:worker_threads";
import { runCase, violationSignature, type FuzzCase, type Violation } from "./checks";
import { makeCase, type MadeCase } from "./inputs";
import { minimize } from "./minimize";
import { loadPool } from "./sources";
import { NEXT, slotOf, STOP, type FromWorker, type WorkerJob } from "./protocol";

const job = workerData as WorkerJob;
// Chevrotain throws an exception for every syntax error, and fuzzed input is full of them: capturing
// ten frames each was a tenth of the run. A finding's stack needs only its first four (checks.ts).
Error.stackTraceLimit = 5;
const post = (message: FromWorker): void => parentPort?.postMessage(message);

function fuzz(job: Extract<WorkerJob, { mode: "fuzz" }>): void {
  const pool = loadPool();
  const state = new Int32Array(job.shared);
  const slot = slotOf(job.slot);
  for (;;) {
    if (Atomics.load(state, STOP) !== 0) break;
    const index = Atomics.add(state, NEXT, 1);
    if (index >= job.count) break;
    Atomics.store(state, slot.current, index);
    const started = performance.now();
    let made: MadeCase;
    try {
      made = makeCase(pool, job.seed, index);
    } catch (error) {
      // A bug of the fuzzer itself, not of xlint: say so, and go on.
      post({ type: "generator-error", index, message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      Atomics.store(state, slot.current, -1);
      continue;
    }
    const outcome = runCase(made);
    const ms = performance.now() - started;
    const violations: Violation[] = [...outcome.violations];
    if (ms > job.limitMs) violations.push({ check: "time", message: `took ${Math.round(ms)} ms, over the limit of ${job.limitMs} ms` });
    if (outcome.formatted) Atomics.add(state, slot.formatted, 1);
    if (outcome.fixes > 0) Atomics.add(state, slot.fixed, 1);
    if (violations.length > 0) post({ type: "finding", index, made, violations });
    Atomics.store(state, slot.current, -1);
    Atomics.add(state, slot.done, 1);
  }
  post({ type: "done" });
}

function shrink(job: Extract<WorkerJob, { mode: "minimize" }>): void {
  const failsAlike = (text: string): boolean => runCase({ ...job.case, text }).violations.some((v) => violationSignature(v) === job.signature);
  const text = minimize(job.case.text, failsAlike);
  const shrunk: FuzzCase = { ...job.case, text };
  post({ type: "minimized", text, violations: runCase(shrunk).violations });
}

if (job.mode === "fuzz") fuzz(job);
else shrink(job);
