import type { FileRule } from "../../engine/types";
import { onArch } from "../util/arch";
import { aGuest, firstStatementRange, hasSyntaxErrors, insertLineAfter } from "../util/guest-settings";

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
      "Without `type`, xl builds a PV guest on x86 and a PVH guest on Arm (`parse_config_data` in",
      "tools/xl/xl_parse.c picks the default by the architecture xl was built for). Many old files rely on",
      "this, and a reader cannot tell from the file which keys apply: HVM-only settings in such a file are",
      "silently ignored. Saying the type also keeps the file meaning the same on both architectures.",
      "",
      "The fix adds `type = \"pv\"`, or `type = \"pvh\"` for a file meant for Arm, which is what xl does",
      "today. A file is taken as meant for Arm when `host.arch` says so, or when it uses Arm-only keys",
      "(`dtdev`, `device_tree`, `gic_version`, …) or boots an arm64 `Image`. On Arm, never write",
      "`type = \"pv\"`: libxl converts such a guest to PVH with warnings (`arm-pv-converted`). When nothing",
      "says which architecture the file is for, x86 is assumed and the fix is unsafe: set `host.arch` in",
      "`xlint.json` to make it safe. Consider `pvh` for a modern Linux guest on x86.",
    ].join("\n"),
    invalid: [
      { config: 'name = "web01"\nkernel = "/boot/vmlinuz"\nmemory = 1024\n', note: "A PV guest on x86 (assumed: nothing says which architecture)." },
      { config: 'name = "arm01"\nkernel = "/boot/Image"\ndevice_tree = "/etc/xen/arm01.dtb"\n', note: "A file for Arm: the fix writes `type = \"pvh\"`." },
    ],
    valid: [{ config: 'name = "web01"\ntype = "pv"\nkernel = "/boot/vmlinuz"\nmemory = 1024\n' }],
  },
  check(context) {
    if (context.guest.source !== "default" || context.setting("type") || context.setting("builder") || hasSyntaxErrors(context)) return;
    // xl_parse.c, parse_config_data: PVH when xl is built for Arm, PV otherwise.
    const type = context.host.arch === "arm" ? "pvh" : "pv";
    const name = context.setting("name");
    const last = name?.assignments[name.assignments.length - 1];
    const other = context.host.arch === "x86" && context.arch.source !== "host" ? "; on Arm it would be PVH" : "";
    // The fix is what xl does on the arch the file is judged for: sure only when something says which.
    const safety = context.arch.source === "default" ? "unsafe" : "safe";
    context.report({
      range: last?.key.range ?? firstStatementRange(context),
      message: `No \`type\` is set, so xl builds ${aGuest(type)}`,
      help: `That is xl's default ${onArch(context.arch)}${other}. Write \`type = "${type}"\` so the file says which keys apply${type === "pv" && (context.guestOs.os === "linux" || context.guestOs.os === "unknown") ? " (or consider `pvh` for a modern Linux guest)" : ""}${safety === "unsafe" ? ", or set `host.arch` in xlint.json" : ""}.`,
      fix: { title: `Add \`type = "${type}"\``, safety, edits: [insertLineAfter(context, last?.range, `type = "${type}"`)] },
    });
  },
};
