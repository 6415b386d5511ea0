import type { FileRule } from "../../engine/types";
import { capitalised } from "../util/finding-text";
import { vifEntries, vifRange } from "../util/net-vifs";

const base = 'name = "web01"\nkernel = "/boot/vmlinuz"\nmemory = 512\n';

/** Linux interface names hold at most 15 bytes (IFNAMSIZ less the terminating NUL). */
const LINUX_MAX = 15;
/** The suffix the emulated card's tap interface gets on HVM. */
const EMU_SUFFIX = "-emu";

const bytes = (text: string): number => new TextEncoder().encode(text).length;

/** A `vifname=` longer than a Linux interface name can be. */
export const vifNameTooLong: FileRule = {
  id: "vif-name-too-long",
  scope: "file",
  severity: "warning",
  category: "suspicious",
  fixable: "none",
  summary: "A vif `vifname=` longer than 15 bytes (11 on an HVM vif with an emulated card), too long for a Linux interface name",
  docs: {
    description: [
      "`vifname=` renames the backend interface in the driver domain (dom0 usually), which is Linux in",
      "practice, and Linux interface names hold at most 15 bytes. On an HVM vif with an emulated card",
      "(`type=ioemu`, the HVM default) the tap interface is called the same name plus `-emu`, which",
      "leaves 11. xl does not check the length; the rename fails in the hotplug script or in QEMU, and",
      "the guest starts without that interface, or not at all.",
      "",
      "Use a shorter name.",
    ].join("\n"),
    invalid: [
      { config: `${base}type = "pvh"\nvif = [ "bridge=xenbr0,vifname=web01-frontend01" ]\n`, note: "16 bytes." },
      { config: `${base}type = "hvm"\nvif = [ "bridge=xenbr0,vifname=web01-front0" ]\n`, note: "The tap would be `web01-front0-emu`, 16 bytes." },
    ],
    valid: [{ config: `${base}type = "hvm"\nvif = [ "bridge=xenbr0,vifname=web01-eth0" ]\n` }],
  },
  check(context) {
    for (const entry of vifEntries(context)) {
      const name = entry.vif.vifname;
      if (!name) continue;
      const emulated = context.guest.type === "hvm" && entry.vif.type?.value !== "vif";
      const limit = emulated ? LINUX_MAX - EMU_SUFFIX.length : LINUX_MAX;
      const length = bytes(name.value);
      if (length <= limit) continue;
      const why = emulated
        ? `the emulated card's tap interface adds \`${EMU_SUFFIX}\`, giving \`${name.value}${EMU_SUFFIX}\`, and Linux interface names hold at most ${LINUX_MAX} bytes`
        : `Linux interface names hold at most ${LINUX_MAX} bytes`;
      context.report({
        range: vifRange(context, entry, name.span),
        message: `vifname \`${name.value}\` is ${length} bytes long, more than ${limit}`,
        help: `${capitalised(why)}. xl does not check this, and the interface cannot be given the name, so the guest starts without it or not at all. Use a name of at most ${limit} bytes.`,
      });
    }
  },
};
