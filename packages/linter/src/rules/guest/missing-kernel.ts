import type { FileRule } from "../../engine/types";
import { TYPE_LABEL, aGuest, guestAnchor, hasSyntaxErrors, typeOrigin } from "../util/guest-settings";
import { stringSetting } from "../util/settings";

/** A PV or PVH guest with nothing to boot: xl stops. */
export const missingKernel: FileRule = {
  id: "missing-kernel",
  scope: "file",
  severity: "error",
  category: "correctness",
  fixable: "none",
  summary: "A PV or PVH guest without `kernel`, `bootloader` or `firmware`, which xl refuses",
  docs: {
    description: [
      "PV and PVH guests have no BIOS of their own: something must hand Xen a kernel. That is `kernel` (a",
      "kernel file in dom0, booted directly), `bootloader` (normally `pygrub`, which finds the kernel on",
      "the guest's first disk) or `firmware = \"pvgrub64\"` (a GRUB built for Xen). With none of them xl",
      "refuses the config (\"Neither kernel nor bootloader specified\").",
      "",
      "This is also what happens to an HVM config that lacks `type = \"hvm\"`: on x86 it is read as PV.",
    ].join("\n"),
    invalid: [
      { config: 'name = "win01"\nmemory = 4096\ndisk = [ "/dev/vg0/win01,raw,hda,w" ]\n', note: "Meant as HVM, but without `type` it is PV." },
      { config: 'name = "web01"\ntype = "pvh"\nmemory = 1024\n' },
    ],
    valid: [
      { config: 'name = "web01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nmemory = 1024\n' },
      { config: 'name = "web01"\nbootloader = "pygrub"\ndisk = [ "/dev/vg0/web01,raw,xvda,w" ]\n' },
    ],
  },
  check(context) {
    const type = context.guest.type;
    if (type !== "pv" && type !== "pvh") return;
    if (["kernel", "bootloader", "firmware"].some((key) => stringSetting(context, key)) || hasSyntaxErrors(context)) return;
    const asList = ["kernel", "bootloader"].find((key) => context.setting(key));
    const listNote = asList ? ` (\`${asList}\` is written as a list, which xl ignores)` : "";
    const hvmHint = context.guest.source === "default" && context.host.arch === "x86" ? ' If this is meant to be an HVM guest, add `type = "hvm"`.' : "";
    context.report({
      range: guestAnchor(context),
      message: `This ${TYPE_LABEL[type]} guest has nothing to boot: no \`kernel\`, \`bootloader\` or \`firmware\``,
      help: `It is ${aGuest(type)} ${typeOrigin(context.guest, context)}${listNote}, and xl refuses it ("Neither kernel nor bootloader specified"). Add \`kernel = "/path/to/vmlinuz"\`, \`bootloader = "pygrub"\` or \`firmware = "pvgrub64"\`.${hvmHint}`,
    });
  },
};
