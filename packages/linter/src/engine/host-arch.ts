/**
 * The architecture a config is meant for. The host profile may state it
 * (xlint.json `host.arch`, `--host-from-system`); when it does not, the
 * config itself decides: Arm-only keys (`dtdev`, `gic_version`,
 * `device_tree`, …) mean Arm, x86-only keys (`viridian`, `pci`, `boot`, …)
 * mean x86, as the catalog's `arch` of each key says. With neither, the
 * kernel's or ramdisk's file name may tell (an arm64 `Image`, a Debian
 * `-amd64` kernel, NetBSD's `XEN3_DOMU`); otherwise x86 is assumed, and
 * says so (`default`).
 *
 * Rules read the result as `context.host.arch`; `context.arch` says where it
 * came from, and lists the arch-specific keys of each side, so that
 * `arch-specific-key` can name them when a file mixes both or contradicts
 * the stated host.
 */
import type { Range, Setting } from "@xlint/parser";
import { allOptions } from "../catalog";
import type { Evidence } from "./guest-os";
import type { HostArch, HostProfile } from "./host";

export type Arch = HostArch;

export interface ArchInfo {
  readonly arch: Arch;
  /** `host`: the host profile says so; `config`: the config's keys or kernel name; `default`: nothing says, x86 assumed. */
  readonly source: "host" | "config" | "default";
  /** Why: the stated host arch; or the keys of the chosen side, then (when it decided) the kernel's or ramdisk's name; or the default. */
  readonly evidence: readonly Evidence[];
  /** The Arm-only keys the config sets, in catalog order (whatever decided the arch). */
  readonly armKeys: readonly string[];
  /** The x86-only keys the config sets, in catalog order. */
  readonly x86Keys: readonly string[];
  /** Set when the kernel's or ramdisk's file name decided (no key did, or the keys tied). */
  readonly namedBy?: { readonly key: "kernel" | "ramdisk"; readonly file: string };
}

export const ARCH_LABEL: Readonly<Record<Arch, string>> = { x86: "x86", arm: "Arm" };

/** Keys xl acts on that only take effect on one architecture. */
const ARCH_KEYS: readonly { key: string; arch: Arch }[] = allOptions()
  .filter((o) => o.status === "xl" && o.arch.length === 1)
  .map((o) => ({ key: o.key, arch: o.arch[0] as Arch }));

/**
 * Words in a kernel or ramdisk file name that name the architecture it was
 * built for: Debian's `-arm64`/`-amd64` package suffixes, Fedora's
 * `.aarch64`/`.x86_64`, `i386`/`i686` (NetBSD's `XEN3PAE_DOMU-i386` too).
 */
const ARM_WORD = /(?:^|[^a-z0-9])(arm64|aarch64|armhf|armel|armv7l?|armv8)(?=[^a-z0-9]|$)/i;
const X86_WORD = /(?:^|[^a-z0-9])(amd64|x86_64|x86-64|i[3-6]86)(?=[^a-z0-9]|$)/i;

/**
 * Linux's boot image names: `Image` (optionally compressed) is what arm64
 * builds (arch/arm64/boot/Image), `zImage` what 32-bit Arm boots, `bzImage`
 * what x86 builds (arch/x86/boot/bzImage). Case matters: these are the
 * build's own file names.
 */
const ARM_IMAGE = /^(Image|zImage)(?:[.-].*)?$/;
const X86_IMAGE = /^bzImage(?:[.-].*)?$/;
/**
 * NetBSD's Xen kernels (`netbsd-XEN3_DOMU`, `XEN3PAE_DOM0`): their kernel
 * configs exist only under sys/arch/amd64/conf and sys/arch/i386/conf
 * (NetBSD's Xen port is x86 only).
 */
const NETBSD_XEN = /(?:^|[^a-z0-9])(XEN3(?:PAE)?_DOM[U0])(?=[^a-z0-9]|$)/i;

export function resolveArch(setting: (key: string) => Setting | undefined, host: HostProfile): ArchInfo {
  const armKeys: string[] = [];
  const x86Keys: string[] = [];
  const keyEvidence: Record<Arch, Evidence[]> = { arm: [], x86: [] };
  for (const { key, arch } of ARCH_KEYS) {
    const found = setting(key);
    if (!found) continue;
    (arch === "arm" ? armKeys : x86Keys).push(key);
    keyEvidence[arch].push({ text: `\`${key}\` is an ${arch === "arm" ? "Arm" : "x86"}-only key`, range: lastKeyRange(found) });
  }
  const keys = { armKeys, x86Keys };

  if (host.arch !== undefined) {
    return { arch: host.arch, source: "host", evidence: [{ text: `the host profile states \`host.arch\` "${host.arch}"` }], ...keys };
  }
  const named = nameSign(setting);
  if (armKeys.length > 0 || x86Keys.length > 0) {
    // A file that mixes both goes with the side it has more keys of; a tie with what the kernel's name says, else x86.
    const arch: Arch =
      armKeys.length !== x86Keys.length ? (armKeys.length > x86Keys.length ? "arm" : "x86") : (named?.arch ?? "x86");
    const evidence = [...keyEvidence[arch]];
    if (armKeys.length === x86Keys.length && named?.arch === arch) {
      evidence.push(named.evidence);
      return { arch, source: "config", evidence, ...keys, namedBy: named.namedBy };
    }
    return { arch, source: "config", evidence, ...keys };
  }
  if (named) return { arch: named.arch, source: "config", evidence: [named.evidence], ...keys, namedBy: named.namedBy };
  return {
    arch: "x86",
    source: "default",
    evidence: [{ text: "no arch-specific key, kernel name or `host.arch` says which architecture: x86 assumed" }],
    ...keys,
  };
}

/** What the kernel's or ramdisk's file name says about the architecture, when it says one thing. */
interface NameSign {
  readonly arch: Arch;
  readonly evidence: Evidence;
  readonly namedBy: NonNullable<ArchInfo["namedBy"]>;
}

function nameSign(setting: (key: string) => Setting | undefined): NameSign | undefined {
  const signs: NameSign[] = [];
  for (const key of ["kernel", "ramdisk"] as const) {
    const found = setting(key);
    if (!found || found.value.kind !== "string") continue;
    const value = found.value.value;
    const base = value.slice(value.lastIndexOf("/") + 1);
    const range = valueRange(found);
    let arch: Arch | undefined;
    let why = "";
    if (ARM_IMAGE.test(base)) [arch, why] = ["arm", "is named like an Arm Linux boot image"];
    else if (X86_IMAGE.test(base)) [arch, why] = ["x86", "is named like an x86 Linux boot image"];
    else if (NETBSD_XEN.test(base)) [arch, why] = ["x86", `is NetBSD's Xen kernel \`${NETBSD_XEN.exec(base)?.[1] ?? ""}\`, built for x86 only`];
    else {
      const arm = ARM_WORD.exec(base)?.[1];
      const x86 = X86_WORD.exec(base)?.[1];
      if (arm && !x86) [arch, why] = ["arm", `names the Arm build \`${arm}\``];
      else if (x86 && !arm) [arch, why] = ["x86", `names the x86 build \`${x86}\``];
    }
    if (arch) signs.push({ arch, evidence: { text: `\`${key}\` "${value}" ${why}`, ...(range ? { range } : {}) }, namedBy: { key, file: value } });
  }
  const first = signs[0];
  return first && signs.every((s) => s.arch === first.arch) ? first : undefined;
}

function lastKeyRange(setting: Setting): Range | undefined {
  return setting.assignments[setting.assignments.length - 1]?.key.range;
}

function valueRange(setting: Setting): Range | undefined {
  if (setting.value.kind !== "string") return undefined;
  const parts = setting.value.parts;
  const first = parts[0];
  const last = parts[parts.length - 1];
  return first && last ? { start: first.range.start, end: last.range.end } : undefined;
}
