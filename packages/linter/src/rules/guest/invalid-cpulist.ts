import type { SpecProblem } from "@xlint/parser";
import type { FileRule } from "../../engine/types";
import { CPU_LIST_KEYS, cpuListSetting } from "../util/guest-cpulists";
import { spanRange } from "../util/settings";
import { capitalised } from "../util/values-read";

/** What is wrong with one element, for the message; the parser's text says why and what to do. */
const ELEMENT_HEADS: Readonly<Record<string, (raw: string) => string>> = {
  "exclude-all": (raw) => `\`${raw}\` removes "all", which xl cannot do`,
  "huge-range": (raw) => `\`${raw}\` is a huge range`,
  "number-wraps": (raw) => `\`${raw}\` has a number that xl cuts to 32 bits`,
};

/**
 * A cpulist problem as a short message and a help. The parser words each one
 * "what: why; what to do": an element's problem starts with the element in
 * backticks, and the others say what is wrong before ", so" or the first ": ".
 */
function findingOf(problem: SpecProblem, where: string, text: string): { message: string; help?: string } {
  const raw = text.slice(problem.span.start, problem.span.end);
  // "so it stops with …" reads "xl stops with …" once it starts a sentence of its own.
  const sentence = (clause: string): string => `${capitalised(clause.trim().replace(/^it stops /, "xl stops "))}.`;
  const elementHead = ELEMENT_HEADS[problem.code];
  const prefix = `\`${raw}\`: `;
  if (elementHead && problem.message.startsWith(prefix)) return { message: `In ${where}: ${elementHead(raw)}`, help: sentence(problem.message.slice(prefix.length)) };
  const cut = [", so ", ": "]
    .map((mark) => ({ mark, at: problem.message.indexOf(mark) }))
    .filter((c) => c.at > 0)
    .sort((a, b) => a.at - b.at)[0];
  if (!cut) return { message: `In ${where}: ${problem.message}` };
  return { message: `In ${where}: ${problem.message.slice(0, cut.at)}`, help: sentence(problem.message.slice(cut.at + cut.mark.length)) };
}

/** A `cpus`/`cpus_soft` range xl cannot read (it stops), or reads in a surprising way. */
export const invalidCpulist: FileRule = {
  id: "invalid-cpulist",
  scope: "file",
  severity: "error",
  category: "correctness",
  fixable: "none",
  summary: "A CPU list in `cpus` or `cpus_soft` that xl refuses (or misreads)",
  docs: {
    description: [
      "`cpus` and `cpus_soft` take comma-separated elements `N`, `N-M` or `all`, optionally preceded by `^`",
      "(remove) and `node:`/`nodes:` (NUMA nodes instead of CPUs). Numbers are decimal, ranges run upwards,",
      "and no blank may follow a number. xl stops on anything else (\"Invalid pcpu range\"), on `^all`, and",
      "when a hard affinity ends up selecting no CPU at all (\"vcpu hard affinity map is empty\").",
      "",
      "Quieter surprises are warnings: a soft affinity that selects nothing, numbers so large they wrap",
      "around to other CPUs, or ranges so long that xl takes ages stepping through them.",
      "",
      "Only what xl reads is checked: list items beyond the vCPU maximum are never parsed.",
    ].join("\n"),
    invalid: [
      { config: 'name = "db01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nvcpus = 2\ncpus = "4-2"\n', note: "The range runs backwards." },
      { config: 'name = "db01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nvcpus = 2\ncpus_soft = "^all"\n' },
    ],
    valid: [{ config: 'name = "db01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nvcpus = 2\ncpus = "2-5,^3"\ncpus_soft = [ "2", "4" ]\n' }],
  },
  check(context) {
    for (const key of CPU_LIST_KEYS) {
      const setting = cpuListSetting(context, key);
      if (!setting) continue;
      for (const read of setting.parsed) {
        const where = read.index === undefined ? `\`${key}\`` : `item ${read.index + 1} of \`${key}\``;
        for (const problem of read.list.problems) {
          // An empty hard affinity is checked per vCPU: with no vCPU count set there is none to check.
          if (problem.code === "selects-nothing" && problem.effect === "fatal" && setting.max === 0n) continue;
          const span = problem.span.end > problem.span.start ? problem.span : { start: 0, end: read.spec.text.length };
          context.report({
            ...(problem.effect === "fatal" ? {} : { severity: "warning" as const }),
            range: read.mapped && span.end > span.start ? spanRange(context, read.spec, span) : read.range,
            ...findingOf(problem, where, read.spec.text),
          });
        }
      }
    }
  },
};
