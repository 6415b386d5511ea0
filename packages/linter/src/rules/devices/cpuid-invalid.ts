import { detachedSpecText, lookupCpuidName, parseCpuidList, parseCpuidString, specItemsOf, type SpecProblem, type SpecText } from "@xlint/parser";
import type { FileContext, FileRule, Fix } from "../../engine/types";
import { replaceRange } from "../util/edits";
import { severityOfEffect } from "../util/devices-lists";
import { problemFinding } from "../util/finding-text";
import { rangeOfValue, spanRange, stringSetting } from "../util/settings";

/** Reports one problem of a cpuid spec; `whole` is where to point when the spec is not mapped to the file. */
function report(context: FileContext, spec: SpecText, mapped: boolean, whole: ReturnType<typeof rangeOfValue>, problem: SpecProblem): void {
  const span = problem.span.end > problem.span.start ? problem.span : { start: 0, end: spec.text.length };
  const range = mapped && span.end > span.start ? spanRange(context, spec, span) : whole;
  if (!range) return;
  let fix: Fix | undefined;
  if (problem.code === "unknown-flag" && mapped) {
    const name = spec.text.slice(problem.span.start, problem.span.end);
    const dashed = name.toLowerCase().replace(/_/g, "-");
    if (dashed !== name && lookupCpuidName(dashed)) {
      fix = { title: `Write \`${dashed}\``, safety: "unsafe", edits: [replaceRange(spanRange(context, spec, problem.span), dashed)] };
    }
  }
  context.report({ range, ...problemFinding(problem.message), severity: severityOfEffect(problem.effect), ...(fix ? { fix } : {}) });
}

/** `cpuid` entries xl prints an error about and skips, or that fail the guest later. */
export const cpuidInvalid: FileRule = {
  id: "cpuid-invalid",
  scope: "file",
  severity: "warning",
  category: "suspicious",
  fixable: "unsafe",
  summary: "A `cpuid` setting xl complains about and skips: not starting with `host`, an unknown flag, a bad value, a xend bit string of the wrong length",
  docs: {
    description: [
      "`cpuid` masks or forces CPU feature bits, either as libxl's string `\"host,NAME=VALUE,…\"` or as",
      "xend's list of `\"LEAF[,SUBLEAF]:eax=…,ebx=…\"` register strings of exactly 32 characters. xl reads",
      "it, prints an error for each part it cannot use, and goes on without that part: the guest starts, but",
      "with the CPU features you meant to change left as they were. A string not starting with the word",
      "`host` is ignored entirely.",
      "",
      "Flag names are lower case with `-`, as Xen's feature list spells them (`sse4-1`, `avx512-vnni`); the",
      "fix rewrites `SSE4_1`-style names (unsafe: the flag xl skipped then applies). Single-bit flags take 0, 1, x, k or s. In the xend form, a bit",
      "character other than 0, 1, x, k, s passes xl but makes domain creation fail, which is an error.",
    ].join("\n"),
    invalid: [
      { config: 'name = "app01"\nkernel = "/boot/vmlinuz"\ncpuid = "host,avx512_vnni=0"\n', note: "The name is `avx512-vnni`." },
      { config: 'name = "app01"\nkernel = "/boot/vmlinuz"\ncpuid = "aes=0"\n', note: "The first word must be `host`: the whole setting is ignored." },
      { config: 'name = "app01"\nkernel = "/boot/vmlinuz"\ncpuid = [ "1:ecx=xxxxxxxxxxxx0xxxxxxxxxxxxxxxxx" ]\n', note: "30 characters instead of 32." },
    ],
    valid: [
      { config: 'name = "app01"\nkernel = "/boot/vmlinuz"\ncpuid = "host,aes=0,sse4-1=k,family=6"\n' },
      { config: 'name = "app01"\nkernel = "/boot/vmlinuz"\ncpuid = [ "1:ecx=xxxxxxxxxxxxxxxxxxxxxxxxxx0xxxxx" ]\n' },
    ],
  },
  check(context) {
    const setting = context.setting("cpuid");
    if (!setting) return;
    // On Arm xl keeps only its own first-word check; libxl's CPUID parsers do nothing there.
    const arm = context.host.arch === "arm";
    const keep = (p: SpecProblem): boolean => p.code !== "nested-list-item" && (!arm || p.code === "first-word-not-host");
    if (setting.value.kind === "list") {
      const items = specItemsOf(setting.value);
      for (const problem of parseCpuidList(items).problems.filter(keep)) {
        const index = problem.path[0];
        const item = index === undefined ? undefined : items[index];
        const value = index === undefined ? undefined : setting.value.items[index];
        if (item?.kind !== "string" || !value) continue;
        report(context, item.spec, true, rangeOfValue(value), problem);
      }
      return;
    }
    const written = stringSetting(context, "cpuid");
    if (!written) return;
    const spec = written.spec ?? detachedSpecText(written.value);
    for (const problem of parseCpuidString(spec).problems.filter(keep)) report(context, spec, written.spec !== undefined, written.range, problem);
  },
};
