/**
 * What the fuzzer's main thread and its workers say to each other, and the
 * layout of the shared memory they both read: the next case index, a stop
 * flag, and per worker slot the index it is on (-1 between cases), how many
 * cases it finished and how many of those formatXl accepted and the fix loop
 * changed. A slot outlives its worker, so a worker started in place of one
 * stopped for a hang goes on counting where it left off.
 */
import type { FuzzCase, Violation } from "./checks";
import type { MadeCase } from "./inputs";

export const NEXT = 0;
export const STOP = 1;
const FIRST_SLOT = 2;

const SLOT_SIZE = 4;

/** Where a slot's numbers are: the case it is on, cases done, and of those, formatted and changed by fixes. */
export function slotOf(slot: number): { current: number; done: number; formatted: number; fixed: number } {
  const at = FIRST_SLOT + SLOT_SIZE * slot;
  return { current: at, done: at + 1, formatted: at + 2, fixed: at + 3 };
}

export function sharedState(slots: number): Int32Array {
  const state = new Int32Array(new SharedArrayBuffer(4 * (FIRST_SLOT + SLOT_SIZE * slots)));
  for (let s = 0; s < slots; s++) state[slotOf(s).current] = -1;
  return state;
}

export type WorkerJob =
  | {
      readonly mode: "fuzz";
      readonly seed: number;
      readonly count: number;
      readonly shared: SharedArrayBuffer;
      readonly slot: number;
      /** A case that finishes but took longer than this is a finding too. */
      readonly limitMs: number;
    }
  | { readonly mode: "minimize"; readonly case: FuzzCase; readonly signature: string };

export type FromWorker =
  | { readonly type: "finding"; readonly index: number; readonly made: MadeCase; readonly violations: Violation[] }
  | { readonly type: "generator-error"; readonly index: number; readonly message: string }
  | { readonly type: "done" }
  | { readonly type: "minimized"; readonly text: string; readonly violations: Violation[] };
