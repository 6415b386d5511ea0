import { detachedSpecText, parseCpuList, type Setting, type SpecProblem } from "@xlint/parser";
import type { FileContext, FileRule } from "../../engine/types";
import { problemFinding, type FindingText } from "../util/finding-text";
import { settingRange, spanRange, stringSetting } from "../util/settings";
import { poolNumberList, type PoolNumber } from "./cpupool-numbers";

function misreadItem(key: "cpus" | "nodes", item: PoolNumber): FindingText {
  const what = key === "cpus" ? "CPU" : "node";
  const range = key === "cpus" ? ` To give a range, write the whole value as one CPU-list string: \`cpus = "${item.text.trim()}"\`.` : "";
  return {
    message: `Item ${item.index + 1} of \`${key}\`, \`${item.text}\`, is read as ${what} ${item.value}`,
    help: `It is not a plain ${what} number: xl takes only its leading number.${range}`,
  };
}

/** `nodes`: a list of node numbers whose free CPUs all join the pool. */
function checkNodes(context: FileContext, setting: Setting): void {
  if (setting.value.kind === "string") {
    context.report({
      range: settingRange(setting),
      severity: "warning",
      message: `\`nodes\` must be a list (\`nodes = [ "${setting.value.value}" ]\`)`,
      help: "xl warns that it is a single value and ignores it, so the pool takes its CPUs from `cpus`, or none.",
    });
    return;
  }
  const list = poolNumberList(context, "nodes");
  if (!list) return;
  if (list.read.length === 0) {
    context.report({
      range: settingRange(setting),
      message: "`nodes` names no node, so the pool finds no free CPU",
      help: '`xl cpupool-create` stops ("no free cpu found"). List node numbers, or use `cpus`.',
    });
  }
  const nodeCount = context.host.numaNodes;
  for (const item of list.read) {
    if (!item.exact) context.report({ range: item.range, severity: "warning", ...misreadItem("nodes", item) });
    else if (nodeCount !== undefined && (item.value < 0 || item.value >= nodeCount)) {
      context.report({
        range: item.range,
        severity: "warning",
        message: `The host has no NUMA node ${item.value} (it has ${nodeCount}), so this item adds no CPU to the pool`,
      });
    }
  }
  if (list.stop) {
    context.report({
      range: list.stop.range,
      severity: "warning",
      message: `Item ${list.stop.index + 1} of \`nodes\` is a list, not a node number`,
      help: "xl stops reading `nodes` there and ignores the rest.",
    });
  }
  const cpus = context.setting("cpus");
  if (cpus && list.read.length > 0) {
    context.report({
      range: settingRange(cpus),
      severity: "warning",
      message: "`nodes` is set, so xl ignores `cpus` entirely",
      help: "The pool takes every free CPU of the listed nodes. Keep one of the two.",
    });
  }
}

/** `cpus` as a string: a CPU list like a guest's, parsed the same way; a bad one stops xl. */
function checkCpuString(context: FileContext): void {
  const value = stringSetting(context, "cpus");
  if (!value) return;
  const spec = value.spec ?? detachedSpecText(value.value);
  const list = parseCpuList(spec, { affinity: "soft" });
  const where = (problem: SpecProblem) =>
    value.spec && problem.span.end > problem.span.start ? spanRange(context, value.spec, problem.span) : value.range;
  for (const problem of list.problems) {
    if (problem.code === "selects-nothing") {
      context.report({
        range: value.range,
        severity: "warning",
        message: `\`cpus\` ${spec.text.trim() === "" ? "is empty" : "only removes CPUs"}, so the pool is created without any CPU`,
        help: "List the CPUs it should have, e.g. `4-7`.",
      });
    } else if (problem.code === "huge-range") {
      const element = spec.text.slice(problem.span.start, problem.span.end);
      context.report({
        range: where(problem),
        severity: problem.effect === "fatal" ? "error" : "warning",
        message: `In \`cpus\`, \`${element}\` is a range xl steps through one number at a time`,
        help: `Stepping through it ${problem.effect === "fatal" ? "in practice never ends" : "takes seconds"}. Write the CPU numbers the host has.`,
      });
    } else {
      const { message, help } = problemFinding(problem.message);
      context.report({ range: where(problem), ...(problem.effect === "fatal" ? {} : { severity: "warning" as const }), message: `In \`cpus\`, ${message}`, ...(help ? { help } : {}) });
    }
  }
}

/** `cpus` as a list: one CPU number per item, each of which must exist and be free. */
function checkCpuItems(context: FileContext): void {
  const list = poolNumberList(context, "cpus");
  if (!list) return;
  const cpuCount = context.host.cpus;
  for (const item of list.read) {
    if (item.value < 0) {
      context.report({
        range: item.range,
        message: `Item ${item.index + 1} of \`cpus\` is read as CPU ${item.value}, which cannot exist`,
        help: `\`xl cpupool-create\` stops ("cpu ${item.value} illegal or not free"). Write a CPU number from 0.`,
      });
    } else if (cpuCount !== undefined && item.value >= cpuCount) {
      context.report({
        range: item.range,
        message: `The host has no CPU ${item.value} (it has ${cpuCount})`,
        help: `\`xl cpupool-create\` stops ("cpu ${item.value} illegal or not free"). List CPUs the host has.`,
      });
    } else if (!item.exact) {
      context.report({ range: item.range, severity: "warning", ...misreadItem("cpus", item) });
    }
  }
  if (list.stop) {
    context.report({
      range: list.stop.range,
      severity: "warning",
      message: `Item ${list.stop.index + 1} of \`cpus\` is a list, not a CPU number`,
      help: "xl stops reading `cpus` there and ignores the rest.",
    });
  }
}

/** CPUs or nodes of a cpupool that `xl cpupool-create` refuses or reads otherwise than written. */
export const cpupoolInvalidCpus: FileRule = {
  id: "cpupool-invalid-cpus",
  scope: "file",
  kinds: ["cpupool"],
  severity: "error",
  category: "correctness",
  fixable: "none",
  summary: "A cpupool `cpus` or `nodes` value that xl refuses, or reads otherwise than written",
  docs: {
    description: [
      "A pool gets its CPUs from `nodes` or, when `nodes` is absent, from `cpus`:",
      "",
      '- `cpus` as a string is a CPU list like a guest\'s (`"4-7,^5"`, `"nodes:1"`); anything xl cannot read',
      '  stops `xl cpupool-create` ("Invalid pcpu range"). A list that only removes CPUs leaves the pool empty.',
      '- `cpus` as a list holds one CPU number per item (`[ "4", "5" ]`). xl reads each item with C\'s `atoi`,',
      '  so `"4-7"` is CPU 4 and `"x"` is CPU 0, silently. A negative number, or a CPU the host does not have',
      '  (when `host.cpus` is known), stops xl ("illegal or not free").',
      '- `nodes` must be a list of node numbers (`[ "1" ]`), read with `atoi` too; a single value is warned',
      '  about and ignored. An empty list stops xl ("no free cpu found"). When `nodes` is set, `cpus` is',
      "  ignored.",
      "",
      "Whether the CPUs are free (not in another pool, which all CPUs are at boot) is up to the host at the",
      "time: move them out of `Pool-0` with `xl cpupool-cpu-remove` first.",
    ].join("\n"),
    invalid: [
      { kind: "cpupool", config: 'name = "pool-db"\ncpus = "4-7,x"\n', note: "`x` is not a CPU range: xl stops." },
      { kind: "cpupool", config: 'name = "pool-db"\ncpus = [ "4-7" ]\n', note: "This is CPU 4 alone." },
      { kind: "cpupool", config: 'name = "pool-db"\nnodes = "1"\n', note: "`nodes` must be a list." },
    ],
    valid: [
      { kind: "cpupool", config: 'name = "pool-db"\nsched = "credit2"\ncpus = "4-7"\n' },
      { kind: "cpupool", config: 'name = "pool-db"\ncpus = [ "4", "5", "6", "7" ]\n' },
      { kind: "cpupool", config: 'name = "pool-numa1"\nnodes = [ "1" ]\n' },
    ],
  },
  check(context) {
    const nodes = context.setting("nodes");
    if (nodes) {
      checkNodes(context, nodes);
      // With a readable `nodes` list, xl never looks at `cpus`.
      if (nodes.value.kind === "list") return;
    }
    const cpus = context.setting("cpus");
    if (cpus?.value.kind === "string") checkCpuString(context);
    else if (cpus) checkCpuItems(context);
  },
};
