import type { FileRule } from "../../engine/types";
import { altp2mKeysOn, describeDevices, passthroughOf } from "../util/guest-settings";
import { memorySizes, podEnabled, vnumaOf } from "../util/guest-cpus";

/** `memory` below the maximum on HVM/PVH (populate-on-demand) together with something PoD cannot serve. */
export const podConflict: FileRule = {
  id: "pod-conflict",
  scope: "file",
  severity: "error",
  category: "correctness",
  fixable: "none",
  summary: "An HVM or PVH guest starts ballooned down (`memory` < `maxmem`) with passthrough, vNUMA or altp2m, which libxl refuses",
  docs: {
    description: [
      "When `memory` is below `maxmem`, an HVM or PVH guest starts with part of its memory unpopulated and",
      "Xen fills it on demand (PoD). libxl refuses that combination with:",
      "",
      "- device passthrough (`pci`, `dtdev`, or a `passthrough` mode other than `disabled`): the IOMMU needs",
      "  all memory populated;",
      "- `vnuma`, whose nodes PoD does not know about;",
      "- `altp2m` (or `altp2mhvm`).",
      "",
      "Set `memory` equal to `maxmem` (or drop `maxmem`). PV guests balloon without PoD and are not affected.",
    ].join("\n"),
    invalid: [{ config: 'name = "nas01"\ntype = "hvm"\nmemory = 2048\nmaxmem = 4096\npci = [ "0000:03:00.0" ]\n' }],
    valid: [
      { config: 'name = "nas01"\ntype = "hvm"\nmemory = 4096\nmaxmem = 4096\npci = [ "0000:03:00.0" ]\n' },
      { config: 'name = "web01"\ntype = "pv"\nkernel = "/boot/vmlinuz"\nmemory = 2048\nmaxmem = 4096\npci = [ "0000:03:00.0" ]\n', note: "PV guests do not use PoD." },
    ],
  },
  check(context) {
    const type = context.guest.type;
    if (!type || !podEnabled(context, type)) return;
    const { memory, maxmem } = memorySizes(context);
    if (!memory || !maxmem) return;
    const reasons: string[] = [];
    const pt = passthroughOf(context);
    // On x86 PVH any passthrough is refused first, by passthrough-on-pvh.
    if (pt.mode !== "disabled" && !(type === "pvh" && context.host.arch === "x86")) {
      reasons.push(pt.hasDevices ? `device passthrough (${describeDevices(pt)})` : `\`passthrough = "${pt.written ?? ""}"\``);
    }
    const vnuma = vnumaOf(context);
    if (vnuma && !vnuma.fatal && vnuma.config.nodes.length > 0) reasons.push("`vnuma`");
    reasons.push(...altp2mKeysOn(context, type).map((k) => `\`${k}\``));
    if (reasons.length === 0) return;
    const max = maxmem.fromVnuma ? `the vNUMA total (${maxmem.value} MiB)` : `\`maxmem\` (${maxmem.value} MiB)`;
    context.report({
      range: memory.range,
      message: `\`memory\` (${memory.value} MiB) below ${max} starts populate-on-demand, refused here`,
      help: `In populate-on-demand mode the guest starts ballooned down, which libxl refuses together with ${reasons.join(" and ")}. Set \`memory\` to ${maxmem.value}${maxmem.fromVnuma ? "" : " or drop `maxmem`"}.`,
      related: [{ path: context.path, range: maxmem.range, message: "the maximum memory" }],
    });
  },
};
