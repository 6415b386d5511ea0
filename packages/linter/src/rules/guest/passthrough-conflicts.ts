import type { FileRule } from "../../engine/types";
import { judgedFor } from "../util/arch";
import { boolValue, describeDevices, passthroughOf } from "../util/guest-settings";

/** A `passthrough` mode libxl refuses for this guest: `disabled` with devices, `share_pt` where it cannot work. */
export const passthroughConflicts: FileRule = {
  id: "passthrough-conflicts",
  scope: "file",
  severity: "error",
  category: "correctness",
  fixable: "none",
  summary: "`passthrough` contradicts the devices or the guest (`disabled` with devices, `share_pt` on PV or without HAP, `sync_pt` on Arm)",
  docs: {
    description: [
      "`passthrough` decides how the guest's IOMMU context is set up. libxl refuses to create the guest",
      "when the mode cannot work:",
      "",
      "- `disabled` while `pci` or `dtdev` lists devices (\"passthrough disabled but devices are specified\");",
      "- `share_pt` (share the CPU's page tables with the IOMMU) on a PV guest, which has no such tables, or",
      "  on an HVM guest with `hap = 0`;",
      "- on Arm, anything but `disabled`, `enabled` or `share_pt`.",
      "",
      "Usually the right choice is to leave `passthrough` out: libxl enables it when there are devices.",
    ].join("\n"),
    invalid: [
      { config: 'name = "nas01"\ntype = "hvm"\npassthrough = "disabled"\npci = [ "0000:03:00.0" ]\n' },
      { config: 'name = "web01"\ntype = "pv"\nkernel = "/boot/vmlinuz"\npassthrough = "share_pt"\n' },
    ],
    valid: [{ config: 'name = "nas01"\ntype = "hvm"\npci = [ "0000:03:00.0" ]\n' }],
  },
  check(context) {
    const type = context.guest.type;
    if (!type) return;
    const pt = passthroughOf(context);
    const range = pt.writtenRange;
    if (!range || !pt.written) return;
    if (pt.written === "disabled") {
      if (pt.hasDevices) {
        context.report({
          range,
          message: `\`passthrough = "disabled"\` contradicts ${describeDevices(pt)}`,
          help: 'libxl refuses to create the guest ("passthrough disabled but devices are specified"). Remove the devices, or remove `passthrough` so that libxl enables it.',
        });
      }
      return;
    }
    if (context.host.arch === "arm") {
      if (pt.mode === "sync_pt") {
        context.report({
          range,
          message: "`sync_pt` does not exist on Arm, where the IOMMU always shares the page tables",
          help: `libxl refuses to create the guest. Use \`share_pt\`, or leave \`passthrough\` out.${judgedFor(context.arch)}`,
        });
      }
      return;
    }
    if (pt.mode !== "share_pt") return;
    if (type === "pv") {
      context.report({
        range,
        message: "`share_pt` needs hardware-assisted page tables, which a PV guest does not have",
        help: 'It shares those page tables with the IOMMU, and libxl refuses to create the guest (passthrough="share_pt" not valid for PV domain). Use `sync_pt`, or leave `passthrough` out.',
      });
    } else if (type === "hvm" && boolValue(context, "hap") === false) {
      context.report({
        range,
        message: "`share_pt` needs hardware-assisted paging, but `hap = 0` turns it off",
        help: 'libxl refuses to create the guest (passthrough="share_pt" only valid for HAP guests). Use `sync_pt`, or turn `hap` back on.',
      });
    }
  },
};
