import type { FileRule } from "../../engine/types";
import { CPU_LIST_KEYS, cpuListSetting } from "../util/guest-cpulists";
import { keyRange } from "../util/settings";

/** `cpus`/`cpus_soft` with no vCPU count: xl applies none of the pinning. */
export const cpusWithoutVcpus: FileRule = {
  id: "cpus-without-vcpus",
  scope: "file",
  severity: "warning",
  category: "suspicious",
  fixable: "none",
  summary: "`cpus`/`cpus_soft` is set but neither `vcpus` nor `maxvcpus` is, so xl applies no pinning",
  docs: {
    description: [
      "xl sizes the vCPU affinity it hands to libxl by the vCPU maximum it has read from the config",
      "(`maxvcpus`, a `vnuma` list, else `vcpus`). When none of them is set, that count is 0 at this point:",
      "xl still checks a string's syntax, but it pins no vCPU, and a list is not even read. The guest then",
      "gets its one default vCPU with no affinity at all.",
      "",
      "Add `vcpus = N` (1 for a single vCPU) next to the pinning.",
    ].join("\n"),
    invalid: [{ config: 'name = "db01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\ncpus = "2-3"\n' }],
    valid: [{ config: 'name = "db01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nvcpus = 1\ncpus = "2-3"\n' }],
  },
  check(context) {
    for (const key of CPU_LIST_KEYS) {
      const setting = cpuListSetting(context, key);
      const raw = context.setting(key);
      if (!setting || !raw || setting.max !== 0n || setting.readable === 0) continue;
      const vcpus = context.setting("vcpus") ? "`vcpus` is 0" : "neither `vcpus` nor `maxvcpus` is set";
      context.report({
        range: keyRange(raw),
        message: `\`${key}\` has no effect because ${vcpus}`,
        help: `xl sizes the pinning by the vCPU count it has read, which is 0 here, so it pins nothing${setting.form === "list" ? " and does not even read the list" : ""}. Add \`vcpus = N\` (1 for one vCPU).`,
      });
    }
  },
};
