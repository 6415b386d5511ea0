/**
 * What a Xen virtual block device number means: the classic Linux encoding
 * `major << 8 | minor`, or the extended one `1 << 28 | disk << 8 | partition`
 * (xen-vbd-interface(7)), and how Linux's xen-blkfront treats it. Used to
 * explain numeric vdevs (`0x301` is hda1) and to offer a name instead.
 */

const EXTENDED = 1 << 28;

export interface DeviceNumberInfo {
  readonly value: number;
  /** Uses the extended encoding (bit 28). */
  readonly extended: boolean;
  /** Classic encoding: `value >> 8`; undefined for extended, negative or reserved numbers. */
  readonly major: number | undefined;
  /** Classic encoding: `value & 0xff`; extended: `value` without bit 28. */
  readonly minor: number;
  /** The Linux disk this number stands for (`hda1`, `xvda`, `sdq`), when it has one. */
  readonly linuxName: string | undefined;
  /** Whether Linux blkfront takes a disk with this number at all. */
  readonly linuxAccepts: boolean;
  /** One sentence in our words. */
  readonly meaning: string;
}

/** Disk index → letters, bijective base 26: 0 → `a`, 25 → `z`, 26 → `aa`. */
export function diskLetters(index: number): string {
  let letters = "";
  let rest = index;
  do {
    letters = String.fromCharCode(97 + (rest % 26)) + letters;
    rest = Math.floor(rest / 26) - 1;
  } while (rest >= 0);
  return letters;
}

function withPartition(base: string, partition: number): string {
  return partition === 0 ? base : `${base}${partition}`;
}

/** SCSI disk index for Linux's SCSI majors (8, 65–71, 128–135), or undefined. */
function scsiDiskBase(major: number): number | undefined {
  if (major === 8) return 0;
  if (major >= 65 && major <= 71) return 16 * (major - 64);
  if (major >= 128 && major <= 135) return 16 * (major - 128 + 8);
  return undefined;
}

export function describeDeviceNumber(value: number): DeviceNumberInfo {
  if (value < 0) {
    return { value, extended: false, major: undefined, minor: 0, linuxName: undefined, linuxAccepts: false, meaning: `${value} is negative: it is not a device number` };
  }
  if (value >= 2 * EXTENDED) {
    return {
      value,
      extended: false,
      major: undefined,
      minor: 0,
      linuxName: undefined,
      linuxAccepts: false,
      meaning: `0x${value.toString(16)} is above the extended range (numbers from 0x20000000 up are reserved); Linux blkfront does not use the disk`,
    };
  }
  if (value & EXTENDED) {
    const minor = value - EXTENDED;
    const disk = minor >> 8;
    const partition = minor & 0xff;
    const linuxName = withPartition(`xvd${diskLetters(disk)}`, partition);
    return { value, extended: true, major: undefined, minor, linuxName, linuxAccepts: true, meaning: `extended Xen disk number: disk ${disk}, partition ${partition} (${linuxName})` };
  }
  const major = value >> 8;
  const minor = value & 0xff;
  const classic = { value, extended: false, major, minor };
  if (major === 202) {
    const linuxName = withPartition(`xvd${diskLetters(minor >> 4)}`, minor & 15);
    return { ...classic, linuxName, linuxAccepts: true, meaning: `major 202 (Xen virtual disk), minor ${minor}: ${linuxName}` };
  }
  if (major === 3 || major === 22) {
    const controller = major === 3 ? "first" : "second";
    const unit = minor >> 6;
    const linuxName = unit < 2 ? withPartition(`hd${"abcd"[unit + (major === 3 ? 0 : 2)] ?? "?"}`, minor & 63) : undefined;
    const what = linuxName ? `${linuxName}${minor & 63 ? ", a single partition" : ""}` : "beyond the two disks of that controller";
    return { ...classic, linuxName, linuxAccepts: true, meaning: `IDE major ${major} (${controller} IDE controller), minor ${minor}: ${what}` };
  }
  const scsiBase = scsiDiskBase(major);
  if (scsiBase !== undefined) {
    const linuxName = withPartition(`sd${diskLetters(scsiBase + (minor >> 4))}`, minor & 15);
    return { ...classic, linuxName, linuxAccepts: true, meaning: `SCSI disk major ${major}, minor ${minor}: ${linuxName}${minor & 15 ? ", a single partition" : ""}` };
  }
  const refused = "Linux blkfront refuses the disk (\"your disk configuration is incorrect, please use an xvd device instead\")";
  if (major === 0) return { ...classic, linuxName: undefined, linuxAccepts: false, meaning: `major 0 is no disk: ${refused}` };
  return { ...classic, linuxName: undefined, linuxAccepts: false, meaning: `major ${major} is not a disk major Linux blkfront knows (3, 22, 8, 65–71, 128–135, 202): ${refused}` };
}

/**
 * A vdev name that libxl turns into exactly `value`, or undefined when no
 * name does (major 0, SCSI disks past `sdp`, extended numbers that libxl
 * would have written in the classic form, …).
 */
export function nameForDeviceNumber(value: number): string | undefined {
  if (value < 0 || value >= 2 * EXTENDED) return undefined;
  if (value & EXTENDED) {
    const minor = value - EXTENDED;
    const disk = minor >> 8;
    const partition = minor & 0xff;
    // libxl writes disks 0–15 with partitions 0–15 in the classic form, so
    // no name maps to their extended twins.
    if (disk <= 15 && partition <= 15) return undefined;
    return withPartition(`xvd${diskLetters(disk)}`, partition);
  }
  const major = value >> 8;
  const minor = value & 0xff;
  if (major === 202) return withPartition(`xvd${diskLetters(minor >> 4)}`, minor & 15);
  if ((major === 3 || major === 22) && minor < 128) {
    const disk = (major === 3 ? 0 : 2) + (minor >> 6);
    return withPartition(`hd${"abcd"[disk] ?? ""}`, minor & 63);
  }
  if (major === 8) return withPartition(`sd${diskLetters(minor >> 4)}`, minor & 15);
  return undefined;
}
