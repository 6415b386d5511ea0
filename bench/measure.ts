/** Timing helpers: warm-up, then N timed runs, summarised by their median. */
import { PerformanceObserver } from "node:perf_hooks";

export interface Timing {
  /** Milliseconds of each timed run, in run order. */
  readonly samples: readonly number[];
  readonly median: number;
  readonly min: number;
  readonly max: number;
  /** Median of the garbage-collection pauses inside each timed run, in ms. */
  readonly gcMedian: number;
}

/** Where results of timed work go, so the engine cannot drop the work. */
let sink = 0;

export function sinkValue(): number {
  return sink;
}

/** A collection between runs keeps one run's garbage from being billed to the next. */
function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) gc();
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

interface Pause {
  readonly start: number;
  readonly duration: number;
}

/**
 * Records the main-thread GC pauses node reports. Reports arrive
 * asynchronously, so `settle` must be awaited before reading them.
 */
class GcPauses {
  private readonly pauses: Pause[] = [];
  private readonly observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) this.pauses.push({ start: entry.startTime, duration: entry.duration });
  });

  constructor() {
    this.observer.observe({ entryTypes: ["gc"] });
  }

  async settle(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }

  /** Total pause time that started within [from, to). */
  within(from: number, to: number): number {
    let total = 0;
    for (const p of this.pauses) if (p.start >= from && p.start < to) total += p.duration;
    return total;
  }

  stop(): void {
    this.observer.disconnect();
  }
}

/** Runs `work` `warmup` times untimed, then `iterations` times timed. */
export async function measure(work: () => number, warmup: number, iterations: number): Promise<Timing> {
  for (let i = 0; i < warmup; i++) {
    collectGarbage();
    sink += work();
  }
  const gc = new GcPauses();
  const windows: { start: number; end: number }[] = [];
  for (let i = 0; i < iterations; i++) {
    collectGarbage();
    const start = performance.now();
    sink += work();
    windows.push({ start, end: performance.now() });
  }
  await gc.settle();
  gc.stop();
  const samples = windows.map((w) => w.end - w.start);
  const gcTimes = windows.map((w) => gc.within(w.start, w.end));
  return { samples, median: median(samples), min: Math.min(...samples), max: Math.max(...samples), gcMedian: median(gcTimes) };
}

/** Throughput in MB/s (1 MB = 10^6 bytes) for `bytes` processed in `ms`. */
export function mbPerSecond(bytes: number, ms: number): number {
  return bytes / 1e6 / (ms / 1000);
}
