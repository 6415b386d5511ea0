/**
 * `decodeVdev(name)`: the device number libxl gives a disk's `vdev`, decided
 * the way Xen 4.17's libxl__device_disk_dev_number does, in its order:
 * `dNpM` (read with C's `sscanf("d%ip%i")`), `xvd<letters>[part]`, a plain
 * number (`strtoul` base 0), `hd<a-d>[part]`, `sd<a-p>[part]`. libxl refuses a
 * disk whose number is -1 ("Invalid or unsupported virtual disk identifier");
 * the C arithmetic can also give other negative numbers (`xvd` alone is -16),
 * which are just as unusable, so every negative number counts as invalid here,
 * as it does in the oracle's deep check.
 */
import { C_INT_MAX, glibcScanInt, glibcStrtoul, isCSpace, toCInt, toCLong } from "./c-numbers";
import { describeDeviceNumber, nameForDeviceNumber, type DeviceNumberInfo } from "./disk-devnum";

export { describeDeviceNumber, nameForDeviceNumber, type DeviceNumberInfo } from "./disk-devnum";

/** Which of libxl's forms read the name; `invalid` when none did (number -1). */
export type VdevKind = "xvd" | "hd" | "sd" | "dNpM" | "numeric" | "invalid";

export interface VdevInfo {
  readonly name: string;
  readonly kind: VdevKind;
  /** libxl's device number: -1 when no form matched; other negatives come from C arithmetic on odd input. */
  readonly deviceNumber: number;
  /** The number is usable: libxl and the guest get a non-negative device id. */
  readonly valid: boolean;
  /** Why the name is not valid, in words a user can act on. */
  readonly reason: string | undefined;
  /** Disk index (0 = `a`) for the named and `dNpM` forms; -1 when the letters are missing. */
  readonly disk: number | undefined;
  /** Partition (0 = the whole disk) for the named and `dNpM` forms. */
  readonly partition: number | undefined;
  /** The number uses the extended encoding `(1<<28) | disk<<8 | partition`. */
  readonly extended: boolean;
  /** For numbers (kind `numeric`, or any valid name): what the number means to Linux blkfront. */
  readonly number: DeviceNumberInfo | undefined;
  /** The clearest name libxl maps to the same number (`xvda` for `51712` or `d0p0`), when one exists. */
  readonly canonicalName: string | undefined;
  /** Oddities of a name libxl accepts (octal `d010p0`, `hd` read as `hdb`, …). */
  readonly notes: readonly string[];
}

const XVD_MAX_DISK = (1 << 20) - 1;

type FormResult =
  | { readonly status: "no-match" }
  | { readonly status: "fail"; readonly reason: string }
  | { readonly status: "ok"; readonly disk: number; readonly partition: number; readonly notes: readonly string[] };

/** `d<N>p<M>` with `%i` numbers; the whole string must be used. */
function matchDnpM(text: string): FormResult {
  if (text[0] !== "d") return { status: "no-match" };
  const disk = glibcScanInt(text, 1);
  if (disk.kind !== "ok") return { status: "no-match" };
  if (text[disk.end] !== "p") {
    if (disk.end === text.length) {
      return { status: "fail", reason: `libxl's numbered form needs a partition part: write \`${text}p0\` (or an \`xvd\` name)` };
    }
    return { status: "no-match" };
  }
  const partition = glibcScanInt(text, disk.end + 1);
  if (partition.kind !== "ok" || partition.end !== text.length) return { status: "no-match" };
  if (disk.value >= 1 << 20) return { status: "fail", reason: `disk number ${disk.value} is too large: libxl allows at most ${XVD_MAX_DISK}` };
  if (partition.value >= 256) return { status: "fail", reason: `partition ${partition.value} is too large: libxl allows at most 255` };
  const notes: string[] = [];
  if (!/^d(0|[1-9][0-9]*)p(0|[1-9][0-9]*)$/.test(text) || text !== `d${disk.value}p${partition.value}`) {
    notes.push(
      `libxl reads the numbers of \`${text}\` with C's %i (0x = hex, a leading 0 = octal, signs and spaces allowed, overlong numbers cut to 32 bits): disk ${disk.value}, partition ${partition.value}`,
    );
  }
  return { status: "ok", disk: disk.value, partition: partition.value, notes };
}

/**
 * `<prefix><letters>[<partition>]` as libxl's device_virtdisk_matches reads
 * it: letters are bijective base 26 (`a`=0, `aa`=26) checked against
 * `maxDisk` after each letter; the partition is `strtoul` base 10 (spaces and
 * signs accepted, a leading `0` refused), stored through `long` into `int`.
 */
function matchNamed(text: string, prefix: string, maxDisk: number, maxPartition: number): FormResult {
  if (!text.startsWith(prefix)) return { status: "no-match" };
  let disk = -1;
  let at = prefix.length;
  while (at < text.length) {
    const code = text.charCodeAt(at);
    if (code < 97 || code > 122) break;
    disk = (disk + 1) * 26 + (code - 97);
    at++;
    if (disk > maxDisk) {
      return { status: "fail", reason: tooManyLetters(prefix, maxDisk) };
    }
  }
  const notes: string[] = [];
  if (disk === -1) notes.push(`\`${text}\` has no drive letter: libxl counts it as disk -1`);
  if (at === text.length) return { status: "ok", disk, partition: 0, notes };
  const rest = text.slice(at);
  if (rest[0] === "0") {
    return { status: "fail", reason: `partition \`${rest}\` starts with 0: partitions are numbered from 1, without leading zeros (use \`${text.slice(0, at)}\` for the whole disk)` };
  }
  const parsed = glibcStrtoul(text, at, 10);
  if (parsed.end === at || parsed.end !== text.length) {
    const upper = /[A-Z]/.test(rest) ? "; names are lowercase" : "";
    return { status: "fail", reason: `\`${rest}\` after \`${text.slice(0, at)}\` is not a partition number${upper}` };
  }
  const asSigned = toCLong(parsed.value);
  if (asSigned > BigInt(maxPartition)) {
    return { status: "fail", reason: `partition ${rest} is too large: \`${prefix}\` disks have partitions 1 to ${maxPartition}` };
  }
  const partition = toCInt(asSigned);
  if (!/^[1-9][0-9]*$/.test(rest) || rest !== String(partition)) {
    notes.push(`libxl reads the partition \`${rest}\` with C's strtoul (spaces, signs and wrap-around accepted): partition ${partition}`);
  }
  return { status: "ok", disk, partition, notes };
}

function tooManyLetters(prefix: string, maxDisk: number): string {
  if (prefix === "hd") return "IDE disks go from hda to hdd only; use an `xvd` name for more disks";
  if (prefix === "sd") return "SCSI disk names go from sda to sdp only; use an `xvd` name for more disks";
  return `too many drive letters: the disk index must stay below ${maxDisk + 1} (\`xvdbgqcv\` is the last)`;
}

function encodeXvd(disk: number, partition: number): number {
  // C int arithmetic: `|` and `<<` in JS work on 32-bit ints the same way.
  if (disk <= 15 && partition <= 15) return (202 << 8) | (disk << 4) | partition;
  return (1 << 28) | (disk << 8) | partition;
}

function encodeHd(disk: number, partition: number): number {
  return ((disk < 2 ? 3 : 22) << 8) | ((disk & 1) << 6) | partition;
}

function encodeSd(disk: number, partition: number): number {
  return (8 << 8) | (disk << 4) | partition;
}

/**
 * Decoded names, because a run over many configs decodes the same few
 * (`xvda`, `hda`, …) thousands of times. Bounded, so odd inputs cannot grow
 * it without limit; the results are never modified by callers.
 */
const decoded = new Map<string, VdevInfo>();
const MAX_DECODED = 4096;

export function decodeVdev(name: string): VdevInfo {
  const known = decoded.get(name);
  if (known) return known;
  const info = decodeVdevUncached(name);
  if (decoded.size >= MAX_DECODED) decoded.clear();
  decoded.set(name, info);
  return info;
}

function decodeVdevUncached(name: string): VdevInfo {
  // xl hands libxl a C string: nothing after a NUL exists for it.
  const nul = name.indexOf("\0");
  const text = nul >= 0 ? name.slice(0, nul) : name;

  const dnpm = matchDnpM(text);
  if (dnpm.status === "ok") return named(name, "dNpM", encodeXvd(dnpm.disk, dnpm.partition), dnpm);
  const xvd = matchNamed(text, "xvd", XVD_MAX_DISK, 255);
  if (xvd.status === "ok") return named(name, "xvd", encodeXvd(xvd.disk, xvd.partition), xvd);

  const numeric = glibcStrtoul(text, 0, 0);
  if (!numeric.overflow && numeric.end === text.length && numeric.value <= C_INT_MAX) {
    return numericVdev(name, text, Number(numeric.value));
  }

  const hd = matchNamed(text, "hd", 3, 63);
  if (hd.status === "ok") return named(name, "hd", encodeHd(hd.disk, hd.partition), hd);
  const sd = matchNamed(text, "sd", 15, 15);
  if (sd.status === "ok") return named(name, "sd", encodeSd(sd.disk, sd.partition), sd);

  return {
    name,
    kind: "invalid",
    deviceNumber: -1,
    valid: false,
    reason: invalidReason(text, [dnpm, xvd, hd, sd], numeric.overflow),
    disk: undefined,
    partition: undefined,
    extended: false,
    number: undefined,
    canonicalName: undefined,
    notes: [],
  };
}

function named(name: string, kind: "xvd" | "hd" | "sd" | "dNpM", deviceNumber: number, form: { disk: number; partition: number; notes: readonly string[] }): VdevInfo {
  const valid = deviceNumber >= 0;
  const notes = [...form.notes];
  const canonicalName = valid ? nameForDeviceNumber(deviceNumber) : undefined;
  if (valid && kind === "hd" && form.disk === -1) notes.push(`libxl reads \`${name}\` as ${canonicalName ?? "hdb"}`);
  return {
    name,
    kind,
    deviceNumber,
    valid,
    reason: valid
      ? undefined
      : `libxl computes the negative device number ${deviceNumber} for \`${name}\` (${negativeCause(kind, form)}); the disk cannot work — write a name like \`${kind === "hd" ? "hda" : kind === "sd" ? "sda" : "xvda"}\``,
    disk: form.disk,
    partition: form.partition,
    extended: valid && (kind === "xvd" || kind === "dNpM") && (deviceNumber & (1 << 28)) !== 0,
    number: valid ? describeDeviceNumber(deviceNumber) : undefined,
    canonicalName,
    notes,
  };
}

function negativeCause(kind: VdevKind, form: { disk: number; partition: number }): string {
  if (kind === "dNpM") return form.disk < 0 ? "its disk number is negative" : "its partition number is negative";
  return form.disk < 0 ? "it has no drive letter" : "its partition number is negative";
}

function numericVdev(name: string, text: string, deviceNumber: number): VdevInfo {
  const info = describeDeviceNumber(deviceNumber);
  const notes: string[] = [];
  if (text === "") notes.push("an empty vdev is read by libxl as the number 0");
  else if (isCSpace(text[0]) || text[0] === "+" || text[0] === "-") {
    notes.push(`libxl reads \`${text}\` with C's strtoul (leading spaces and a sign accepted): ${deviceNumber}`);
  }
  return {
    name,
    kind: "numeric",
    deviceNumber,
    valid: true,
    reason: undefined,
    disk: undefined,
    partition: undefined,
    extended: info.extended,
    number: info,
    canonicalName: nameForDeviceNumber(deviceNumber),
    notes,
  };
}

function invalidReason(text: string, forms: readonly FormResult[], numericOverflow: boolean): string {
  const known = "libxl knows `xvd<letters>[partition]`, `hd<a-d>[partition]`, `sd<a-p>[partition]`, `d<N>p<M>` and plain numbers";
  const [dnpm, xvd, hd, sd] = forms;
  if (text.startsWith("xvd") && xvd?.status === "fail") return xvd.reason;
  if (text.startsWith("hd") && hd?.status === "fail") return hd.reason;
  if (text.startsWith("sd") && sd?.status === "fail") return sd.reason;
  if (dnpm?.status === "fail") return dnpm.reason;
  if (text.trim() !== text && text.trim() !== "" && decodeVdev(text.trim()).valid) {
    return `\`${text}\` has spaces around the name: libxl keeps them and no longer recognises it; write \`${text.trim()}\``;
  }
  if (text.toLowerCase() !== text && decodeVdev(text.toLowerCase()).valid) {
    return `vdev names are lowercase: write \`${text.toLowerCase()}\``;
  }
  const numberLike = /^[\s]*[-+]?[0-9]/.test(text);
  if (numberLike) {
    const parsed = glibcStrtoul(text, 0, 0);
    if (numericOverflow || (parsed.end === text.length && parsed.value > C_INT_MAX)) {
      return `${text.trim()} is outside libxl's device number range (0 to ${C_INT_MAX}); negative numbers wrap around and are refused too`;
    }
    return `\`${text}\` is not a number libxl can read (decimal, 0x hex or leading-0 octal, nothing after it)`;
  }
  if (text === "") return known;
  return `\`${text}\` is not a virtual disk name: ${known}`;
}

/** How qemu-xen would present the disk to an HVM guest (libxl_dm.c), beside the PV device. */
export type HvmEmulationKind = "ide" | "ahci" | "scsi" | "ide-cdrom" | "pv-only";

export interface HvmEmulation {
  readonly kind: HvmEmulationKind;
  /** The emulated disk index (0 = first IDE disk), when emulated. */
  readonly index: number | undefined;
  /** Why, in our words. */
  readonly reason: string;
}

export interface HvmEmulationOptions {
  readonly cdrom?: boolean;
  /** The guest's `hdtype` (default `ide`). */
  readonly hdtype?: "ide" | "ahci";
}

/**
 * What qemu-xen makes of the disk in an HVM guest: CD-ROMs with index 0–4 are
 * IDE CD drives; `sd*` names go to the emulated SCSI controller; other disks
 * with index 0–3 (0–5 with `hdtype="ahci"`) become IDE (AHCI) disks — `xvda`
 * as well as `hda`; numeric vdevs and higher indexes are PV only.
 */
export function hvmEmulation(info: VdevInfo, options: HvmEmulationOptions = {}): HvmEmulation {
  if (!info.valid) return { kind: "pv-only", index: undefined, reason: "the vdev is invalid, so no emulated device is made" };
  if (info.kind === "numeric" || info.disk === undefined) {
    return { kind: "pv-only", index: undefined, reason: "libxl cannot tell a disk index from a numeric vdev, so qemu gets no emulated copy (PV only)" };
  }
  const disk = info.disk;
  if (options.cdrom) {
    if (disk > 4) return { kind: "pv-only", index: undefined, reason: "only the first disk indexes (up to 4) can be emulated CD-ROMs; this one is PV only" };
    return { kind: "ide-cdrom", index: disk, reason: `emulated IDE CD-ROM (bus ${Math.floor(disk / 2)}, unit ${disk % 2})` };
  }
  if (info.name.startsWith("sd")) return { kind: "scsi", index: disk, reason: "`sd` disks go to qemu's emulated SCSI controller" };
  if (options.hdtype === "ahci" && disk < 6) return { kind: "ahci", index: disk, reason: `emulated AHCI disk ${disk} (hdtype="ahci" gives indexes 0–5)` };
  if (disk < 4) return { kind: "ide", index: disk, reason: `emulated IDE disk ${disk}: qemu shows it as ${["hda", "hdb", "hdc", "hdd"][disk] ?? "an IDE disk"} until the guest's PV drivers take over` };
  return { kind: "pv-only", index: undefined, reason: "qemu emulates only 4 IDE disks; this one is PV only" };
}

/** Whether an HVM guest gets this disk as an emulated IDE disk (index 0–3, not `sd*`, not a CD-ROM). */
export function isEmulatedAsIde(info: VdevInfo): boolean {
  return hvmEmulation(info).kind === "ide";
}
