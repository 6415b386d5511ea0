import { optionByKey } from "../../catalog";
import type { GuestType } from "../../engine/guest-type";
import { compareXenVersions } from "../../engine/host";
import type { FileContext, FileRule } from "../../engine/types";
import { TYPE_LABEL, aGuest, boolValue, describeGuest, leadingStringItems } from "../util/guest-settings";
import { keyRange } from "../util/settings";
import { capitalised } from "../util/values-read";

/** Keys whose mismatch with the type is an error of a more specific rule, or that do apply to it. */
function handledElsewhere(key: string, type: GuestType, context: FileContext): boolean {
  if (type === "pv" && key === "vnuma") return true; // invalid-vnuma: libxl refuses vNUMA on PV
  if (type === "pvh" && context.host.arch === "x86" && (key === "pci" || key === "dtdev" || key === "passthrough")) return true; // passthrough-on-pvh
  return false;
}

function typesList(types: readonly GuestType[]): string {
  const labels = types.map((t) => TYPE_LABEL[t]);
  return labels.length <= 1 ? (labels[0] ?? "no") : `${labels.slice(0, -1).join(", ")} and ${labels[labels.length - 1]}`;
}

/**
 * Why xl ignores `key` on a PV guest that builds its framebuffer from the
 * top-level display keys only when `vnc` is on and no `vfb` list exists.
 */
function pvDisplayKeyIgnored(context: FileContext, key: string, anyOf: readonly string[]): string | undefined {
  if (leadingStringItems(context.setting("vfb")) > 0) return "the `vfb` list defines the PV framebuffer, and xl then ignores the top-level display keys";
  if (key !== "vnc" && !anyOf.some((k) => boolValue(context, k) === true)) return `a PV guest gets a framebuffer from the top-level display keys only when ${anyOf.map((k) => `\`${k}\``).join(" or ")} is on`;
  return undefined;
}

/** A key that does nothing for the guest type xl builds. */
export const guestTypeMismatch: FileRule = {
  id: "guest-type-mismatch",
  scope: "file",
  severity: "warning",
  category: "guest-type",
  fixable: "none",
  summary: "A key that xl never reads, or that has no effect, for the guest type being built",
  docs: {
    description: [
      "Much of a config only matters for some guest types. xl reads the long list of HVM settings (`acpi_s3`,",
      "`viridian`, `boot`, `serial`, `usb`, …) only for HVM guests, `e820_host` only for PV, the `pvshim`",
      "keys only for PVH; libxl runs no bootloader and adds no `vfb`/`vkb` devices for HVM guests. For the",
      "other types these keys are silently ignored, with no message at all.",
      "",
      "Such a key usually means the guest type is not what the author thinks: a missing `type` line gives a",
      "PV guest on x86, so an HVM config without it loses all its HVM settings. The message says which",
      "type xl builds, the help where that came from. Fix the type, or remove the keys that do not apply.",
    ].join("\n"),
    invalid: [
      { config: 'name = "win01"\nboot = "dc"\nviridian = 1\nkernel = "/boot/vmlinuz"\n', note: "No `type`: a PV guest on x86, so `boot` and `viridian` are never read." },
      { config: 'name = "win01"\ntype = "hvm"\nbootloader = "pygrub"\n', note: "HVM guests boot their own firmware; libxl runs no bootloader." },
    ],
    valid: [
      { config: 'name = "win01"\ntype = "hvm"\nboot = "dc"\nviridian = 1\n' },
      { config: 'name = "web01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\npvshim = 1\n' },
    ],
  },
  check(context) {
    const type = context.guest.type;
    if (!type) return;
    for (const setting of context.evaluation.settings.values()) {
      const key = setting.key;
      const option = optionByKey(key);
      if (!option || option.status !== "xl") continue;
      // Keys of a newer Xen or of the other architecture have rules of their own.
      if (option.since && compareXenVersions(context.host.xenVersion, option.since) < 0) continue;
      if (!option.arch.includes(context.host.arch)) continue;
      if (option.rejectedFor?.includes(type) || handledElsewhere(key, type, context)) continue;
      let why: string | undefined;
      if (!option.appliesTo.includes(type)) {
        why = option.readFor.includes(type)
          ? `xl reads it, but it only has an effect on ${typesList(option.appliesTo)} guests`
          : `xl reads it only for ${typesList(option.readFor)} guests`;
      } else if (type === "pv" && (option.readOnlyWith?.guest === "pv" || key === "vnc")) {
        why = pvDisplayKeyIgnored(context, key, option.readOnlyWith?.anyOf ?? ["vnc"]);
      }
      if (!why) continue;
      context.report({
        range: keyRange(setting),
        message: `\`${key}\` is silently ignored for ${aGuest(type)}`,
        help: `${capitalised(why)}, and ${describeGuest(context.guest, context)}. Check the guest type; if it is right, remove \`${key}\`.`,
      });
    }
  },
};
