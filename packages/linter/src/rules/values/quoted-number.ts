import { readXlNumber } from "@xlint/parser";
import type { FileRule } from "../../engine/types";
import { replaceRange } from "../util/edits";
import { singleAtom } from "../util/values-edits";
import { numericSettings } from "../util/values-numbers";

/** A decimal or hex number written the way the lexer writes a NUMBER token (hex digits in lower case). */
function asNumberToken(text: string): string | undefined {
  const trimmed = text.trim();
  // A leading zero (octal) is invalid-number's note; one finding and one fix per value.
  if (/^0\d/.test(trimmed)) return undefined;
  if (/^\d+$/.test(trimmed)) return trimmed;
  if (/^0x[0-9a-fA-F]+$/i.test(trimmed)) return trimmed.toLowerCase();
  return undefined;
}

/** A number given as a quoted string: xl reads it the same, but it reads as text. */
export const quotedNumber: FileRule = {
  id: "quoted-number",
  scope: "file",
  severity: "info",
  category: "suspicious",
  fixable: "safe",
  summary: "A number written as a quoted string, which xl reads the same as the bare number",
  docs: {
    description: [
      "libxlu keeps every value as text, so `memory = \"2048\"` and `memory = 2048` are the same to xl.",
      "The quotes only hide the fact that the key is numeric, and they invite mistakes that bare numbers",
      "cannot contain: `\"2048 \"` or `\"2G\"` look just as plausible but make xl ignore the setting.",
      "",
      "The fix removes the quotes. Negative numbers are left alone, because the config language has no",
      "bare negative numbers and the quotes are the only way to write them.",
    ].join("\n"),
    invalid: [{ config: 'name = "web01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nmemory = "2048"\n' }],
    valid: [{ config: 'name = "web01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nmemory = 2048\nrtc_timeoffset = "-3600"\n', note: "A negative number needs its quotes." }],
  },
  check(context) {
    for (const { setting, value } of numericSettings(context)) {
      if (setting.operator === "+=") continue;
      const atom = singleAtom(setting.value);
      if (atom?.kind !== "string") continue;
      const token = asNumberToken(atom.value);
      if (token === undefined || readXlNumber(atom.value).value === undefined) continue;
      context.report({
        range: value.range,
        message: `\`${setting.key}\` is a number written as a string`,
        help: `xl reads \`${atom.raw}\` as ${token}, so the quotes only hide that the key is numeric. Write \`${setting.key} = ${token}\`.`,
        fix: { title: `Write \`${token}\` without quotes`, safety: "safe", edits: [replaceRange(atom.range, token)] },
      });
    }
  },
};
