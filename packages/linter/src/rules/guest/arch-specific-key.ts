import { optionByKey } from "../../catalog";
import { compareXenVersions } from "../../engine/host";
import type { FileRule } from "../../engine/types";
import { keyRange } from "../util/settings";
import { leadingStringItems } from "../util/guest-settings";

const ARCH_LABEL = { x86: "x86", arm: "Arm" } as const;

/** A key that only means something on the other architecture. */
export const archSpecificKey: FileRule = {
  id: "arch-specific-key",
  scope: "file",
  severity: "warning",
  category: "compatibility",
  fixable: "none",
  summary: "A key that only works on the other architecture (an x86 key on Arm, or an Arm key on x86)",
  docs: {
    description: [
      "Some keys drive hardware features of one architecture: `gic_version`, `vuart`, `dtdev` and",
      "`device_tree` exist only for Arm, while `viridian`, `pci`, `cpuid` or `tsc_mode` are x86 features.",
      "xl reads most of them on either architecture, but the other architecture's libxl ignores them, so the",
      "setting silently does nothing.",
      "",
      "Remove the key, or set `host.arch` in `xlint.json` if the configs are meant for the other",
      "architecture.",
    ].join("\n"),
    invalid: [{ config: 'name = "web01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\ngic_version = "v3"\n', note: "An Arm interrupt controller setting on an x86 host." }],
    valid: [{ config: 'name = "arm01"\nkernel = "/boot/Image"\ngic_version = "v3"\n', host: { arch: "arm" } }],
  },
  check(context) {
    const arch = context.host.arch;
    for (const setting of context.evaluation.settings.values()) {
      const option = optionByKey(setting.key);
      if (!option || option.status !== "xl" || option.arch.includes(arch)) continue;
      if (option.since && compareXenVersions(context.host.xenVersion, option.since) < 0) continue;
      // dtdev on an x86 PVH guest makes libxl refuse it: the passthrough rules say so.
      if (setting.key === "dtdev" && context.guest.type === "pvh" && leadingStringItems(setting) > 0) continue;
      const home = option.arch.map((a) => ARCH_LABEL[a]).join(" and ");
      context.report({
        range: keyRange(setting),
        message: `\`${setting.key}\` is for ${home} only; on this ${ARCH_LABEL[arch]} host libxl ignores it, so the setting does nothing. Remove it, or set \`host.arch\` in xlint.json if the file is meant for ${home}.`,
      });
    }
  },
};
