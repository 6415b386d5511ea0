/**
 * The keys of a cpupool file, as `xl cpupool-create` reads them (Xen 4.17
 * tools/xl/xl_cpupool.c, main_cpupoolcreate; unchanged up to 4.22). Only
 * these four are looked up; anything else is ignored without a word.
 */

export type CpupoolKey = "name" | "sched" | "cpus" | "nodes";

export interface CpupoolOption {
  readonly key: CpupoolKey;
  /** How xl reads it: one string, a list, or either (a CPU list string or a list of CPU numbers). */
  readonly shape: "single" | "list" | "either";
  /** What the key does, in our words, for messages and hovers. */
  readonly doc: string;
}

export const cpupoolOptions: readonly CpupoolOption[] = [
  { key: "name", shape: "single", doc: "The pool's name; without it xl names the pool after the file." },
  { key: "sched", shape: "single", doc: "The scheduler of the pool (`credit`, `credit2`, `rtds`, `null`, `arinc653`); without it, the one Xen booted with." },
  { key: "cpus", shape: "either", doc: 'The CPUs moved into the pool: a CPU list string (`"2-5,^3"`) or a list of CPU numbers (`[ "2", "3" ]`).' },
  { key: "nodes", shape: "list", doc: 'NUMA nodes whose free CPUs all move into the pool, as a list of node numbers (`[ "1" ]`); wins over `cpus`.' },
];

export const CPUPOOL_KEYS: ReadonlySet<string> = new Set(cpupoolOptions.map((o) => o.key));

export function cpupoolOptionByKey(key: string): CpupoolOption | undefined {
  return cpupoolOptions.find((o) => o.key === key);
}

/**
 * Scheduler names libxl's `libxl_scheduler_from_string` takes (compared
 * without regard to case). `sedf` and `unknown` are names libxl still knows
 * but Xen has no such scheduler since 4.6, so creating the pool fails.
 */
export const POOL_SCHEDULERS: readonly string[] = ["credit", "credit2", "rtds", "null", "arinc653"];
export const DEAD_SCHEDULERS: readonly string[] = ["sedf", "unknown"];
