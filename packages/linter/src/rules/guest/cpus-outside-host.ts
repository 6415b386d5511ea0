import { evenCpuHost, resolveCpuList, type CpuList } from "@xlint/parser";
import type { HostProfile } from "../../engine/host";
import type { FileRule } from "../../engine/types";
import { CPU_LIST_KEYS, cpuListSetting, type ReadCpuList } from "../util/guest-cpulists";
import { spanRange } from "../util/settings";

/** Numbers this large wrap around in xl (it keeps 32 bits); invalid-cpulist explains that instead. */
const WRAPS = 0x1_0000_0000n;

/**
 * `cpus` / `cpus_soft` checked against the host profile's CPU and NUMA node
 * counts. xl builds the affinity map from the host's CPUs, so a list naming
 * only CPUs or nodes the host lacks leaves the map empty.
 */
export const cpusOutsideHost: FileRule = {
  id: "cpus-outside-host",
  scope: "file",
  severity: "error",
  category: "correctness",
  fixable: "none",
  summary: "A CPU list in `cpus` or `cpus_soft` that names CPUs or NUMA nodes the host does not have",
  docs: {
    description: [
      "xl turns `cpus` and `cpus_soft` into a map of the host's physical CPUs. CPUs and NUMA nodes the host",
      "does not have are dropped without a word, so `cpus = \"8-15\"` on an 8-CPU host, or `cpus = \"nodes:1\"`",
      "on a one-node host, leaves the hard affinity empty and xl stops with \"vcpu hard affinity map is empty\".",
      "That is an error; an empty soft affinity (no effect) and a list that only partly exists on the host",
      "(the guest gets fewer CPUs than written) are warnings.",
      "",
      "The check needs the host's size: set `host.cpus` (and `host.numaNodes` for `nodes:` lists) in",
      "xlint.json to what `xl info` reports. Without them the rule stays silent. When the host has several",
      "NUMA nodes, lists that mix nodes the host has with other elements are not checked, because which CPUs",
      "belong to which node is not in the profile.",
    ].join("\n"),
    invalid: [
      {
        config: 'name = "db01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nvcpus = 2\ncpus = "8-15"\n',
        host: { cpus: 8, numaNodes: 1 },
        note: "The host has CPUs 0-7 only.",
      },
      {
        config: 'name = "db01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nvcpus = 2\ncpus = "nodes:1"\n',
        host: { cpus: 8, numaNodes: 1 },
        note: "The host has one NUMA node, node 0.",
      },
    ],
    valid: [
      { config: 'name = "db01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nvcpus = 2\ncpus = "4-7"\ncpus_soft = "nodes:0"\n', host: { cpus: 8, numaNodes: 1 } },
      { config: 'name = "db01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nvcpus = 2\ncpus = "8-15"\n', note: "Without host.cpus the host's size is unknown, so nothing is said." },
    ],
  },
  check(context) {
    const { cpus, numaNodes } = context.host;
    if (cpus === undefined) return;
    for (const key of CPU_LIST_KEYS) {
      const setting = cpuListSetting(context, key);
      // With no vCPU count xl applies no affinity at all.
      if (!setting || setting.max === 0n) continue;
      for (const read of setting.parsed) {
        const list = read.list;
        if (!list.valid || list.problems.some((p) => p.effect === "fatal") || !layoutKnown(list, numaNodes)) continue;
        const where = read.index === undefined ? `\`${key}\`` : `item ${read.index + 1} of \`${key}\``;
        const selected = resolveCpuList(list, evenCpuHost(cpus, numaNodes ?? 1));
        const missing = missingParts(list, context.host);
        const hostText = describeHost(context.host);
        if (selected?.length === 0) {
          const hard = key === "cpus";
          context.report({
            ...(hard ? {} : { severity: "warning" as const }),
            range: rangeOf(context, read, { start: 0, end: read.spec.text.length }),
            message: `${capital(where)} selects no CPU on this host (${hostText})`,
            help: `${hard ? 'xl stops with "vcpu hard affinity map is empty".' : "The soft affinity has no effect."} Use CPUs the host has, or correct the host profile in xlint.json.`,
          });
          continue;
        }
        for (const part of missing) {
          context.report({
            severity: "warning",
            range: rangeOf(context, read, part.span),
            message: `In ${where}: ${part.text} ${part.plural ? "do" : "does"} not exist on this host (${hostText})`,
            help: `xl drops ${part.plural ? "them" : "it"} silently, so the guest gets fewer CPUs than the list says. Remove ${part.plural ? "them" : "it"}, or correct the host profile in xlint.json.`,
          });
        }
      }
    }
  },
};

/** Whether the CPUs of the list's `nodes:` elements follow from the profile alone. */
function layoutKnown(list: CpuList, numaNodes: number | undefined): boolean {
  return list.elements.every((element) => {
    if (!element.nodes || element.all) return true;
    const first = element.first?.value;
    if (first === undefined || numaNodes === undefined) return false;
    // One node holds every CPU; a range of nodes the host lacks holds none.
    return numaNodes === 1 || first >= BigInt(numaNodes);
  });
}

interface MissingPart {
  readonly text: string;
  readonly plural: boolean;
  readonly span: { start: number; end: number };
}

/** The elements that add CPUs or nodes beyond the host's. */
function missingParts(list: CpuList, host: HostProfile): MissingPart[] {
  const out: MissingPart[] = [];
  for (const element of list.elements) {
    if (element.exclude || element.all || !element.first || !element.last) continue;
    const limit = element.nodes ? host.numaNodes : host.cpus;
    if (limit === undefined) continue;
    const first = element.first.value;
    const last = element.last.value;
    if (last < BigInt(limit) || last >= WRAPS) continue;
    const from = first > BigInt(limit) ? first : BigInt(limit);
    const noun = element.nodes ? "NUMA node" : "CPU";
    const plural = last > from;
    out.push({ text: plural ? `${noun}s ${from}-${last}` : `${noun} ${from}`, plural, span: element.span });
  }
  return out;
}

function describeHost(host: HostProfile): string {
  const cpus = host.cpus === 1 ? "1 CPU" : `${host.cpus} CPUs, 0-${(host.cpus ?? 1) - 1}`;
  const nodes = host.numaNodes === undefined ? "" : host.numaNodes === 1 ? ", 1 NUMA node" : `, NUMA nodes 0-${host.numaNodes - 1}`;
  return `${cpus}${nodes}, per the host profile`;
}

function rangeOf(context: Parameters<FileRule["check"]>[0], read: ReadCpuList, span: { start: number; end: number }) {
  return read.mapped && span.end > span.start ? spanRange(context, read.spec, span) : read.range;
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
