/**
 * The CPU masks of xl.conf (`vm.cpumask`, `vm.hvm.cpumask`, `vm.pv.cpumask`)
 * as xl reads them: `parse_cpurange` into a mask that starts empty, stopping
 * at the first bad element with the CPUs before it kept. `xl create` narrows
 * each guest's hard affinity to `vm.cpumask` and then to the mask of its
 * type, and refuses the guest when nothing is left ("vcpu hard affinity map
 * is empty"), so a mask, or a pair of masks, that selects no CPU stops
 * every guest it covers.
 */
import { detachedSpecText, evenCpuHost, parseCpuList, resolveCpuList, type CpuHost, type CpuList, type SpecProblem, type SpecText } from "@xlint/parser";
import type { HostProfile } from "../../engine/host";
import type { FileContext, Report } from "../../engine/types";
import { capitalised, problemFinding } from "../util/finding-text";
import { spanRange, stringSetting, type StringSetting } from "../util/settings";

export type MaskKey = "vm.cpumask" | "vm.hvm.cpumask" | "vm.pv.cpumask";

/** Who each mask covers, for messages. */
export const MASK_GUESTS: Readonly<Record<MaskKey, string>> = {
  "vm.cpumask": "every guest",
  "vm.hvm.cpumask": "every HVM and PVH guest",
  "vm.pv.cpumask": "every PV guest",
};

interface ReadMask {
  readonly key: MaskKey;
  readonly value: StringSetting;
  readonly spec: SpecText;
  readonly list: CpuList;
  /** The element where xl stops reading, if any. */
  readonly firstBad: SpecProblem | undefined;
  /** The elements xl applies: those before `firstBad`. */
  readonly kept: CpuList;
}

function readMask(context: FileContext, key: MaskKey): ReadMask | undefined {
  const value = stringSetting(context, key);
  if (!value) return undefined;
  const spec = value.spec ?? detachedSpecText(value.value);
  const list = parseCpuList(spec, { affinity: "hard" });
  const firstBad = list.problems.find((p) => p.code === "invalid-range" || p.code === "exclude-all");
  const elements = firstBad ? list.elements.filter((e) => e.span.end <= firstBad.span.start) : list.elements;
  return { key, value, spec, list, firstBad, kept: { ...list, elements, valid: true } };
}

/**
 * The CPU layout to resolve masks on: the host profile's when it gives the
 * CPUs and the masks' nodes follow from it; without a profile, a notional
 * host just larger than every CPU the masks name (any larger host selects
 * the same way, since the CPUs no mask names behave alike). Undefined when
 * the masks name NUMA nodes of an unknown layout.
 */
function layoutFor(masks: readonly ReadMask[], host: HostProfile): CpuHost | undefined {
  const elements = masks.flatMap((m) => m.kept.elements);
  const nodesKnown = host.numaNodes === 1 || elements.every((e) => !e.nodes || e.all);
  if (host.cpus !== undefined) return nodesKnown ? evenCpuHost(host.cpus, host.numaNodes ?? 1) : undefined;
  if (elements.some((e) => e.nodes && !e.all)) return undefined;
  const named = elements.flatMap((e) => (e.last && e.last.value < 4096n ? [Number(e.last.value)] : []));
  return evenCpuHost(Math.max(0, ...named) + 2, 1);
}

/** The CPUs a mask keeps on `layout`, or undefined when they cannot be known. */
function selected(mask: ReadMask, layout: CpuHost | undefined): ReadonlySet<number> | undefined {
  if (!layout) return undefined;
  const cpus = resolveCpuList(mask.kept, layout);
  return cpus ? new Set(cpus) : undefined;
}

/** Whether the mask keeps no CPU: resolved when possible, otherwise when no kept element adds any. */
function isEmpty(mask: ReadMask, layout: CpuHost | undefined): boolean {
  const cpus = selected(mask, layout);
  return cpus ? cpus.size === 0 : !mask.kept.elements.some((e) => !e.exclude);
}

function describeHost(host: HostProfile): string {
  if (host.cpus === undefined) return "";
  const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;
  const parts = [plural(host.cpus, "CPU"), ...(host.numaNodes === undefined ? [] : [plural(host.numaNodes, "NUMA node")])];
  return ` on this host (${parts.join(", ")}, per the host profile)`;
}

/** The reason part of the parser's "… \"Invalid pcpu range\": reason" message, as a sentence. */
function reasonOf(problem: SpecProblem): string {
  const marker = '"Invalid pcpu range": ';
  const at = problem.message.indexOf(marker);
  return at < 0 ? "" : `${capitalised(problem.message.slice(at + marker.length))}. `;
}

function refusal(key: MaskKey): string {
  return `so \`xl create\` refuses ${MASK_GUESTS[key]} ("vcpu hard affinity map is empty")`;
}

/** Findings about one mask on its own. */
function checkOne(context: FileContext, mask: ReadMask, layout: CpuHost | undefined): Report[] {
  const { key, spec, list, firstBad } = mask;
  const where = (problem: SpecProblem) =>
    mask.value.spec && problem.span.end > problem.span.start ? spanRange(context, mask.value.spec, problem.span) : mask.value.range;
  const empty = isEmpty(mask, layout);
  if (firstBad) {
    const element = spec.text.slice(firstBad.span.start, firstBad.span.end);
    const what = firstBad.code === "exclude-all" ? `xl cannot remove "all" (\`${element}\`)` : `\`${element}\` is not a CPU range xl can read`;
    const reason = firstBad.code === "exclude-all" ? "" : reasonOf(firstBad);
    return [
      {
        range: where(firstBad),
        severity: empty ? "error" : "warning",
        message: `In \`${key}\`, ${what}`,
        help: `${reason}xl prints an error at every command and stops reading the mask there, ${empty ? `so the mask selects no CPU${describeHost(context.host)} and ${refusal(key).slice(3)}` : "keeping only the CPUs before it"}. Use N, N-M or all, optionally after ^ and node: or nodes:.`,
      },
    ];
  }
  const reports: Report[] = [];
  if (empty) {
    const why = spec.text.trim() === "" ? "the list is empty" : list.elements.some((e) => !e.exclude) ? `the list selects no CPU${describeHost(context.host)}` : "the list only removes CPUs";
    reports.push({
      range: mask.value.range,
      severity: "error",
      message: `In \`${key}\`, ${why}`,
      help: `${refusal(key).slice(3)}. List the CPUs guests may use, e.g. \`all,^0\`.`,
    });
  }
  for (const problem of list.problems) {
    if (problem.code === "selects-nothing") continue;
    if (problem.code === "huge-range") {
      const element = spec.text.slice(problem.span.start, problem.span.end);
      reports.push({
        range: where(problem),
        severity: problem.effect === "fatal" ? "error" : "warning",
        message: `In \`${key}\`, \`${element}\` is a range xl steps through one number at a time`,
        help: `xl does so at the start of every command, which ${problem.effect === "fatal" ? "in practice never ends" : "takes seconds"}. Write the CPU numbers the host has.`,
      });
    } else {
      const { message, help } = problemFinding(problem.message);
      reports.push({ range: where(problem), severity: "warning", message: `In \`${key}\`, ${message}`, ...(help ? { help } : {}) });
    }
  }
  return reports;
}

/** `vm.cpumask` with a type's mask: each may select CPUs while the two share none. */
function checkPair(general: ReadMask | undefined, typed: ReadMask | undefined, layout: CpuHost | undefined): Report | undefined {
  if (!general || !typed || isEmpty(general, layout) || isEmpty(typed, layout)) return undefined;
  const a = selected(general, layout);
  const b = selected(typed, layout);
  if (!a || !b || [...a].some((cpu) => b.has(cpu))) return undefined;
  return {
    range: typed.value.range,
    severity: "error",
    message: `\`${typed.key}\` and \`vm.cpumask\` share no CPU, and xl applies both`,
    help: `${refusal(typed.key).slice(3)}. Make the two masks overlap.`,
  };
}

/** Every finding about the CPU masks of the file. */
export function checkCpuMasks(context: FileContext): Report[] {
  const read = (key: MaskKey) => readMask(context, key);
  const general = read("vm.cpumask");
  const hvm = read("vm.hvm.cpumask");
  const pv = read("vm.pv.cpumask");
  const masks = [general, hvm, pv].filter((m): m is ReadMask => m !== undefined);
  const layout = layoutFor(masks, context.host);
  const reports = masks.flatMap((m) => checkOne(context, m, layout));
  for (const typed of [hvm, pv]) {
    const pair = checkPair(general, typed, layout);
    if (pair) reports.push(pair);
  }
  return reports;
}
