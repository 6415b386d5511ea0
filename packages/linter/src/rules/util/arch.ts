/**
 * The architecture a file is judged for, in words for messages. Rules that
 * depend on it never claim the host's architecture when nobody stated it:
 * they say whether the host profile states it, the file's own keys (or its
 * kernel's name) point to it, or xlint assumed x86 for want of any sign.
 */
import { ARCH_LABEL, type ArchInfo } from "../../engine/host-arch";

/** At most this many keys are named in a message; the rest are counted. */
const SHOWN_KEYS = 3;

/** "`dtdev`, `device_tree` and 2 more". */
export function keyList(keys: readonly string[]): string {
  const shown = keys.slice(0, SHOWN_KEYS).map((k) => `\`${k}\``);
  const more = keys.length - shown.length;
  if (more > 0) return `${shown.join(", ")} and ${more} more`;
  if (shown.length <= 1) return shown.join("");
  return `${shown.slice(0, -1).join(", ")} and ${shown[shown.length - 1]}`;
}

/** The arch-specific keys that point to the arch the file is judged for. */
export function keysFor(arch: ArchInfo): readonly string[] {
  return arch.arch === "arm" ? arch.armKeys : arch.x86Keys;
}

/** Why the file is judged for its arch: "the host profile's `host.arch`", "its Arm-only key `dtdev`", "nothing: x86 assumed". */
export function archBasis(arch: ArchInfo): string {
  switch (arch.source) {
    case "host":
      return "the host profile's `host.arch` (xlint.json, or `--host-from-system`)";
    case "config": {
      const keys = keysFor(arch);
      if (keys.length > 0) return `its ${ARCH_LABEL[arch.arch]}-only key${keys.length > 1 ? "s" : ""} ${keyList(keys)}`;
      return arch.namedBy ? `the file name of its ${arch.namedBy.key}, \`${arch.namedBy.file}\`` : "its settings";
    }
    case "default":
      return "no sign of either architecture, so x86 is assumed";
  }
}

/**
 * "on this x86 host", "on Arm, which this file is for, judging by its
 * Arm-only key `dtdev`", "on x86 (assumed: neither `host.arch` nor the file
 * says which architecture)".
 */
export function onArch(arch: ArchInfo): string {
  const label = ARCH_LABEL[arch.arch];
  switch (arch.source) {
    case "host":
      return `on this ${label} host`;
    case "config":
      return `on ${label}, which this file is for, judging by ${archBasis(arch)}`;
    case "default":
      return `on ${label} (assumed: neither \`host.arch\` nor the file says which architecture)`;
  }
}

/**
 * For findings that hold only on one architecture: empty when the host
 * profile states it, else a sentence saying what made xlint take the file
 * as meant for it.
 */
export function judgedFor(arch: ArchInfo): string {
  if (arch.source === "host") return "";
  const label = ARCH_LABEL[arch.arch];
  if (arch.source === "default") return ` (xlint assumes ${label}: neither \`host.arch\` nor the file says which architecture.)`;
  return ` xlint takes this file as meant for ${label} from ${archBasis(arch)}; set \`host.arch\` in xlint.json if it is not.`;
}
