import type { FileRule } from "../../engine/types";
import { aGuest } from "../util/guest-settings";
import { stringSetting } from "../util/settings";

/** `kernel` and `firmware` together on a PV or PVH guest: xl stops. */
export const kernelAndFirmware: FileRule = {
  id: "kernel-and-firmware",
  scope: "file",
  severity: "error",
  category: "correctness",
  fixable: "none",
  summary: "A PV or PVH guest sets both `kernel` and `firmware`, which xl refuses",
  docs: {
    description: [
      "For PV and PVH guests, `firmware = \"pvgrub64\"` is a shorthand that makes xl boot a GRUB image as the",
      "guest's kernel. It cannot be combined with a `kernel` of your own: xl refuses the config (\"both",
      "kernel and firmware specified\").",
      "",
      "Keep `kernel` to boot that kernel directly, or keep `firmware` to let GRUB find the kernel on the",
      "guest's disk. (HVM guests may have both: there `firmware` chooses the BIOS.)",
    ].join("\n"),
    invalid: [{ config: 'name = "web01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nfirmware = "pvgrub64"\n' }],
    valid: [
      { config: 'name = "web01"\ntype = "pv"\nfirmware = "pvgrub64"\ndisk = [ "/dev/vg0/web01,raw,xvda,w" ]\n' },
      { config: 'name = "win01"\ntype = "hvm"\nkernel = "/boot/vmlinuz"\nfirmware = "uefi"\n' },
    ],
  },
  check(context) {
    const type = context.guest.type;
    if (type !== "pv" && type !== "pvh") return;
    const kernel = stringSetting(context, "kernel");
    const firmware = stringSetting(context, "firmware");
    if (!kernel || !firmware) return;
    context.report({
      range: firmware.range,
      message: `${aGuest(type).replace(/^a/, "A")} cannot have both \`kernel\` and \`firmware\``,
      help: 'For PV and PVH, `firmware` stands for a kernel image of its own, so xl refuses the config ("both kernel and firmware specified"). Keep one of them.',
      related: [{ path: context.path, range: kernel.range, message: "`kernel` is set here" }],
    });
  },
};
