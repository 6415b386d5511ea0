import type { FileRule } from "../../engine/types";
import { firstStatementRange, hasSyntaxErrors } from "../util/guest-settings";

/** Neither `memory` nor `maxmem`: the guest gets libxl's 32 MiB. */
export const noMemory: FileRule = {
  id: "no-memory",
  scope: "file",
  severity: "warning",
  category: "suspicious",
  fixable: "none",
  summary: "Neither `memory` nor `maxmem` is set, so the guest gets only 32 MiB",
  docs: {
    description: [
      "Without `memory` and `maxmem` (and without `vnuma`, whose node sizes also set it), libxl gives the",
      "guest 32 MiB. xm used 128 MiB, and no current operating system boots in 32 MiB, so a file converted",
      "from xm or cut down from a template ends up with a guest that crashes early or never boots.",
      "",
      "Set `memory` in MiB.",
    ].join("\n"),
    invalid: [{ config: 'name = "web01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\n' }],
    valid: [{ config: 'name = "web01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nmemory = 1024\n' }],
  },
  check(context) {
    if (["memory", "maxmem", "vnuma"].some((key) => context.setting(key)) || hasSyntaxErrors(context)) return;
    context.report({
      range: firstStatementRange(context),
      message: "Neither `memory` nor `maxmem` is set, so libxl gives the guest 32 MiB",
      help: "That is not xm's 128 MiB, and too little for any current operating system to boot. Add `memory = ...` in MiB.",
    });
  },
};
