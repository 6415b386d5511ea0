import { readXlNumber, xlNumberOptionsFor } from "@xlint/parser";
import type { FileRule, Fix } from "../../engine/types";
import { rewriteValue } from "../util/values-edits";
import { intendedNumber, numberHint, numericSettings, rangeWithin, unreadableConsequence, unreadableSeverity } from "../util/values-numbers";
import { capitalised, shown } from "../util/values-read";

/** A numeric key whose value xl cannot read as a number, or reads as octal. */
export const invalidNumber: FileRule = {
  id: "invalid-number",
  scope: "file",
  severity: "warning",
  category: "correctness",
  fixable: "unsafe",
  summary: "A numeric key whose value xl cannot read as a number (so xl ignores it), or that xl reads as octal",
  docs: {
    description: [
      "xl reads numbers with C's `strtol`: decimal, `0x` hex, or octal when the number starts with `0`.",
      "Anything else in the string makes the value unusable: a size suffix (`\"512M\"`), a trailing blank",
      "(`\"512 \"`), a decimal point, or a word such as `\"yes\"` for a boolean. xl then prints a warning",
      "and carries on **without** the setting, so the guest quietly gets the default. For `max_grant_frames`,",
      "`max_maptrack_frames` and `max_grant_version` xl instead exits without any message, which is an",
      "error.",
      "",
      "A number with a leading zero (`vcpus = 010`) is read as octal (8); that is reported as a note.",
      "",
      "Fixes are offered when the intended number is clear: blanks removed, `2G` turned into `2048` for a",
      "size in MiB, `yes`/`no` into `1`/`0`, a leading zero dropped. All are unsafe: each changes the value",
      "xl uses, or makes a setting it ignored take effect.",
    ].join("\n"),
    invalid: [
      { config: 'name = "web01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nmemory = "2G"\n', note: "xl ignores it: the guest gets the default memory." },
      { config: 'name = "web01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nmax_grant_frames = "64 "\n', note: "xl exits without a message." },
      { config: 'name = "web01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nvcpus = 010\n', note: "Octal: 8 vCPUs." },
    ],
    valid: [{ config: 'name = "web01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nmemory = 2048\nvcpus = 2\nmax_grant_frames = 0x40\n' }],
  },
  check(context) {
    for (const read of numericSettings(context)) {
      const { setting, option, value } = read;
      // `+=` is a problem of its own (append-to-number), whatever the text.
      if (setting.operator === "+=") continue;
      const result = readXlNumber(value.value, xlNumberOptionsFor(setting.key));
      for (const problem of result.problems) {
        if (problem.code === "not-a-number" || problem.code === "number-out-of-range") {
          const overflow = problem.code === "number-out-of-range";
          const intended = overflow ? undefined : intendedNumber(value.value, option);
          const edit = intended === undefined ? undefined : rewriteValue(setting.value, intended, true);
          const fix: Fix | undefined = edit ? { title: `Write \`${intended}\``, safety: "unsafe", edits: [edit] } : undefined;
          const what = overflow ? `${shown(value.value)} is too large for xl's 64-bit numbers` : `${shown(value.value)} is not a number xl can read`;
          // The hint comes as " (why)"; in the help it is a sentence of its own.
          const hint = overflow ? "" : numberHint(value.value, option).trim().replace(/^\((.*)\)$/, "$1");
          context.report({
            range: overflow ? value.range : rangeWithin(context, value, problem.span),
            severity: unreadableSeverity(read),
            message: what,
            help: `${hint === "" ? "" : `${capitalised(hint)}. `}${capitalised(unreadableConsequence(read))}. Write \`${setting.key}\` as a plain decimal or 0x hex integer${intended === undefined ? "" : `, here \`${intended}\``}.`,
            ...(fix ? { fix } : {}),
          });
        } else if (problem.code === "octal-number") {
          const decimal = value.value.trim().replace(/^([+-]?)0+(?=\d)/, "$1");
          const edit = rewriteValue(setting.value, decimal, true);
          context.report({
            range: value.range,
            severity: "info",
            message: `${shown(value.value)} starts with 0, so xl reads it as octal: ${result.value}, not ${decimal}`,
            help: "Drop the leading zero if you meant decimal.",
            ...(edit ? { fix: { title: `Write \`${decimal}\``, safety: "unsafe" as const, edits: [edit] } } : {}),
          });
        }
      }
    }
  },
};
