import type { FileRule } from "../../engine/types";
import { vifEntries, vifRange } from "../util/net-vifs";
import { problemFinding } from "../util/finding-text";
import { problemsOf, vifEdit } from "../util/net-spec";

const base = 'name = "web01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nmemory = 512\n';

/** A vif rate that xl reads differently from how it looks: a leading 0 (octal), or an interval without a unit (seconds). */
export const vifRateOctal: FileRule = {
  id: "vif-rate-octal",
  scope: "file",
  severity: "warning",
  category: "suspicious",
  fixable: "unsafe",
  summary: "A vif rate xl reads other than it looks: a number with a leading 0 is octal, an interval without a unit is in seconds",
  docs: {
    description: [
      "xl reads the numbers of a vif `rate=` the way C's `strtoul` does with base 0, so a leading `0`",
      "makes them octal: `010MB/s` is 8 MB/s, and `09MB/s` stops at the `9`. An interval without a unit",
      "(`10MB/s@50`) is in seconds, not milliseconds: the guest may send a whole 50 seconds' worth of data",
      "in one burst, then nothing until the interval is over.",
      "",
      "Drop the leading zeros (the fix does, which changes the rate xl uses, so it is offered as unsafe),",
      "and give the interval a unit (`@50ms`; the fix writes `s`, which is what xl reads today). A rate",
      "that works out at nothing at all is reported by `vif-rate-too-low` instead.",
    ].join("\n"),
    invalid: [
      { config: `${base}vif = [ "bridge=xenbr0,rate=010MB/s" ]\n`, note: "Octal: 8 MB/s." },
      { config: `${base}vif = [ "bridge=xenbr0,rate=10MB/s@50" ]\n`, note: "50 seconds, not 50 ms." },
    ],
    valid: [{ config: `${base}vif = [ "bridge=xenbr0,rate=10MB/s@50ms" ]\n` }],
  },
  check(context) {
    for (const entry of vifEntries(context)) {
      const rate = entry.vif.rate;
      // A rate xl refuses, or one that gives no credit at all, has a more telling finding.
      if (!rate || rate.value.limit === undefined || problemsOf(entry, ["rate-zero-per-interval"]).some((p) => p.span.start === rate.span.start)) continue;
      const octal = problemsOf(entry, ["rate-octal"]).filter((p) => p.span.start >= rate.span.start && p.span.end <= rate.span.end);
      const interval = rate.value.intervalSpan;
      const intervalText = interval ? rate.value.text.slice(interval.start, interval.end) : "";
      const intervalStart = interval ? rate.span.start + interval.start : -1;
      const unitless = /^[0-9]+$/.test(intervalText);
      for (const problem of octal) {
        const digits = entry.spec.text.slice(problem.span.start, problem.span.end);
        // An octal interval without a unit gets `s` too, so that the fixed rate is clean: it is in seconds today.
        const onUnitless = unitless && problem.span.start === intervalStart;
        const stripped = `${digits.replace(/^0+(?=[0-9])/, "")}${onUnitless ? "s" : ""}`;
        const edit = vifEdit(entry, problem.span, stripped);
        const { message, help } = problemFinding(problem.message);
        context.report({
          range: vifRange(context, entry, problem.span),
          message,
          help: `${help ?? ""}${onUnitless ? " Without a unit, the interval is also in seconds." : ""}`.trim(),
          ...(edit ? { fix: { title: `Write \`${stripped}\` (changes the rate)`, safety: "unsafe" as const, edits: [edit] } } : {}),
        });
      }
      if (!interval) continue;
      const text = intervalText;
      const span = { start: intervalStart, end: rate.span.start + interval.end };
      if (!unitless || octal.some((p) => p.span.start === span.start)) continue;
      const edit = vifEdit(entry, { start: span.end, end: span.end }, "s");
      context.report({
        range: vifRange(context, entry, span),
        message: `The replenishment interval \`${text}\` has no unit, so xl reads it as ${text} seconds`,
        help: `It is not read as milliseconds: the guest may send ${text} seconds' worth of its rate at once, then wait. Write \`${text}ms\` if that is what you meant, or \`${text}s\` to keep it.`,
        ...(edit ? { fix: { title: `Write \`${text}s\` (what xl reads)`, safety: "safe" as const, edits: [edit] } } : {}),
      });
    }
  },
};
