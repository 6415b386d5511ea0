import type { FileRule } from "../../engine/types";
import { stringSetting } from "../util/settings";

/** `firmware = "pvgrub*"` on a PVH guest: a PV GRUB image that cannot boot as PVH. */
export const pvgrubOnPvh: FileRule = {
  id: "pvgrub-on-pvh",
  scope: "file",
  severity: "warning",
  category: "guest-type",
  fixable: "none",
  summary: "A PVH guest boots `pvgrub32`/`pvgrub64`, GRUB images built for PV guests",
  docs: {
    description: [
      "xl accepts `firmware = \"pvgrub64\"` for PVH as for PV guests and boots `pvgrub64.bin` from Xen's",
      "firmware directory. That image is GRUB built for the PV interface; a PVH guest starts in a different",
      "way, so the guest does not boot. Xen 4.17's manual says plainly that PVH has no firmware option.",
      "",
      "Boot the kernel directly with `kernel`, use `bootloader = \"pygrub\"`, or, for GRUB, point `kernel` at",
      "a GRUB image built for PVH (GRUB's `i386-xen_pvh` platform), or make the guest PV.",
    ].join("\n"),
    invalid: [{ config: 'name = "web01"\ntype = "pvh"\nfirmware = "pvgrub64"\ndisk = [ "/dev/vg0/web01,raw,xvda,w" ]\n' }],
    valid: [{ config: 'name = "web01"\ntype = "pvh"\nkernel = "/usr/lib/grub-xen/grub-i386-xen_pvh.bin"\ndisk = [ "/dev/vg0/web01,raw,xvda,w" ]\n' }],
  },
  check(context) {
    if (context.guest.type !== "pvh") return;
    const firmware = stringSetting(context, "firmware");
    // With `kernel` too, xl refuses the config: kernel-and-firmware says so.
    if (!firmware || stringSetting(context, "kernel") || (firmware.value !== "pvgrub32" && firmware.value !== "pvgrub64")) return;
    context.report({
      range: firmware.range,
      message: `\`${firmware.value}\` is GRUB built for PV guests, which cannot boot this PVH guest`,
      help: 'xl accepts it, but the image cannot boot in a PVH container. Use `kernel` (possibly a GRUB image built for PVH) or `bootloader = "pygrub"`, or make the guest PV.',
    });
  },
};
