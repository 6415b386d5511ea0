import { parseRate, type SpecProblem } from "@xlint/parser";
import type { Fix, FileRule } from "../../engine/types";
import { vifEntries, vifRange, type VifEntry } from "../util/net-vifs";
import { problemFinding } from "../util/finding-text";
import { problemsOf, vifEdit } from "../util/net-spec";

const base = 'name = "web01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nmemory = 512\n';

/** The rate problems that make xl stop. */
export const FATAL_RATE_CODES = ["rate-missing", "rate-invalid", "rate-overflow", "rate-interval-invalid", "rate-interval-overflow"];

/** `10mb/s` → `10Mb/s`: a lowercase multiplier is the one slip with a single reading; offered when xl then takes the whole rate. */
function fixFor(entry: VifEntry, problem: SpecProblem): Fix | undefined {
  const rate = entry.vif.rate;
  if (problem.code !== "rate-invalid" || !rate || problem.span.start !== rate.span.start) return undefined;
  const text = entry.spec.text.slice(problem.span.start, problem.span.end);
  const match = /^([0-9]+)([kmg])([Bb]\/s)$/.exec(text);
  if (!match) return undefined;
  const fixed = `${match[1] ?? ""}${(match[2] ?? "").toUpperCase()}${match[3] ?? ""}`;
  const after = parseRate(fixed + rate.value.text.slice(text.length));
  if (after.limit === undefined || after.problems.length > 0) return undefined;
  const edit = vifEdit(entry, problem.span, fixed);
  return edit ? { title: `Write \`${fixed}\``, safety: "safe", edits: [edit] } : undefined;
}

/** A vif `rate=` xl cannot read: `xl create` stops. */
export const vifInvalidRate: FileRule = {
  id: "vif-invalid-rate",
  scope: "file",
  severity: "error",
  category: "correctness",
  fixable: "safe",
  summary: "A vif `rate=` that xl cannot read or that overflows, so `xl create` stops",
  docs: {
    description: [
      "A vif's `rate=` limits how fast the guest may send, as `RATE/s` with an optional replenishment",
      "interval after `@`: `10MB/s`, `100Mb/s@20ms`. xl is strict about it, and unlike most vif mistakes",
      "a bad rate stops `xl create` (\"config parsing error in vif\"). The number must be a whole number",
      "from 1 to 4294967295 before the multiplier; the multipliers `K`, `M`, `G` are uppercase; `B` means",
      "bytes and `b` bits; `/s` is required; the interval is a whole number with `s`, `ms` or `us`, from 1 µs",
      "to about 4294 s; and the rate times the interval must fit 64 bits.",
      "",
      "The message names the rate or interval xl trips over, and the help the part of it. A lowercase",
      "multiplier has a fix.",
    ].join("\n"),
    invalid: [
      { config: `${base}vif = [ "bridge=xenbr0,rate=10mb/s" ]\n`, note: "The multiplier must be uppercase: `10Mb/s`." },
      { config: `${base}vif = [ "bridge=xenbr0,rate=10MB" ]\n`, note: "`/s` is required." },
      { config: `${base}vif = [ "bridge=xenbr0,rate=10MB/s@50h" ]\n`, note: "Only `s`, `ms` and `us` are interval units." },
    ],
    valid: [{ config: `${base}vif = [ "bridge=xenbr0,rate=10MB/s@20ms" ]\n` }],
  },
  check(context) {
    for (const entry of vifEntries(context)) {
      for (const problem of problemsOf(entry, FATAL_RATE_CODES)) {
        const fix = fixFor(entry, problem);
        context.report({ range: vifRange(context, entry, problem.span), ...problemFinding(problem.message), ...(fix ? { fix } : {}) });
      }
    }
  },
};
