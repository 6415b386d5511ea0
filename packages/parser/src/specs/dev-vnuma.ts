/**
 * `vnuma = [ ["pnode=0","size=512","vcpus=0-1","vdistances=10,20"], … ]`
 * as xl 4.17 reads it: one list per virtual node; each string is split at
 * `=` by the 4.17 pair splitter and trimmed; numbers go through xl's
 * `parse_ulong` (decimal, junk after the digits ignored). xl adds up the
 * vCPUs and the sizes and checks them against `maxvcpus`/`maxmem` and the
 * host; libxl later checks that every vCPU sits in exactly one node.
 */
import type { SpecField, SpecProblem, SpecText } from "./spec-text";
import {
  problemAtPath,
  makeListProblem,
  noteRepeatedKey,
  devProblem,
  quoteForMessage,
  sliceSpan,
  splitPairXl417,
  strtokSlices,
  trimCSpaceSlice,
  type ListProblem,
  type SpecSlice,
  type SpecItem,
} from "./dev-common";
import { glibcStrtoul, C_ULONG_MAX } from "./c-numbers";

export interface VnumaOptions {
  /** `maxvcpus` when set (0 counts as not set, as in xl). */
  readonly maxVcpus?: number;
  /** `maxmem` in MiB when set. */
  readonly maxMemMiB?: bigint;
  /** `memory` in MiB when set (memory below the vNUMA total means PoD, which libxl refuses with vNUMA). */
  readonly memoryMiB?: bigint;
  /** Guest type: libxl refuses vNUMA on PV guests. */
  readonly guestType?: "pv" | "pvh" | "hvm";
  /** Host facts, when known: NUMA nodes, online pCPUs, and the pCPU count libxl sizes CPU maps with. */
  readonly hostNodes?: number;
  readonly hostCpus?: number;
  readonly hostMaxCpus?: number;
}

export interface Vnode {
  readonly index: number;
  readonly pnode: SpecField<bigint> | undefined;
  /** Size in MiB (the sum when `size=` is repeated, as xl adds each one). */
  readonly sizeMiB: bigint;
  /** The vCPU numbers xl counts for this node, in order (duplicates kept; an absurdly long range is cut short). */
  readonly vcpus: readonly bigint[];
  /** How many vCPUs xl counts for this node. */
  readonly vcpuCount: bigint;
  readonly distances: readonly SpecField<bigint>[];
}

export interface VnumaConfig {
  readonly nodes: readonly Vnode[];
  /** The vCPU total xl compares with `maxvcpus`. */
  readonly totalVcpus: bigint;
  /** The memory total in MiB xl compares with `maxmem`. */
  readonly totalMiB: bigint;
  readonly problems: readonly ListProblem[];
}

/** A range this long keeps xl counting for ages (2^32 steps). */
const HANG_RANGE = 1n << 32n;

/** Beyond this many vCPUs in one range, the list is cut (the count stays exact). */
const MAX_LISTED_VCPUS = 65536;

interface NodeState {
  pnode: SpecField<bigint> | undefined;
  sizeKiB: bigint;
  vcpus: bigint[];
  vcpuCount: bigint;
  distances: SpecField<bigint>[];
}

/** Reads the whole `vnuma` value (its items must each be a list). */
export function parseVnuma(items: readonly SpecItem[], options: VnumaOptions = {}): VnumaConfig {
  const problems: ListProblem[] = [];
  const nodes: Vnode[] = [];
  let totalKiB = 0n;
  let totalVcpus = 0n;
  for (const [index, item] of items.entries()) {
    if (item.kind === "string") {
      problems.push(
        makeListProblem(
          [index],
          "vnode-not-a-list",
          `vnuma item ${index + 1} is a string, but each virtual node must be a list such as ["pnode=0","size=512","vcpus=0-1"]: xl refuses the config`,
          "fatal",
          { start: 0, end: item.spec.text.length },
        ),
      );
      continue;
    }
    const state: NodeState = { pnode: undefined, sizeKiB: 0n, vcpus: [], vcpuCount: 0n, distances: [] };
    const seen = new Map<string, SpecSlice>();
    for (const [entryIndex, entry] of item.items.entries()) {
      const path = [index, entryIndex];
      if (entry.kind === "list") {
        problems.push(makeListProblem(path, "nested-list", "a list inside a virtual node is silently skipped by xl; write the setting as a \"key=value\" string", "silent"));
        continue;
      }
      const own: SpecProblem[] = [];
      readEntry(entry.spec, items.length, state, seen, options, own);
      problems.push(...own.map((p) => problemAtPath(path, p)));
    }
    totalKiB = BigInt.asUintN(64, totalKiB + state.sizeKiB);
    totalVcpus += state.vcpuCount;
    nodes.push({ index, pnode: state.pnode, sizeMiB: state.sizeKiB >> 10n, vcpus: state.vcpus, vcpuCount: state.vcpuCount, distances: state.distances });
  }
  if (nodes.length > 0 && nodes.length === items.length) checkTotals(nodes, totalVcpus, totalKiB, options, problems);
  return { nodes, totalVcpus, totalMiB: totalKiB >> 10n, problems };
}

function readEntry(spec: SpecText, nodeCount: number, state: NodeState, seen: Map<string, SpecSlice>, options: VnumaOptions, problems: SpecProblem[]): void {
  const whole: SpecSlice = { text: spec.text, start: 0, end: spec.text.length };
  const split = splitPairXl417(whole, "=");
  if (!split) {
    problems.push(devProblem("bad-pair", `${quoteForMessage(spec.text)} is not key=value with both sides non-empty: xl refuses the config; write "key=value"`, sliceSpan(whole), "fatal"));
    return;
  }
  if (split.dropped) {
    problems.push(devProblem("value-cut-at-equals", `xl 4.17 cuts this value at the second \`=\` and silently drops ${quoteForMessage(split.dropped.text)}`, sliceSpan(split.dropped), "silent"));
  }
  const key = trimCSpaceSlice(split.first);
  const value = trimCSpaceSlice(split.second);
  noteRepeatedKey(seen, key, "virtual node", problems);
  switch (key.text) {
    case "pnode": {
      const pnode = parseUlong(value, problems);
      if (pnode === undefined) return;
      state.pnode = { value: pnode, span: sliceSpan(value) };
      const nodes = options.hostNodes;
      if ((nodes !== undefined && pnode >= BigInt(nodes)) || pnode > 0xffffffffn) {
        const where = nodes === undefined ? "no host has that many NUMA nodes" : nodes === 1 ? "the host has 1 NUMA node, node 0" : `the host has ${nodes} NUMA nodes, 0-${nodes - 1}`;
        problems.push(devProblem("pnode-out-of-range", `there is no host NUMA node ${pnode} (${where}): xl refuses the config with "invalid pnode number"; use a node number shown by \`xl info -n\``, sliceSpan(value), "fatal"));
      }
      return;
    }
    case "size": {
      const size = parseUlong(value, problems);
      if (size !== undefined) state.sizeKiB = BigInt.asUintN(64, state.sizeKiB + BigInt.asUintN(64, size << 10n));
      return;
    }
    case "vcpus":
      readVcpus(value, state, problems);
      return;
    case "vdistances": {
      const parts = splitList(value, "vdistances", problems);
      if (!parts) return;
      state.distances = [];
      for (const part of parts) {
        const distance = parseUlong(part, problems);
        if (distance === undefined) return;
        state.distances.push({ value: distance, span: sliceSpan(part) });
      }
      if (parts.length > nodeCount) {
        problems.push(
          devProblem("too-many-distances", `${parts.length} distances for ${nodeCount} virtual node(s): xl writes the extra ones past the end of its table (memory corruption); give exactly one per node`, sliceSpan(value), "silent"),
        );
      } else if (parts.length < nodeCount) {
        problems.push(
          devProblem("too-few-distances", `${parts.length} distance(s) for ${nodeCount} virtual nodes: the missing ones are silently 0, which the guest sees as its distance table; give exactly one per node`, sliceSpan(value), "guest"),
        );
      }
      return;
    }
    default:
      problems.push(devProblem("unknown-key", `${quoteForMessage(key.text)} is not a vnode setting: xl silently ignores it; the keys are pnode, size, vcpus and vdistances`, sliceSpan(key), "silent"));
  }
}

/** xl's `parse_ulong`: decimal strtoul; fatal when nothing is read or the result is ULONG_MAX. */
function parseUlong(value: SpecSlice, problems: SpecProblem[]): bigint | undefined {
  const read = glibcStrtoul(value.text, 0, 10);
  if (read.end === 0 || read.value === C_ULONG_MAX) {
    problems.push(devProblem("not-a-number", `${quoteForMessage(value.text)} is not a number xl can convert: xl refuses the config; write a decimal number`, sliceSpan(value), "fatal"));
    return undefined;
  }
  if (read.end < value.text.length) {
    const suffix = /^\s*[kKmMgGtT]/.test(value.text.slice(read.end)) ? " (sizes are plain MiB; there are no unit suffixes)" : "";
    problems.push(
      devProblem(
        "number-with-junk",
        `xl reads ${quoteForMessage(value.text)} as ${read.value} and silently ignores ${quoteForMessage(value.text.slice(read.end))}${suffix}; write just the number`,
        { start: value.start + read.end, end: value.end },
        "silent",
      ),
    );
  }
  if (read.negative) {
    problems.push(devProblem("negative-number", `${quoteForMessage(value.text)} is negative: xl wraps it to ${read.value}; write a positive number`, sliceSpan(value), "silent"));
  }
  return read.value;
}

/** `split_string_into_string_list(value, ",")`, which crashes when there is no entry. */
function splitList(value: SpecSlice, key: string, problems: SpecProblem[]): SpecSlice[] | undefined {
  const parts = strtokSlices(value.text, ",").map((p) => ({ text: p.text, start: p.start + value.start, end: p.end + value.start }));
  if (parts.length === 0) {
    problems.push(devProblem("empty-list-crash", `\`${key}=\` has no entry: xl 4.17 crashes on it, so the guest is not created; give at least one value`, sliceSpan(value), "fatal"));
    return undefined;
  }
  return parts;
}

/**
 * xl's `parse_range` on each vCPU entry. Its result is ignored: whatever it
 * left in its two numbers is used as a range, so junk silently counts as
 * vCPU 0 and a reversed range counts as nothing.
 */
function readVcpus(value: SpecSlice, state: NodeState, problems: SpecProblem[]): void {
  const parts = splitList(value, "vcpus", problems);
  if (!parts) return;
  for (const part of parts) {
    const first = glibcStrtoul(part.text, 0, 10);
    let a = first.value;
    let b = first.value;
    let ok = first.end !== 0 && first.value !== C_ULONG_MAX;
    let end = first.end;
    if (ok && part.text[end] === "-") {
      const second = glibcStrtoul(part.text, end + 1, 10);
      b = second.value;
      ok = second.end !== end + 1 && second.value !== C_ULONG_MAX && second.value >= a;
      end = second.end;
    }
    if (ok && end !== part.text.length) ok = false;
    if (b === C_ULONG_MAX || (b >= a && b - a >= HANG_RANGE)) {
      const why = b === C_ULONG_MAX ? "ends at the largest unsigned number, so xl's counting loop never ends" : "makes xl count billions of vCPUs one by one";
      problems.push(devProblem("vcpus-hang", `vCPU range ${quoteForMessage(part.text)} ${why}: xl never gets to create the guest; write the vCPU numbers this node really holds`, sliceSpan(part), "fatal"));
      return;
    }
    // Only the first vCPUs of an absurd range are listed; all of them are counted.
    const counted: bigint[] = [];
    for (let s = a; s <= b && counted.length < MAX_LISTED_VCPUS; s++) counted.push(s);
    state.vcpus.push(...counted);
    state.vcpuCount += b >= a ? b - a + 1n : 0n;
    if (!ok) {
      const got = b < a ? "no vCPU at all" : a === b ? `vCPU ${a}` : `vCPUs ${a}-${b}`;
      problems.push(devProblem("bad-vcpus", `${quoteForMessage(part.text)} is not a vCPU number or FIRST-LAST range: xl does not notice and counts ${got} for it; write e.g. 0-3,8`, sliceSpan(part), "silent"));
    }
  }
}

function checkTotals(nodes: readonly Vnode[], totalVcpus: bigint, totalKiB: bigint, options: VnumaOptions, problems: ListProblem[]): void {
  const maxVcpus = options.maxVcpus ?? 0;
  if (maxVcpus !== 0 && BigInt(maxVcpus) !== totalVcpus) {
    problems.push(makeListProblem([], "vcpus-mismatch", `the virtual nodes hold ${totalVcpus} vCPU(s) but maxvcpus is ${maxVcpus}: xl refuses the config; make them equal`, "fatal"));
  } else if (maxVcpus === 0 && options.hostCpus !== undefined && BigInt(options.hostCpus) < totalVcpus) {
    problems.push(
      makeListProblem([], "more-vcpus-than-pcpus", `the virtual nodes hold ${totalVcpus} vCPUs but the host has ${options.hostCpus} pCPUs: xl refuses the config unless maxvcpus= is set`, "fatal"),
    );
  }
  if (options.maxMemMiB !== undefined && BigInt.asUintN(64, options.maxMemMiB * 1024n) !== totalKiB) {
    problems.push(makeListProblem([], "maxmem-mismatch", `the virtual nodes add up to ${totalKiB >> 10n} MiB but maxmem is ${options.maxMemMiB}: xl refuses the config; make them equal`, "fatal"));
  }
  // libxl only sees the config when xl accepted it.
  if (problems.some((p) => p.effect === "fatal")) return;
  if (options.guestType === "pv") {
    problems.push(makeListProblem([], "vnuma-on-pv", "vNUMA is not supported for PV guests: libxl refuses to create the guest; use type=\"pvh\" or \"hvm\", or drop vnuma", "libxl-fatal"));
  }
  const maxKiB = options.maxMemMiB !== undefined ? options.maxMemMiB * 1024n : totalKiB;
  if (options.guestType !== "pv" && options.memoryMiB !== undefined && options.memoryMiB * 1024n < maxKiB) {
    problems.push(
      makeListProblem([], "vnuma-with-pod", `memory (${options.memoryMiB} MiB) is below the vNUMA total, which starts the guest ballooned down (PoD); libxl refuses PoD together with vNUMA; set memory to the total`, "libxl-fatal"),
    );
  }
  // libxl's own check: every vCPU below max_vcpus in exactly one node. The per-node
  // maps hold only the bits that fit (rounded up to a byte), the rest vanish.
  const mapSize = maxVcpus !== 0 ? maxVcpus : options.hostMaxCpus;
  const capacity = mapSize === undefined ? undefined : BigInt(Math.ceil(mapSize / 8) * 8);
  const owner = new Map<bigint, number>();
  for (const node of nodes) {
    const mine = new Set(node.vcpus.filter((v) => capacity === undefined || v < capacity));
    for (const vcpu of mine) {
      const other = owner.get(vcpu);
      if (other !== undefined) {
        problems.push(makeListProblem([node.index], "vcpu-in-two-vnodes", `vCPU ${vcpu} is in virtual node ${other} and in node ${node.index}: libxl refuses to create the guest; give each vCPU to one node`, "libxl-fatal"));
        return;
      }
      owner.set(vcpu, node.index);
    }
  }
  const effectiveMax = maxVcpus !== 0 ? maxVcpus : Number(totalVcpus);
  for (let v = 0; v < Math.min(effectiveMax, MAX_LISTED_VCPUS); v++) {
    if (!owner.has(BigInt(v))) {
      problems.push(makeListProblem([], "vcpu-unassigned", `vCPU ${v} is in no virtual node: libxl refuses to create the guest; the nodes' vcpus= must cover 0 to ${effectiveMax - 1} exactly once`, "libxl-fatal"));
      return;
    }
  }
}
