import type { FileRule } from "../../engine/types";
import { onArch } from "../util/arch";
import { describeDevices, passthroughOf, typeOrigin } from "../util/guest-settings";
import { settingRange } from "../util/settings";

/** PCI or device-tree passthrough on an x86 PVH guest: libxl refuses it. */
export const passthroughOnPvh: FileRule = {
  id: "passthrough-on-pvh",
  scope: "file",
  severity: "error",
  category: "guest-type",
  fixable: "none",
  summary: "An x86 PVH guest asks for device passthrough (`pci`, `dtdev`, `passthrough`), which libxl refuses",
  docs: {
    description: [
      "Xen 4.17 cannot pass devices through to PVH guests on x86. A non-empty `pci` or `dtdev` list, or a",
      "`passthrough` mode other than `disabled`, makes libxl refuse to create the guest (\"passthrough not",
      "yet supported for x86 PVH guests\").",
      "",
      "Make the guest HVM (or PV) to pass a device through, or remove the devices and the `passthrough`",
      "setting.",
    ].join("\n"),
    invalid: [{ config: 'name = "nas01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\npci = [ "0000:03:00.0" ]\n' }],
    valid: [
      { config: 'name = "nas01"\ntype = "hvm"\npci = [ "0000:03:00.0" ]\n' },
      { config: 'name = "web01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\npassthrough = "disabled"\n' },
    ],
  },
  check(context) {
    if (context.guest.type !== "pvh" || context.host.arch !== "x86") return;
    const pt = passthroughOf(context);
    if (pt.mode === "disabled") return;
    const devices = pt.pciDevices > 0 ? context.setting("pci") : pt.dtDevices > 0 ? context.setting("dtdev") : undefined;
    const range = devices ? settingRange(devices) : pt.writtenRange;
    if (!range) return;
    const what = pt.hasDevices ? describeDevices(pt) : `\`passthrough = "${pt.written ?? ""}"\``;
    context.report({
      range,
      message: `This PVH guest has ${what}, and libxl refuses passthrough for PVH on x86`,
      help: `This is a PVH guest ${typeOrigin(context.guest, context)}, and PVH guests cannot have passthrough ${onArch(context.arch)}: libxl refuses to create it ("passthrough not yet supported for x86 PVH guests"). Make the guest HVM to pass devices through, or remove them.`,
    });
  },
};
