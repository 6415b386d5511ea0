import type { FileRule } from "../../engine/types";
import { basename } from "../util/guest-settings";
import { stringSetting } from "../util/settings";

const DIRECT_BOOT_KEYS = ["ramdisk", "cmdline", "root", "extra"];

/** An HVM guest with a ramdisk or command line but no kernel: libxl refuses it. */
export const directBootWithoutKernel: FileRule = {
  id: "direct-boot-without-kernel",
  scope: "file",
  severity: "error",
  category: "correctness",
  fixable: "none",
  summary: "An HVM guest sets `ramdisk`, `cmdline`, `root` or `extra` without a `kernel`, which libxl refuses",
  docs: {
    description: [
      "An HVM guest normally boots from its own disks through its firmware. `ramdisk` and the command line",
      "keys (`cmdline`, `root`, `extra`) belong to direct kernel boot, where qemu loads a kernel from dom0;",
      "without a `kernel` they make no sense, and libxl refuses to create the guest (\"direct boot parameters",
      "specified but kernel missing\"). A `kernel` that points at hvmloader, an xm habit, is dropped by xl",
      "and does not count.",
      "",
      "Remove these keys for a normal firmware boot, or add the `kernel` they belong to. If the guest is",
      "meant to be PV or PVH, where these keys go with the kernel, correct `type` instead.",
    ].join("\n"),
    invalid: [{ config: 'name = "win01"\ntype = "hvm"\nextra = "console=ttyS0"\ndisk = [ "/dev/vg0/win01,raw,hda,w" ]\n' }],
    valid: [
      { config: 'name = "lin01"\ntype = "hvm"\nkernel = "/boot/vmlinuz"\nextra = "console=ttyS0"\n' },
      { config: 'name = "web01"\ntype = "pv"\nbootloader = "pygrub"\nextra = "console=hvc0"\ndisk = [ "/dev/vg0/web01,raw,xvda,w" ]\n' },
    ],
  },
  check(context) {
    if (context.guest.type !== "hvm") return;
    const kernel = stringSetting(context, "kernel");
    const hvmloader = kernel !== undefined && basename(kernel.value) === "hvmloader";
    if (kernel && !hvmloader) return;
    const set = DIRECT_BOOT_KEYS.map((key) => ({ key, setting: stringSetting(context, key) })).filter((s) => s.setting !== undefined);
    const first = set.sort((a, b) => (a.setting?.range.start.offset ?? 0) - (b.setting?.range.start.offset ?? 0))[0];
    if (!first?.setting) return;
    const keys = set.map((s) => `\`${s.key}\``).join(", ");
    const why = hvmloader ? "the `kernel` names hvmloader, which xl drops" : "there is no `kernel`";
    context.report({
      range: first.setting.range,
      message: `${keys} ${set.length === 1 ? "is a direct kernel boot setting" : "are direct kernel boot settings"}, but ${why}`,
      help: `libxl refuses to create this HVM guest ("direct boot parameters specified but kernel missing"). Remove ${set.length === 1 ? "it" : "them"} to boot from the guest's disks, or add the \`kernel\` to boot.`,
    });
  },
};
