import type { FileRule } from "../../engine/types";
import { vcpuCounts } from "../util/guest-cpus";

/** Fewer vCPUs allowed than started: xl stops. */
export const maxvcpusBelowVcpus: FileRule = {
  id: "maxvcpus-below-vcpus",
  scope: "file",
  severity: "error",
  category: "correctness",
  fixable: "none",
  summary: "`maxvcpus` (or the vNUMA vCPU total) is below `vcpus`, so xl refuses the config",
  docs: {
    description: [
      "`vcpus` is how many vCPUs the guest starts with and `maxvcpus` how many it may ever have; xl refuses",
      "a config where the maximum is the smaller (\"maxvcpus < vcpus\"). Without `maxvcpus`, a `vnuma` list",
      "sets the maximum to the vCPUs its nodes hold. `maxvcpus = 0` counts as not set.",
      "",
      "Raise `maxvcpus` to at least `vcpus`, or lower `vcpus`.",
    ].join("\n"),
    invalid: [{ config: 'name = "db01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nvcpus = 8\nmaxvcpus = 4\n' }],
    valid: [{ config: 'name = "db01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nvcpus = 4\nmaxvcpus = 8\n' }],
  },
  check(context) {
    const counts = vcpuCounts(context);
    if (!counts || counts.maxFrom === "vcpus" || counts.maxFrom === "nothing" || counts.max >= counts.vcpus || !counts.maxRange) return;
    const max = counts.maxFrom === "vnuma" ? `The vNUMA nodes hold ${counts.max} vCPU(s), the maximum,` : `\`maxvcpus\` is ${counts.max}`;
    context.report({
      range: counts.maxRange,
      message: `${max} but \`vcpus\` is ${counts.vcpus}`,
      help: `xl refuses to start more vCPUs than the maximum ("maxvcpus < vcpus"). Raise ${counts.maxFrom === "vnuma" ? "`maxvcpus` (and the vNUMA vcpus= ranges)" : "`maxvcpus`"} to at least ${counts.vcpus}, or lower \`vcpus\`.`,
      ...(counts.vcpusRange ? { related: [{ path: context.path, range: counts.vcpusRange, message: "`vcpus` is set here" }] } : {}),
    });
  },
};
