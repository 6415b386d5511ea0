/**
 * Values worth proposing that no other device already has: the next free
 * vdev for a disk, and a fresh MAC address for a vif.
 *
 * The next vdev follows the family the file uses (`xvd`, `hd` or `sd`, or
 * the one being typed): the first disk letter no other disk of the file
 * takes, with names compared by what libxl decodes (`0x300` takes `hda`, and
 * a partition `xvda1` takes the whole disk `xvda`). In an HVM guest `xvdN`
 * and `hdN` with the same index 0–3 become the same emulated IDE disk
 * (reference §3.6), so there one takes the other's place too. When a family
 * is full (`hd` has four disks, `sd` sixteen) the proposal moves to `xvd`.
 *
 * A fresh MAC is in Xen's OUI `00:16:3e`, with the top bit of the fourth
 * octet clear as libxl's own random addresses have it (§4.2), and used by
 * no config the workspace view knows nor by this file. The random source
 * is a parameter, so tests choose it.
 */
import {
  decodeVdev,
  detachedSpecText,
  formatMac,
  parseDiskSpec,
  parseVifSpec,
  specTextOf,
  type Assignment,
  type EvalValue,
  type SpecText,
  type Value,
} from "@xlint/parser";
import type { DocumentAnalysis } from "./document-analysis";
import type { WorkspaceView } from "../workspace/workspace-view";

export type VdevFamily = "xvd" | "hd" | "sd";

/** How many disks each family can name (hd: hda–hdd; sd: sda–sdp; xvd: up to `zz` is plenty for a menu). */
const FAMILY_SIZE: Readonly<Record<VdevFamily, number>> = { xvd: 702, hd: 4, sd: 16 };

/**
 * The spec texts of a list setting's string items as xl stores them, except
 * the one written by `exclude`, plus the string items of `alsoFrom` (the
 * list being edited, which xl would not store while it has a syntax error).
 */
export function otherSpecItems(analysis: DocumentAnalysis, key: string, exclude: Value | undefined, alsoFrom?: Assignment): SpecText[] {
  const setting = analysis.evaluation.settings.get(key);
  const out: SpecText[] = [];
  if (setting?.value.kind === "list") {
    for (const item of setting.value.items) {
      if (item.kind !== "string" || item.parts.some((p) => p === exclude)) continue;
      out.push(specOfEvalString(item));
    }
  }
  if (alsoFrom?.value?.kind === "list" && alsoFrom.hasError) {
    for (const item of alsoFrom.value.items) if (item.kind === "string" && item !== exclude) out.push(specTextOf(item));
  }
  return out;
}

function specOfEvalString(item: Extract<EvalValue, { kind: "string" }>): SpecText {
  const only = item.parts.length === 1 ? item.parts[0] : undefined;
  return only?.kind === "string" ? specTextOf(only) : detachedSpecText(item.value);
}

/** A disk's family and letter index as libxl decodes its vdev (numbers through the name they stand for). */
function diskSlot(vdev: string): { family: VdevFamily; disk: number } | undefined {
  const info = decodeVdev(vdev);
  if (!info.valid) return undefined;
  const named = info.kind === "xvd" || info.kind === "hd" || info.kind === "sd" ? info : info.canonicalName === undefined ? undefined : decodeVdev(info.canonicalName);
  if (named === undefined || named.disk === undefined || named.disk < 0) return undefined;
  if (named.kind === "xvd" || named.kind === "hd" || named.kind === "sd") return { family: named.kind, disk: named.disk };
  // dNpM is libxl's numbered spelling of xvd.
  if (named.kind === "dNpM") return { family: "xvd", disk: named.disk };
  return undefined;
}

function familyOfTyped(typed: string): VdevFamily | undefined {
  if (typed.startsWith("x")) return "xvd";
  if (typed.startsWith("h")) return "hd";
  if (typed.startsWith("s")) return "sd";
  return undefined;
}

function letters(index: number): string {
  let out = "";
  let rest = index;
  do {
    out = String.fromCharCode(97 + (rest % 26)) + out;
    rest = Math.floor(rest / 26) - 1;
  } while (rest >= 0);
  return out;
}

/**
 * The next free vdev for the disk written by `exclude` (the item being
 * edited), given what is typed so far of its vdev.
 */
export function nextFreeVdev(analysis: DocumentAnalysis, exclude: Value | undefined, typed: string, list?: Assignment): string {
  const used = new Set<string>();
  let familyInUse: VdevFamily | undefined;
  const hvm = analysis.guest.type === "hvm";
  for (const spec of otherSpecItems(analysis, "disk", exclude, list)) {
    const vdev = parseDiskSpec(spec).disk.vdev;
    const slot = vdev === undefined ? undefined : diskSlot(vdev);
    if (slot === undefined) continue;
    familyInUse ??= slot.family;
    used.add(`${slot.family}:${slot.disk}`);
    // xvda-xvdd and hda-hdd are the same emulated IDE disks of an HVM guest.
    if (hvm && slot.disk < 4 && slot.family !== "sd") used.add(`${slot.family === "xvd" ? "hd" : "xvd"}:${slot.disk}`);
  }
  const family = familyOfTyped(typed) ?? familyInUse ?? "xvd";
  for (const candidate of family === "xvd" ? ["xvd" as const] : [family, "xvd" as const]) {
    for (let disk = 0; disk < FAMILY_SIZE[candidate]; disk++) {
      if (!used.has(`${candidate}:${disk}`)) return `${candidate}${letters(disk)}`;
    }
  }
  return "xvdaaa";
}

/** Every MAC address (canonical) of the workspace's configs and of this file's vifs. */
export function usedMacs(analysis: DocumentAnalysis, workspace: WorkspaceView, list?: Assignment): Set<string> {
  const used = new Set<string>();
  for (const file of workspace.files()) for (const symbol of file.symbols) if (symbol.kind === "mac") used.add(symbol.value.toLowerCase());
  for (const spec of otherSpecItems(analysis, "vif", undefined, list)) {
    const vif = parseVifSpec(spec);
    const address = vif.mac?.value.address;
    if (address !== undefined) used.add(address.canonical);
    if (vif.xlMac !== undefined) used.add(formatMac(vif.xlMac));
  }
  return used;
}

/** A random MAC in `00:16:3e` not in `used`; `random` returns numbers in [0, 1) like Math.random. */
export function freshMac(used: ReadonlySet<string>, random: () => number): string | undefined {
  const octet = (limit: number): number => Math.min(limit - 1, Math.floor(random() * limit));
  // 2^23 addresses: a handful of draws finds a free one unless the source is stuck.
  for (let attempt = 0; attempt < 64; attempt++) {
    const mac = formatMac([0x00, 0x16, 0x3e, octet(0x80), octet(0x100), octet(0x100)]);
    if (!used.has(mac)) return mac;
  }
  return undefined;
}
