import type { FileRule } from "../../engine/types";
import { longSetting } from "../util/guest-settings";

/** `vcpus` of 0 (a guest with no vCPU online) or negative (xl stops). */
export const vcpusBelowOne: FileRule = {
  id: "vcpus-below-one",
  scope: "file",
  severity: "warning",
  category: "suspicious",
  fixable: "none",
  summary: "`vcpus` is 0 or negative",
  docs: {
    description: [
      "A guest needs at least one vCPU. Xen 4.17's xl does not check `vcpus = 0` (later releases raise it",
      "to 1): the guest is built without any vCPU marked online, which is at best confusing. A negative",
      "value, written as a string since the config language has no minus sign, makes xl fail to allocate",
      "its vCPU map and stop; that is reported as an error.",
      "",
      "Set `vcpus` to 1 or more, or leave it out for one vCPU.",
    ].join("\n"),
    invalid: [
      { config: 'name = "web01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nvcpus = 0\n' },
      { config: 'name = "web01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nvcpus = "-2"\n', note: "xl stops: an error." },
    ],
    valid: [{ config: 'name = "web01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nvcpus = 2\n' }],
  },
  check(context) {
    const vcpus = longSetting(context, "vcpus");
    if (!vcpus || vcpus.value >= 1n) return;
    if (vcpus.value < 0n) {
      context.report({
        severity: "error",
        range: vcpus.range,
        message: `\`vcpus\` is ${vcpus.value}, a negative count`,
        help: 'xl cannot size its vCPU map for a negative count and stops ("Unable to allocate cpumap"). Set it to 1 or more.',
      });
      return;
    }
    context.report({
      range: vcpus.range,
      message: "`vcpus = 0` asks for a guest without any vCPU",
      help: "xl 4.17 lets it through and builds the guest with no vCPU marked online (development versions after 4.21 raise it to 1). Set `vcpus` to 1 or more, or leave it out.",
    });
  },
};
