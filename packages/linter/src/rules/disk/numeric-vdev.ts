import { decodeVdev } from "@xlint/parser";
import type { FileRule, Fix } from "../../engine/types";
import { diskEntries, diskRange, type DiskEntry } from "../util/disk-entries";
import { specEdit } from "../util/disk-edits";

function fixOf(entry: DiskEntry, name: string): Fix | undefined {
  const span = entry.result.fields.vdev?.span;
  if (!span || decodeVdev(name).deviceNumber !== entry.vdev?.deviceNumber) return undefined;
  const edit = specEdit(entry.spec, span, name);
  if (!edit) return undefined;
  // Unsafe even with the same device number: xl hands libxl another vdev string, which libxl
  // passes on to the disk's backend, and an HVM guest also gets an emulated copy of a named disk.
  return { title: `Write the vdev as \`${name}\``, safety: "unsafe", edits: [edit] };
}

/** A vdev given as a number: legal for libxl, but opaque, never emulated for HVM, and sometimes refused by the guest. */
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
      "PV drivers see the disk), and the guest kernel decides what to make of them: Linux refuses numbers",
      "whose major is not an IDE, SCSI or Xen disk major (`0x0`, `0`, `0x1234`), and then the guest has no",
      "such disk at all. An empty vdev (`/srv/a.img,raw,,w`) is read as the number 0 too. Those are",
      "reported as errors; the others as warnings.",
      "",
      "The message says what the number stands for. The fix writes the name with the same device number",
      "when one exists. It is unsafe: the vdev string xl passes on changes, and for an HVM guest the named",
      "disk also gets an emulated copy.",
    ].join("\n"),
    invalid: [
      { config: 'name = "web01"\nkernel = "/boot/vmlinuz"\ndisk = [ "phy:/dev/vg0/web01,51712,w" ]\n', note: "51712 is `xvda`." },
      { config: 'name = "web01"\nkernel = "/boot/vmlinuz"\ndisk = [ "phy:/dev/vg0/web01,0x0,w" ]\n', note: "Major 0: Linux refuses the disk (an error)." },
      { config: 'name = "web01"\nkernel = "/boot/vmlinuz"\ndisk = [ "/dev/vg0/web01,raw,xvda,w", "/srv/data.img,raw,,w" ]\n', note: "An empty vdev is the number 0 as well (an error)." },
    ],
    valid: [{ config: 'name = "web01"\nkernel = "/boot/vmlinuz"\ndisk = [ "phy:/dev/vg0/web01,xvda,w" ]\n' }],
  },
  check(context) {
    for (const entry of diskEntries(context)) {
      const info = entry.vdev;
      const vdev = entry.result.disk.vdev ?? "";
      const span = entry.result.fields.vdev?.span;
      if (!info?.valid || info.kind !== "numeric" || !span || !info.number) continue;
      const range = diskRange(context.parse.lines, entry, span);
      if (vdev === "") {
        context.report({
          range,
          severity: "error",
          message: "The vdev of this disk is empty: xl accepts it, but libxl reads the empty name as the number 0, a device with major 0 that Linux guests refuse (\"please use an xvd device instead\"), so the guest never sees the disk. Name the disk, for example `xvdb`.",
        });
        continue;
      }
      const name = info.canonicalName;
      const fix = name ? fixOf(entry, name) : undefined;
      if (!info.number.linuxAccepts) {
        context.report({
          range,
          severity: "error",
          message: `The numeric vdev \`${vdev}\` is accepted by libxl, but ${info.number.meaning}: the guest never sees this disk. Use a name such as \`xvda\`.`,
        });
        continue;
      }
      const emulation = context.guest.type === "hvm" ? " An HVM guest gets no emulated copy of a numeric disk, only its PV drivers see it." : "";
      context.report({
        range,
        message: `\`${vdev}\` is a numeric vdev, read as ${info.number.meaning}. libxl passes the number to the guest as is, which hides the disk meant and leaves its meaning to the guest kernel.${emulation} ${name ? `Write \`${name}\` instead.` : "Use an `xvd` name instead."}`,
        ...(fix ? { fix } : {}),
      });
    }
  },
};
