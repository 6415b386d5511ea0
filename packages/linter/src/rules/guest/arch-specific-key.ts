import { optionByKey } from "../../catalog";
import { compareXenVersions } from "../../engine/host";
import { ARCH_LABEL, type ArchInfo } from "../../engine/host-arch";
import type { FileRule } from "../../engine/types";
import { keyList, keysFor } from "../util/arch";
import { keyRange } from "../util/settings";
import { leadingStringItems } from "../util/guest-settings";

/**
 * A key of the other architecture: the file mixes Arm-only and x86-only keys,
 * or contradicts the host's stated `host.arch`. A file whose arch-specific
 * keys all agree is taken as meant for their architecture (see
 * engine/host-arch.ts), and is not reported.
 */
export const archSpecificKey: FileRule = {
  id: "arch-specific-key",
  scope: "file",
  severity: "warning",
  category: "compatibility",
  fixable: "none",
  summary: "A key of the other architecture: the file mixes Arm-only and x86-only keys, or contradicts the stated `host.arch`",
  docs: {
    description: [
      "Some keys drive hardware features of one architecture: `gic_version`, `vuart`, `dtdev` and",
      "`device_tree` exist only for Arm, while `viridian`, `pci`, `cpuid` or `tsc_mode` are x86 features.",
      "xl reads most of them on either architecture, but the other architecture's libxl ignores them, so the",
      "setting silently does nothing.",
      "",
      "xlint does not assume the host is x86. When `host.arch` (xlint.json, or `--host-from-system`) does",
      "not say, a file that uses Arm-only keys is taken as meant for Arm and one with x86-only keys as meant",
      "for x86, and nothing is reported. This rule reports the keys of the other architecture when the file",
      "mixes both (it is judged for the side most of its keys are for; on a tie, the one its kernel's name",
      "shows, else x86), or when they contradict the stated `host.arch`. The message names the keys on each",
      "side, the help where the architecture came from.",
      "",
      "Remove the keys of the architecture the file is not for, or correct `host.arch`.",
    ].join("\n"),
    invalid: [
      {
        config: 'name = "web01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\ngic_version = "v3"\n',
        host: { arch: "x86" },
        note: "An Arm interrupt controller setting, on a host stated as x86.",
      },
      {
        config: 'name = "mixed01"\nkernel = "/boot/vmlinuz"\ndevice_tree = "/etc/xen/mixed01.dtb"\nviridian = 1\ntsc_mode = "native"\n',
        note: "Two x86-only keys and one Arm-only key: judged for x86, where `device_tree` does nothing.",
      },
    ],
    valid: [
      { config: 'name = "arm01"\nkernel = "/boot/Image"\ngic_version = "v3"\n', note: "Nothing states the host's arch: the Arm-only key says the file is for Arm." },
      { config: 'name = "arm01"\nkernel = "/boot/Image"\ngic_version = "v3"\n', host: { arch: "arm" } },
    ],
  },
  check(context) {
    const { arch } = context;
    const others = new Set(arch.arch === "arm" ? arch.x86Keys : arch.armKeys);
    if (others.size === 0) return;
    const label = ARCH_LABEL[arch.arch];
    for (const setting of context.evaluation.settings.values()) {
      if (!others.has(setting.key)) continue;
      const option = optionByKey(setting.key);
      if (!option) continue;
      if (option.since && compareXenVersions(context.host.xenVersion, option.since) < 0) continue;
      // dtdev on an x86 PVH guest makes libxl refuse it: the passthrough rules say so.
      if (setting.key === "dtdev" && context.guest.type === "pvh" && leadingStringItems(setting) > 0) continue;
      const home = option.arch.map((a) => ARCH_LABEL[a]).join(" and ");
      const ignored = `libxl ignores \`${setting.key}\` there, so the setting does nothing`;
      context.report({
        range: keyRange(setting),
        ...(arch.source === "host"
          ? {
              message: `\`${setting.key}\` is for ${home} only, but \`host.arch\` is "${arch.arch}"`,
              help: `The host profile (xlint.json, or \`--host-from-system\`) says so, and ${ignored}. Remove it, or correct \`host.arch\` if the file is meant for ${home}.`,
            }
          : {
              message: `\`${setting.key}\` is for ${home} only, but this file also sets ${label}-only ${plural(keysFor(arch), "key")} ${keyList(keysFor(arch))}`,
              help: `The file mixes both architectures. xlint judges it for ${label} (${mixedBasis(context.arch)}), and ${ignored}. Remove the keys of the architecture the file is not for, or set \`host.arch\` in xlint.json.`,
            }),
      });
    }
  },
};

function plural(keys: readonly string[], word: string): string {
  return keys.length === 1 ? word : `${word}s`;
}

/** Why a file with keys of both architectures is judged for the one it is. */
function mixedBasis(arch: ArchInfo): string {
  const mine = keysFor(arch).length;
  const theirs = (arch.arch === "arm" ? arch.x86Keys : arch.armKeys).length;
  if (mine > theirs) return "more of its arch-specific keys are for it";
  // On a tie, what the kernel's name showed follows the keys' evidence (see resolveArch).
  const named = arch.evidence[mine];
  return named ? `as many keys point each way, and ${named.text}` : "as many keys point each way, and x86 is the default";
}
