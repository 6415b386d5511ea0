import type { FileRule } from "../../engine/types";
import { firstStatementRange, hasSyntaxErrors, insertLineAfter } from "../util/guest-settings";

/** No `type` (nor `builder`): the guest type is the architecture's default. */
export const implicitType: FileRule = {
  id: "implicit-type",
  scope: "file",
  severity: "info",
  category: "compatibility",
  fixable: "safe",
  summary: "Neither `type` nor `builder` is set, so the guest type is the architecture's default",
  docs: {
    description: [
      "Without `type`, xl builds a PV guest on x86 and a PVH guest on Arm. Many old files rely on this, and",
      "a reader cannot tell from the file which keys apply: HVM-only settings in such a file are silently",
      "ignored. Saying the type also keeps the file meaning the same on both architectures.",
      "",
      "The fix adds `type = \"pv\"` (on Arm, `\"pvh\"`), which is what xl does today. Consider `pvh` for a",
      "modern Linux guest on x86.",
    ].join("\n"),
    invalid: [{ config: 'name = "web01"\nkernel = "/boot/vmlinuz"\nmemory = 1024\n', note: "A PV guest on x86." }],
    valid: [{ config: 'name = "web01"\ntype = "pv"\nkernel = "/boot/vmlinuz"\nmemory = 1024\n' }],
  },
  check(context) {
    if (context.guest.source !== "default" || context.setting("type") || context.setting("builder") || hasSyntaxErrors(context)) return;
    const type = context.host.arch === "arm" ? "pvh" : "pv";
    const name = context.setting("name");
    const last = name?.assignments[name.assignments.length - 1];
    const where = context.host.arch === "arm" ? "Arm" : "x86";
    context.report({
      range: last?.key.range ?? firstStatementRange(context),
      message: `No \`type\` is set, so xl builds a ${type === "pv" ? "PV" : "PVH"} guest, its default on ${where}. Write \`type = "${type}"\` so the file says which keys apply${type === "pv" ? " (or consider `pvh` for a modern Linux guest)" : ""}.`,
      fix: { title: `Add \`type = "${type}"\``, safety: "safe", edits: [insertLineAfter(context, last?.range, `type = "${type}"`)] },
    });
  },
};
