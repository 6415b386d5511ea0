import type { FileRule } from "../../engine/types";
import { vifEntries, vifRange } from "../util/net-vifs";
import { problemFinding } from "../util/finding-text";
import { isBlank, problemsOf, vifEdit } from "../util/net-spec";

const base = 'name = "web01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nmemory = 512\n';

/** A vif `devid=` or `mtu=` that is not a plain decimal number. */
export const vifInvalidNumber: FileRule = {
  id: "vif-invalid-number",
  scope: "file",
  severity: "error",
  category: "correctness",
  fixable: "safe",
  summary: "A vif `devid=` or `mtu=` that is not a decimal number (xl stops), has text after the number, or does not fit",
  docs: {
    description: [
      "xl reads a vif's `devid=` and `mtu=` as decimal numbers. When no number starts the value (`mtu=`,",
      "`mtu=jumbo`, `devid=-1`), xl stops with \"failed to convert … to number\" and `xl create` fails: an",
      "error. When text follows the number, xl keeps the number and silently drops the text",
      "(`mtu=9000bytes` is 9000; `devid=0x10` is 0), and a number too big for a C `int` is silently",
      "wrapped around: warnings.",
      "",
      "Write a plain decimal number; the fix removes text xl ignores.",
    ].join("\n"),
    invalid: [
      { config: `${base}vif = [ "bridge=xenbr0,mtu=jumbo" ]\n`, note: "xl stops: not a number." },
      { config: `${base}vif = [ "bridge=xenbr0,devid=0x10" ]\n`, note: "Decimal only: this is devid 0." },
    ],
    valid: [{ config: `${base}vif = [ "bridge=xenbr0,mtu=9000,devid=1" ]\n` }],
  },
  check(context) {
    for (const entry of vifEntries(context)) {
      for (const problem of problemsOf(entry, ["not-a-number", "number-trailing-ignored", "number-wraps"])) {
        const text = entry.spec.text.slice(problem.span.start, problem.span.end);
        // Blanks after the number are dropped by xl and change nothing.
        if (problem.code === "number-trailing-ignored" && isBlank(text)) continue;
        const edit = problem.code === "number-trailing-ignored" ? vifEdit(entry, problem.span, "") : undefined;
        const negativeDevid = problem.code === "number-wraps" && text.trimStart().startsWith("-") && entry.vif.devid?.span.start === problem.span.start;
        context.report({
          range: vifRange(context, entry, problem.span),
          ...(negativeDevid
            ? {
                message: `devid \`${text.trim()}\` is negative`,
                help: `libxl treats a negative devid as "none" and numbers the vif itself, from 0, which can clash with another vif's number. Write a number from 0, or remove \`devid=\`.`,
              }
            : problemFinding(problem.message)),
          severity: problem.code === "not-a-number" ? "error" : "warning",
          ...(edit ? { fix: { title: `Remove \`${text}\`, which xl ignores`, safety: "safe" as const, edits: [edit] } } : {}),
        });
      }
    }
  },
};
