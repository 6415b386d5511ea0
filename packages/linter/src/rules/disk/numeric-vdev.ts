import { decodeVdev } from "@xlint/parser";
import { GUEST_OS_NAMES } from "../../engine/guest-os";
import type { FileRule, Fix } from "../../engine/types";
import { diskEntries, diskRange, type DiskEntry } from "../util/disk-entries";
import { specEdit } from "../util/disk-edits";
import { capitalised } from "../util/finding-text";

function fixOf(entry: DiskEntry, name: string): Fix | undefined {
  const span = entry.result.fields.vdev?.span;
  if (!span || decodeVdev(name).deviceNumber !== entry.vdev?.deviceNumber) return undefined;
  const edit = specEdit(entry.spec, span, name);
  if (!edit) return undefined;
  // Unsafe even with the same device number: xl hands libxl another vdev string, which libxl
  // passes on to the disk's backend, and an HVM guest also gets an emulated copy of a named disk.
  return { title: `Write the vdev as \`${name}\``, safety: "unsafe", edits: [edit] };
}

/**
 * What FreeBSD's blkfront calls a disk (sys/dev/xen/blkfront/blkfront.c,
 * xbd_vdevice_to_unit): Linux's IDE majors become `adaN`, its SCSI majors
 * `daN`, 202 and the extended form `xbdN`, and any other number `xbd` with
 * the minor divided by 16.
 */
type FreebsdMajor = readonly [major: number, shift: number, base: number, name: string];
const FREEBSD_MAJOR_LIST: readonly FreebsdMajor[] = [
  ...[3, 22, 33, 34, 56, 57, 88, 89, 90, 91].map((major, i): FreebsdMajor => [major, 6, 2 * i, "ada"]),
  [8, 4, 0, "da"],
  ...[65, 66, 67, 68, 69, 70, 71].map((major, i): FreebsdMajor => [major, 4, 16 * (i + 1), "da"]),
  ...[128, 129, 130, 131, 132, 133, 134, 135].map((major, i): FreebsdMajor => [major, 4, 128 + 16 * i, "da"]),
  [202, 4, 0, "xbd"],
];
const FREEBSD_MAJORS = new Map(FREEBSD_MAJOR_LIST.map((m) => [m[0], m] as const));

export function freebsdDiskName(deviceNumber: number): string {
  if (deviceNumber & (1 << 28)) return `xbd${(deviceNumber & ((1 << 28) - 1)) >> 8}`;
  const major = deviceNumber >>> 8;
  const minor = deviceNumber & 0xff;
  const known = FREEBSD_MAJORS.get(major);
  return known ? `${known[3]}${known[2] + (minor >> known[1])}` : `xbd${minor >> 4}`;
}

const EXPLAIN = "`xlint dump --explain` says why";

/** A vdev given as a number: legal for libxl, but opaque, never emulated for HVM, and refused or not depending on the guest's OS. */
export const diskNumericVdev: FileRule = {
  id: "disk-numeric-vdev",
  scope: "file",
  severity: "warning",
  category: "suspicious",
  fixable: "unsafe",
  summary: "A vdev written as a number (`0x301`, `51712`) or left empty: hard to read, never emulated for HVM guests, and refused by Linux when its major is not a disk major",
  docs: {
    description: [
      "libxl accepts a plain number as the vdev and passes it to the guest unchanged as the device",
      "number, so `51712` is `xvda` and `0x301` is the first partition of `hda`. Such numbers come from xm",
      "configs; they hide which disk is meant, an HVM guest never gets an emulated copy of them (only its",
      "PV drivers see the disk), and the guest kernel decides what to make of them. An empty vdev",
      "(`/srv/a.img,raw,,w`) is read as the number 0 too. What each guest does, from its driver's source:",
      "",
      "- **Linux** (drivers/block/xen-blkfront.c, `xen_translate_vdev`, called from `xlvbd_alloc_gendisk`)",
      "  knows the IDE majors 3 and 22, the SCSI disk majors 8, 65–71 and 128–135, the Xen major 202 and",
      "  the extended form; for any other major (`0x0`, `0`, `0x1234`) it logs \"please use an xvd device",
      "  instead\" and gives up on the disk, so the guest never sees it.",
      "- **NetBSD** (sys/arch/xen/xenbus/xenbus_probe.c, `xenbus_probe_device_type`, and",
      "  sys/arch/xen/xen/xbd_xenbus.c) never decodes the number: it attaches its disks in ascending order of",
      "  their numbers as `xbd0`, `xbd1`, … So `0x0` and `0x1` work, and so do names such as `xvda`/`xvdb`.",
      "- **FreeBSD** (sys/dev/xen/blkfront/blkfront.c, `xbd_vdevice_to_unit`) names IDE majors `adaN`, SCSI",
      "  majors `daN`, and 202, the extended form and any other number `xbdN` (for an unknown major, N is",
      "  the minor divided by 16). Every number attaches, but two disks that get the same name collide: GEOM",
      "  cannot create the second one's device node (sys/geom/geom_dev.c, `g_dev_taste`).",
      "",
      "So the severity follows the guest's OS (`xlint dump --explain FILE` shows it and why; a",
      "`# xlint-guest-os:` comment or xlint.json's `guests` can state it):",
      "",
      "- a number Linux refuses, for a **Linux** guest: an error;",
      "- the same for a guest whose OS xlint cannot tell (or Windows, or a unikernel, whose drivers xlint",
      "  does not model): a warning that says what each kind of guest does;",
      "- for a **NetBSD** or **FreeBSD** PV or PVH guest: info (any number works; a name such as `xvda` reads",
      "  better and works for every guest); for an HVM guest a warning, since its firmware gets no emulated",
      "  copy of the disk; for FreeBSD, two disks under one name are a warning;",
      "- any other number: a warning, as the number hides the disk meant.",
      "",
      "The message names the disk the number stands for, and the help spells it out. The fix writes the",
      "name with the same device number when one exists. It is unsafe: the vdev string xl passes on",
      "changes, and for an HVM guest the named disk also gets an emulated copy.",
    ].join("\n"),
    invalid: [
      { config: 'name = "web01"\nkernel = "/boot/vmlinuz"\ndisk = [ "phy:/dev/vg0/web01,51712,w" ]\n', note: "51712 is `xvda`." },
      { config: 'name = "web01"\nkernel = "/boot/vmlinuz"\ndisk = [ "phy:/dev/vg0/web01,0x0,w" ]\n', note: "Major 0, and a Linux kernel: Linux refuses the disk (an error)." },
      { config: 'name = "web01"\nkernel = "/boot/vmlinuz"\ndisk = [ "/dev/vg0/web01,raw,xvda,w", "/srv/data.img,raw,,w" ]\n', note: "An empty vdev is the number 0 as well (an error for Linux)." },
      { config: 'name = "vm01"\ntype = "pvh"\nkernel = "/srv/xen/kernel.gz"\ndisk = [ "phy:/dev/vg0/vm01,0x0,w" ]\n', note: "Nothing tells the guest's OS: a warning that says what Linux, NetBSD and FreeBSD do." },
      { config: 'name = "nb01"\nkernel = "/netbsd-XEN3_DOMU.gz"\ndisk = [ "file:/srv/xen/nb01-wd0,0x0,w", "file:/srv/xen/nb01-wd1,0x1,w" ]\n', note: "A NetBSD kernel: NetBSD numbers its disks in order, so this is only info." },
    ],
    valid: [{ config: 'name = "web01"\nkernel = "/boot/vmlinuz"\ndisk = [ "phy:/dev/vg0/web01,xvda,w" ]\n' }],
  },
  check(context) {
    const entries = diskEntries(context);
    const os = context.guestOs.os;
    const hvm = context.guest.type === "hvm";
    const emulation = hvm ? " An HVM guest gets no emulated copy of a numeric disk, only its PV drivers see it, so its firmware cannot boot from it." : "";
    // NetBSD: the disks in ascending order of device number are xbd0, xbd1, … FreeBSD: the name each number gets.
    const numbers = entries.map((e) => (e.vdev?.valid ? e.vdev.deviceNumber : undefined));
    const sorted = [...new Set(numbers.filter((n): n is number => n !== undefined))].sort((a, b) => a - b);
    const freebsdNames = os === "freebsd" ? numbers.map((n) => (n === undefined ? undefined : freebsdDiskName(n))) : [];
    entries.forEach((entry, index) => {
      const info = entry.vdev;
      const vdev = entry.result.disk.vdev ?? "";
      const span = entry.result.fields.vdev?.span;
      if (!info?.valid || info.kind !== "numeric" || !span || !info.number) return;
      const range = diskRange(context.parse.lines, entry, span);
      const name = info.canonicalName;
      const fix = name && vdev !== "" ? fixOf(entry, name) : undefined;
      const shown = vdev === "" ? "The empty vdev of this disk (read as the number 0)" : `\`${vdev}\``;
      const linuxRefuses = vdev === "" || !info.number.linuxAccepts;
      const nameHint = name ? `Write \`${name}\` instead.` : "A name such as `xvda` works for Linux, NetBSD and FreeBSD guests alike.";

      if (os === "netbsd") {
        const unit = sorted.indexOf(info.deviceNumber);
        context.report({
          range,
          severity: hvm ? "warning" : "info",
          message: `${shown} is a numeric vdev, which a NetBSD guest attaches as \`xbd${unit}\``,
          help: `NetBSD does not decode the number: it attaches its disks in ascending order of their numbers (the guest is taken for NetBSD; ${EXPLAIN}).${emulation} ${name ? `\`${name}\`, the same number by name, reads better.` : "A name such as `xvda` works for NetBSD and Linux guests alike."}`,
          ...(fix ? { fix } : {}),
        });
        return;
      }
      if (os === "freebsd") {
        const own = freebsdNames[index] as string;
        const clash = freebsdNames.findIndex((n, i) => i !== index && n === own);
        const other = clash === -1 ? undefined : entries[clash];
        context.report({
          range,
          severity: clash !== -1 || hvm ? "warning" : "info",
          ...(clash !== -1 && other
            ? {
                message: `${shown} becomes \`${own}\` in a FreeBSD guest, like the disk \`${other.result.disk.vdev ?? ""}\``,
                help: `FreeBSD cannot create a second \`/dev/${own}\`, so one of the two disks has no device node (the guest is taken for FreeBSD; ${EXPLAIN}). Give each disk its own name, such as \`xvda\` and \`xvdb\`.`,
              }
            : {
                message: `${shown} is a numeric vdev, which a FreeBSD guest attaches as \`${own}\``,
                help: `The guest is taken for FreeBSD (${EXPLAIN}).${emulation} ${nameHint}`,
              }),
          ...(fix ? { fix } : {}),
          ...(other ? { related: [{ path: context.path, range: diskRange(context.parse.lines, other, other.result.fields.vdev?.span ?? span), message: `this disk is \`${own}\` too` }] } : {}),
        });
        return;
      }
      if (linuxRefuses) {
        const refusal =
          vdev === ""
            ? {
                message: "The vdev of this disk is empty, which libxl reads as the number 0",
                help: 'xl accepts it, but device number 0 has major 0, which Linux guests refuse ("please use an xvd device instead")',
              }
            : {
                message: `The numeric vdev \`${vdev}\` is no disk a Linux guest accepts`,
                help: `libxl accepts it, but ${info.number.meaning}`,
              };
        if (os === "linux") {
          context.report({
            range,
            severity: "error",
            message: refusal.message,
            help: `${refusal.help}: this Linux guest never sees the disk (the guest is taken for Linux; ${EXPLAIN}). ${vdev === "" ? "Name the disk, for example `xvdb`." : "Use a name such as `xvda`."}`,
          });
          return;
        }
        const which = os === "unknown" ? "xlint cannot tell the guest's OS" : `the guest is taken for ${GUEST_OS_NAMES[os]}, whose block driver xlint does not model`;
        const freebsd = freebsdDiskName(info.deviceNumber);
        context.report({
          range,
          severity: "warning",
          message: `${shown} is a numeric vdev whose fate depends on the guest's OS`,
          help: `${capitalised(which)} (${EXPLAIN}). Linux refuses it (no disk major), so a Linux guest never sees the disk; NetBSD attaches disks in ascending order of their numbers and uses it; FreeBSD attaches it as \`${freebsd}\`.${emulation} Use a name such as \`xvda\`, which all of them accept, or state the OS with \`# xlint-guest-os: netbsd\`.`,
        });
        return;
      }
      context.report({
        range,
        message: `\`${vdev}\` is a numeric vdev${name ? `, read as \`${name}\`` : ""}`,
        help: `It stands for ${info.number.meaning}. libxl passes the number to the guest as is, which hides the disk meant and leaves its meaning to the guest kernel.${emulation} ${name ? `Write \`${name}\` instead.` : "Use an `xvd` name instead."}`,
        ...(fix ? { fix } : {}),
      });
    });
  },
};
