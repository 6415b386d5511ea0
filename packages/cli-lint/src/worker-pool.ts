/**
 * `--jobs N`: the per-file step (lint-files.ts) in worker threads. Workers
 * run the same bundle (started through the launcher, so they get its code
 * cache too) and take batches of files; results come back as plain data
 * (structured clone) and are put in file order, so the report is the same
 * whatever the number of workers and whichever finishes first.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import type { Worker as WorkerType } from "node:worker_threads";
import { itemEnvironment, processItem, type ItemResult, type RunConfig, type WorkItem } from "./lint-files";

/** The argument that makes the bundle a worker (see main.ts). */
export const WORKER_FLAG = "--xlint-worker";

type ToWorker = { readonly type: "init"; readonly configs: readonly RunConfig[]; readonly sourceLines: boolean } | { readonly type: "batch"; readonly id: number; readonly items: readonly WorkItem[] };
type FromWorker = { readonly type: "done"; readonly id: number; readonly results: readonly ItemResult[] };

/** The script workers start from: the launcher next to the bundle (for its code cache), else the bundle itself; none when running from sources. */
export function workerScript(): string | undefined {
  if (typeof __filename !== "string" || !__filename.endsWith(".cjs")) return undefined;
  const launcher = path.join(path.dirname(__filename), "..", "bin", "xlint.cjs");
  return existsSync(launcher) ? launcher : __filename;
}

/**
 * Runs the items in `jobs` workers; each result goes to `onResult` with its
 * item's index as it arrives, and `onDone` is told how many are done.
 * Rejects if a worker dies.
 */
export async function runInWorkers(
  script: string,
  jobs: number,
  count: number,
  itemAt: (index: number) => WorkItem,
  configs: readonly RunConfig[],
  sourceLines: boolean,
  onDone: (done: number) => void,
  onResult: (index: number, result: ItemResult) => void,
): Promise<void> {
  const { Worker } = process.getBuiltinModule("node:worker_threads");
  // Batches small enough to keep every worker busy to the end, large enough that messages cost little.
  const size = Math.max(8, Math.min(256, Math.ceil(count / (jobs * 16))));
  const batches = Math.ceil(count / size);
  let next = 0;
  let done = 0;
  const workers: WorkerType[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      if (count === 0) resolve();
      const send = (worker: WorkerType): void => {
        if (next >= batches) return;
        const id = next++;
        const items: WorkItem[] = [];
        for (let i = id * size; i < Math.min(count, (id + 1) * size); i++) items.push(itemAt(i));
        worker.postMessage({ type: "batch", id, items } satisfies ToWorker);
      };
      for (let i = 0; i < Math.min(jobs, batches); i++) {
        // A small young generation: a worker's garbage is one file at a time, and a larger nursery only
        // raises peak memory (100,000 configs: 250 instead of 320 MB, no slower; bench/RESULTS.md).
        const worker = new Worker(script, { argv: [WORKER_FLAG], stdout: false, stderr: false, resourceLimits: { maxYoungGenerationSizeMb: 8 } });
        workers.push(worker);
        worker.on("message", (message: FromWorker) => {
          message.results.forEach((result, j) => onResult(message.id * size + j, result));
          done += message.results.length;
          onDone(done);
          if (done === count) resolve();
          else send(worker);
        });
        worker.on("error", (error) => reject(new Error(`a worker thread failed: ${error.message}`)));
        worker.on("exit", (code) => {
          if (code !== 0) reject(new Error(`a worker thread stopped with exit code ${code}`));
        });
        worker.postMessage({ type: "init", configs, sourceLines } satisfies ToWorker);
        // Two batches in flight, so a worker never waits for the main thread between them.
        send(worker);
        send(worker);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/** The worker's side: set up once, then answer batches until terminated. */
export function serveAsWorker(): void {
  const { parentPort } = process.getBuiltinModule("node:worker_threads");
  if (!parentPort) return;
  let env: ReturnType<typeof itemEnvironment> | undefined;
  parentPort.on("message", (message: ToWorker) => {
    if (message.type === "init") {
      env = itemEnvironment(message.configs, message.sourceLines);
      return;
    }
    const current = env as ReturnType<typeof itemEnvironment>;
    const results = message.items.map((item) => processItem(item, current));
    parentPort.postMessage({ type: "done", id: message.id, results } satisfies FromWorker);
  });
}
