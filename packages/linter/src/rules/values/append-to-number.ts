import type { FileRule } from "../../engine/types";
import { replaceRange } from "../util/edits";
import { onlyAssignment } from "../util/values-edits";
import { numericSettings, unreadableConsequence, unreadableSeverity } from "../util/values-numbers";
import { shown } from "../util/values-read";

/** `+=` on a numeric key: libxlu refuses to read a number set that way. */
export const appendToNumber: FileRule = {
  id: "append-to-number",
  scope: "file",
  severity: "warning",
  category: "correctness",
  fixable: "unsafe",
  summary: "A numeric key set with `+=`, which xl refuses to read, so the value is ignored",
  docs: {
    description: [
      "`+=` joins strings and lists; it never adds numbers. xl remembers that the last assignment of a key",
      "used `+=` and then refuses to read the key as a number, even when it is the key's only assignment:",
      "it prints a warning and ignores the setting, so `memory += 512` leaves the guest with the default",
      "memory. For `max_grant_frames`, `max_maptrack_frames` and `max_grant_version` xl exits without any",
      "message instead, which is an error.",
      "",
      "Use `=` and write the final number. When the `+=` is the key's only assignment, the fix turns it",
      "into `=`, which is what the line plainly means; it is unsafe, since the value xl ignored then applies.",
    ].join("\n"),
    invalid: [
      { config: 'name = "web01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nmemory += 2048\n', note: "The only assignment, but still ignored." },
      { config: 'name = "web01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nmax_grant_frames = 32\nmax_grant_frames += 32\n', note: "xl exits silently." },
    ],
    valid: [{ config: 'name = "web01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nmemory = 2048\nextra = "console=hvc0"\nextra += " quiet"\n', note: "`+=` on a string key joins the strings." }],
  },
  check(context) {
    for (const read of numericSettings(context)) {
      const { setting } = read;
      if (setting.operator !== "+=") continue;
      const last = setting.assignments[setting.assignments.length - 1];
      if (!last) continue;
      const only = onlyAssignment(setting);
      const joined = only ? "" : ` (the joined text, ${shown(read.value.value)}, would not be the sum either)`;
      context.report({
        range: last.operatorRange,
        severity: unreadableSeverity(read),
        message: `\`${setting.key}\` is set with \`+=\`, which xl refuses for numbers`,
        help: `${unreadableConsequence(read)}${joined}. Use \`=\` with the final number.`,
        ...(only ? { fix: { title: "Replace `+=` with `=`", safety: "unsafe" as const, edits: [replaceRange(last.operatorRange, "=")] } } : {}),
      });
    }
  },
};
