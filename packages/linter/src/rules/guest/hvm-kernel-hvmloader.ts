import type { FileRule } from "../../engine/types";
import { removeStatement } from "../util/edits";
import { basename } from "../util/guest-settings";
import { stringSetting } from "../util/settings";

/** xm's `kernel = ".../hvmloader"` on an HVM guest: xl warns and drops it. */
export const hvmKernelHvmloader: FileRule = {
  id: "hvm-kernel-hvmloader",
  scope: "file",
  severity: "warning",
  category: "compatibility",
  fixable: "safe",
  summary: "An HVM guest's `kernel` points at hvmloader (an xm habit); xl warns and ignores it",
  docs: {
    description: [
      "xm configs started HVM guests with `kernel = \"/usr/lib/xen/boot/hvmloader\"`. xl loads hvmloader by",
      "itself, and for HVM guests `kernel` means direct kernel boot, so xl recognises the old line, prints a",
      "warning and drops it.",
      "",
      "Delete the line (the fix does). To really replace hvmloader, use `firmware_override`.",
    ].join("\n"),
    invalid: [{ config: 'name = "win01"\ntype = "hvm"\nkernel = "/usr/lib/xen/boot/hvmloader"\n' }],
    valid: [{ config: 'name = "win01"\ntype = "hvm"\n' }],
  },
  check(context) {
    if (context.guest.type !== "hvm") return;
    const kernel = stringSetting(context, "kernel");
    const setting = context.setting("kernel");
    if (!kernel || !setting || basename(kernel.value) !== "hvmloader") return;
    context.report({
      range: kernel.range,
      message: "`kernel` names hvmloader, which xl loads by itself and ignores here",
      help: "That is how xm started HVM guests; xl warns and ignores this line. Delete it; use `firmware_override` if you really need another loader.",
      fix: { title: "Remove `kernel`", safety: "safe", edits: setting.assignments.map((a) => removeStatement(context.text, a.range)) },
    });
  },
};
