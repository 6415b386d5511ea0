/**
 * A CPU list (`cpus`, `cpus_soft`, xl.conf `vm.*cpumask`) read the way Xen
 * 4.17's `parse_cpurange` reads it: `strtok` on commas, each element
 * `[^][node:|nodes:](all|N|N-M)` with decimal `strtoul` numbers, applied
 * left to right. Any bad element makes `xl create` stop. Which CPUs a list
 * selects depends on the host, so `resolveCpuList` takes the host's layout.
 */
import type { SpecField, SpecProblem, SpecText, Span, XlEffect } from "./spec-text";
import { C_INT_MAX, C_ULONG_MAX, glibcStrtoul, rangeHitsModulo32 } from "./c-numbers";
import { splitLikeStrtok } from "./split";

export interface CpuListElement {
  /** The element as `strtok` cut it. */
  readonly span: Span;
  /** `^`: remove these CPUs instead of adding them. */
  readonly exclude: boolean;
  /** `node:` or `nodes:`: the numbers are NUMA nodes, standing for all their CPUs. */
  readonly nodes: boolean;
  /** `all` (every CPU, or every node). */
  readonly all: boolean;
  /** The first and last number of `N` or `N-M` as xl reads them (unsigned 64-bit), absent for `all` and bad elements. */
  readonly first: SpecField<bigint> | undefined;
  readonly last: SpecField<bigint> | undefined;
  /** xl rejects this element. */
  readonly invalid: boolean;
}

export interface CpuList {
  readonly text: string;
  readonly elements: readonly CpuListElement[];
  readonly problems: readonly SpecProblem[];
  /**
   * False when xl refuses the list. A `huge-range` problem (xl loops for
   * hours or forever) is fatal in effect but leaves the list valid, so it
   * can still be resolved.
   */
  readonly valid: boolean;
}

export interface CpuListOptions {
  /**
   * `hard` for `cpus` (the default), `soft` for `cpus_soft`. An empty hard
   * affinity stops `xl create`; an empty soft affinity does not.
   */
  readonly affinity?: "hard" | "soft";
}

/** Reads a CPU list exactly as xl 4.17 does. Never throws. */
export function parseCpuList(spec: SpecText, options: CpuListOptions = {}): CpuList {
  const text = spec.text;
  const elements: CpuListElement[] = [];
  const problems: SpecProblem[] = [];
  for (const piece of splitLikeStrtok(text, ",")) {
    elements.push(readElement(piece.text, piece.start, problems));
  }
  const valid = !elements.some((e) => e.invalid);
  if (valid && !elements.some((e) => !e.exclude)) {
    const hard = (options.affinity ?? "hard") === "hard";
    const effect: XlEffect = hard ? "fatal" : "silent";
    problems.push({
      code: "selects-nothing",
      message: hard
        ? `${text.trim() === "" ? "the CPU list is empty" : "the CPU list only removes CPUs"}, so it selects none and xl stops with "vcpu hard affinity map is empty": list the CPUs to use, e.g. \`all,^0\``
        : `${text.trim() === "" ? "the CPU list is empty" : "the CPU list only removes CPUs"}, so the soft affinity is empty and has no effect: list the CPUs to prefer, e.g. \`all,^0\``,
      span: { start: 0, end: text.length },
      effect,
    });
  }
  return { text, elements, problems, valid };
}

const NODE_PREFIXES = ["node:", "nodes:"];

function readElement(raw: string, start: number, problems: SpecProblem[]): CpuListElement {
  const span: Span = { start, end: start + raw.length };
  let at = 0;
  const exclude = raw.startsWith("^");
  if (exclude) at++;
  const prefix = NODE_PREFIXES.find((p) => raw.startsWith(p, at));
  const nodes = prefix !== undefined;
  if (prefix) at += prefix.length;
  const rest = raw.slice(at);
  const base = { span, exclude, nodes, first: undefined, last: undefined };
  const bad = (message: string): CpuListElement => {
    problems.push({ code: "invalid-range", message, span, effect: "fatal" });
    return { ...base, all: false, invalid: true };
  };

  if (rest === "all") {
    if (exclude) {
      problems.push({
        code: "exclude-all",
        message: `\`${raw}\`: xl cannot remove "all", so it stops with "Can't combine \\"^\\" and \\"all\\""; list what to keep instead`,
        span,
        effect: "fatal",
      });
      return { ...base, all: true, invalid: true };
    }
    return { ...base, all: true, invalid: false };
  }

  const what = nodes ? "node" : "CPU";
  const head = `\`${raw}\` is not a ${what} range xl can read, so it stops with "Invalid pcpu range"`;
  const firstRead = glibcStrtoul(rest, 0, 10);
  if (!firstRead.found || firstRead.value === C_ULONG_MAX) return bad(`${head}: ${describeJunk(rest, nodes)}`);
  let lastRead = firstRead;
  let end = firstRead.end;
  if (rest[end] === "-") {
    lastRead = glibcStrtoul(rest, end + 1, 10);
    if (!lastRead.found || lastRead.value === C_ULONG_MAX) return bad(`${head}: ${describeJunk(rest, nodes)}`);
    if (lastRead.value < firstRead.value) return bad(`${head}: the range runs backwards; write the lower number first`);
    end = lastRead.end;
  }
  if (end < rest.length) {
    const trailing = rest.slice(end);
    const why = /^\s+$/.test(trailing) ? "it ends with a blank, and xl allows blanks only before a number" : describeJunk(rest, nodes);
    return bad(`${head}: ${why}`);
  }

  const offset = start + at;
  const first: SpecField<bigint> = { value: firstRead.value, span: { start: offset, end: offset + firstRead.end } };
  const last: SpecField<bigint> =
    lastRead === firstRead ? first : { value: lastRead.value, span: { start: offset + firstRead.end + 1, end: offset + lastRead.end } };
  const slow = describeSlowRange(lastRead.value - firstRead.value + 1n, nodes);
  if (slow !== undefined) {
    problems.push({
      code: "huge-range",
      message: `\`${raw}\`: xl steps through every number of a range one by one, ${slow.text}; write the ${what} numbers the host has`,
      span,
      effect: slow.hangs ? "fatal" : "silent",
    });
  }
  if ([firstRead, lastRead].some((r) => r.negative || r.value > C_INT_MAX)) {
    problems.push({
      code: "number-wraps",
      message: `\`${raw}\`: xl keeps only the low 32 bits of each ${what} number as a signed int, so a negative or huge number silently selects another ${what} or none; write a ${what} number the host has`,
      span,
      effect: "silent",
    });
  }
  return { ...base, all: false, first, last, invalid: false };
}

/**
 * Rough cost of one step of xl's range loop, measured with xl 4.17 on a
 * small x86 machine: setting one CPU bit ~3 ns, expanding one node ~0.5 µs.
 */
const NANOSECONDS_PER_CPU = 3n;
const NANOSECONDS_PER_NODE = 500n;
const ONE_SECOND = 1_000_000_000n;
const ONE_HOUR = 3600n * ONE_SECOND;

/** When a range is long enough for xl's loop to be noticeably slow: how long it takes, and whether that is forever in practice. */
function describeSlowRange(count: bigint, nodes: boolean): { text: string; hangs: boolean } | undefined {
  const nanoseconds = count * (nodes ? NANOSECONDS_PER_NODE : NANOSECONDS_PER_CPU);
  if (nanoseconds < ONE_SECOND) return undefined;
  if (nanoseconds >= ONE_HOUR) {
    return { text: `so on these ${count} numbers \`xl create\` runs for hours or years and in practice never finishes`, hangs: true };
  }
  return { text: `so these ${count} numbers make \`xl create\` take about ${nanoseconds / ONE_SECOND} s`, hangs: false };
}

function describeJunk(rest: string, nodes: boolean): string {
  if (/^0x/i.test(rest.trim())) return "numbers are decimal, not hex";
  if (/^\s*-/.test(rest)) return "numbers cannot be negative";
  if (/^(node|nodes)$/i.test(rest) || /^nodes?[^:]/i.test(rest)) return "write `nodes:N`";
  if (rest === "") return nodes ? "give a node number or `all` after the prefix" : "give a CPU number, `N-M` or `all`";
  return `use N, N-M or all${nodes ? " (node numbers)" : ""}, optionally after ^ and node: or nodes:`;
}

/** The host layout a CPU list is resolved against. */
export interface CpuHost {
  /** Number of physical CPUs (xl's cpumap has this many bits, rounded up to a multiple of 8). */
  readonly cpuCount: number;
  /** `nodes[n]` lists the CPUs of NUMA node `n`. */
  readonly nodes: readonly (readonly number[])[];
  /** How many node ids the hypervisor reports (max_node_id + 1); 64 on x86. */
  readonly maxNodes?: number;
}

/** A host with `cpuCount` CPUs in `nodeCount` nodes of consecutive CPUs (what check-xl-vcpupin-parse assumes). */
export function evenCpuHost(cpuCount: number, nodeCount: number): CpuHost {
  const perNode = Math.ceil(cpuCount / Math.max(1, nodeCount));
  const nodes: number[][] = Array.from({ length: nodeCount }, () => []);
  for (let cpu = 0; cpu < cpuCount; cpu++) nodes[Math.floor(cpu / perNode)]?.push(cpu);
  return { cpuCount, nodes };
}

/**
 * The CPUs xl's cpumap holds after applying the list on `host`, sorted, or
 * undefined when xl rejects the list. Reproduces xl's bitmaps: the cpumap
 * has `cpuCount` rounded up to 8 bits (so `all` on a 12-CPU host gives 0-15),
 * numbers are cut to a 32-bit int (4294967296 is CPU 0), and a node expands
 * only to CPUs below the node bitmap's size (64 on x86).
 */
export function resolveCpuList(list: CpuList, host: CpuHost): number[] | undefined {
  if (!list.valid) return undefined;
  const cpuBits = roundUp8(host.cpuCount);
  const nodeBits = roundUp8(host.maxNodes ?? 64);
  const map = new Array<boolean>(cpuBits).fill(false);
  const apply = (cpu: number, on: boolean): void => {
    if (cpu >= 0 && cpu < cpuBits) map[cpu] = on;
  };
  for (const element of list.elements) {
    if (element.all) {
      map.fill(true);
      continue;
    }
    const first = element.first?.value;
    const last = element.last?.value;
    if (first === undefined || last === undefined) continue;
    const on = !element.exclude;
    if (element.nodes) {
      host.nodes.forEach((cpus, node) => {
        if (node >= nodeBits || !rangeHitsModulo32(first, last, node)) return;
        for (const cpu of cpus) if (cpu < nodeBits) apply(cpu, on);
      });
    } else {
      for (let cpu = 0; cpu < cpuBits; cpu++) if (rangeHitsModulo32(first, last, cpu)) apply(cpu, on);
    }
  }
  const out: number[] = [];
  map.forEach((set, cpu) => {
    if (set) out.push(cpu);
  });
  return out;
}

function roundUp8(n: number): number {
  return Math.ceil(Math.max(0, n) / 8) * 8;
}
