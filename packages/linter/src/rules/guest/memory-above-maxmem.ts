import type { FileRule } from "../../engine/types";
import { longSetting } from "../util/guest-settings";

/** `memory` above `maxmem`: accepted, but the limit means nothing then. */
export const memoryAboveMaxmem: FileRule = {
  id: "memory-above-maxmem",
  scope: "file",
  severity: "warning",
  category: "suspicious",
  fixable: "none",
  summary: "`memory` is above `maxmem`",
  docs: {
    description: [
      "`maxmem` is meant to be the most memory the guest may balloon up to, so it should not be below",
      "`memory`, the amount it starts with. xl and libxl do not check it: the guest starts with `memory`",
      "anyway, Xen's limit is raised to match, and the guest's balloon driver is told a maximum below what",
      "it already has. Usually the two values were swapped, or one was edited without the other.",
      "",
      "Make `maxmem` at least `memory`, or remove `maxmem` (it then equals `memory`).",
    ].join("\n"),
    invalid: [{ config: 'name = "db01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nmemory = 8192\nmaxmem = 4096\n' }],
    valid: [{ config: 'name = "db01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nmemory = 4096\nmaxmem = 8192\n' }],
  },
  check(context) {
    const memory = longSetting(context, "memory");
    const maxmem = longSetting(context, "maxmem");
    if (!memory || !maxmem || memory.value <= maxmem.value) return;
    context.report({
      range: maxmem.range,
      message: `\`maxmem\` (${maxmem.value} MiB) is below \`memory\` (${memory.value} MiB)`,
      help: `xl does not check it: the guest starts with ${memory.value} MiB anyway, and its balloon driver is told a maximum below what it has. Make \`maxmem\` at least ${memory.value}, or remove it.`,
      related: [{ path: context.path, range: memory.range, message: "`memory` is set here" }],
    });
  },
};
