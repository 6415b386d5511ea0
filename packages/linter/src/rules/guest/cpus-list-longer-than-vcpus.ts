import type { FileRule } from "../../engine/types";
import { CPU_LIST_KEYS, cpuListSetting } from "../util/guest-cpulists";

/** A per-vCPU list of CPU sets longer than the vCPUs: the extra items are never read. */
export const cpusListLongerThanVcpus: FileRule = {
  id: "cpus-list-longer-than-vcpus",
  scope: "file",
  severity: "info",
  category: "suspicious",
  fixable: "none",
  summary: "`cpus`/`cpus_soft` lists more CPU sets than the guest has vCPUs; xl ignores the rest",
  docs: {
    description: [
      "Written as a list, `cpus` (or `cpus_soft`) gives one CPU set per vCPU: item 1 for vCPU 0, item 2 for",
      "vCPU 1, and so on. xl reads only as many items as the guest's vCPU maximum (`maxvcpus`, else",
      "`vcpus`) and silently ignores the rest, without even checking them. That is harmless, but it often",
      "means `vcpus` was lowered and the pinning was not updated.",
      "",
      "Shorten the list, or raise `vcpus`/`maxvcpus` if the extra vCPUs were meant.",
    ].join("\n"),
    invalid: [{ config: 'name = "db01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nvcpus = 2\ncpus = [ "2", "3", "4", "5" ]\n' }],
    valid: [{ config: 'name = "db01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nvcpus = 4\ncpus = [ "2", "3", "4", "5" ]\n' }],
  },
  check(context) {
    for (const key of CPU_LIST_KEYS) {
      const setting = cpuListSetting(context, key);
      // With no vCPU count at all, cpus-without-vcpus reports the whole setting.
      if (!setting?.firstUnread || setting.max === 0n) continue;
      const extra = setting.readable - setting.firstUnread.index;
      context.report({
        range: setting.firstUnread.range,
        message: `\`${key}\` lists ${setting.readable} CPU sets but the guest has at most ${setting.max} vCPU(s)`,
        help: `xl ignores the last ${extra}, from this one on, without checking them. Shorten the list, or raise \`vcpus\`/\`maxvcpus\`.`,
      });
    }
  },
};
