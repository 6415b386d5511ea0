import type { LineIndex, Range } from "@xlint/parser";
import type { FileRule } from "../../engine/types";
import { diskEntries, diskRange, describeEntry, type DiskEntry } from "../util/disk-entries";

/** The vdev of a disk (the whole spec when the vdev has no characters). */
export function vdevRangeOf(lines: LineIndex, entry: DiskEntry): Range {
  return diskRange(lines, entry, entry.result.fields.vdev?.span ?? { start: 0, end: 0 });
}

/** Two disks of one domain with the same device number (aliases included): libxl refuses the second. */
export const diskDuplicateDevice: FileRule = {
  id: "disk-duplicate-device",
  scope: "file",
  severity: "error",
  category: "correctness",
  fixable: "none",
  summary: "Two disks of one domain have the same device number (`xvda` twice, or aliases such as `hda` and `768`), so libxl refuses the domain",
  docs: {
    description: [
      "libxl gives each disk a device number computed from its vdev and stores the disk under that number;",
      "a second disk with the same number makes it fail (\"device already exists\") and the domain is not",
      "created. The same number can hide behind different spellings: `hda` is `768` and `0x300`, `xvda`",
      "is `51712` and `d0p0`, `xvda1` is `d0p1`. xl's parser does not notice any of this.",
      "",
      "Give every disk its own vdev. (`hda` and `xvda` are different numbers; for HVM guests they clash",
      "in another way, see `disk-ide-clash`.)",
      "",
      "Where Xen refuses it: libxl_disk.c, `device_disk_add` (\"device already exists in xenstore\"), when libxl adds the second disk.",
    ].join("\n"),
    invalid: [
      { config: 'name = "web01"\nkernel = "/boot/vmlinuz"\ndisk = [ "/dev/vg0/web01,raw,xvda,w", "/dev/vg0/data,raw,xvda,w" ]\n' },
      { config: 'name = "web01"\nkernel = "/boot/vmlinuz"\ndisk = [ "/dev/vg0/web01,raw,xvda,w", "/dev/vg0/data,raw,d0p0,w" ]\n', note: "`d0p0` is another name for `xvda`." },
    ],
    valid: [
      { config: 'name = "web01"\nkernel = "/boot/vmlinuz"\ndisk = [ "/dev/vg0/web01,raw,xvda,w", "/dev/vg0/data,raw,xvdb,w" ]\n' },
    ],
  },
  check(context) {
    const first = new Map<number, DiskEntry>();
    for (const entry of diskEntries(context)) {
      const info = entry.vdev;
      if (!info?.valid) continue;
      const earlier = first.get(info.deviceNumber);
      if (!earlier) {
        first.set(info.deviceNumber, entry);
        continue;
      }
      const mine = entry.result.disk.vdev ?? "";
      const theirs = earlier.result.disk.vdev ?? "";
      const alias = mine === theirs ? "" : `\`${mine}\` and \`${theirs}\` are both device number ${info.deviceNumber}${info.canonicalName ? `, ${info.canonicalName}` : ""}. `;
      context.report({
        range: vdevRangeOf(context.parse.lines, entry),
        message: `This disk has the same device as ${describeEntry(earlier)}`,
        help: `${alias}libxl refuses to add a second disk with one device number ("device already exists") and the domain is not created. Give each disk its own vdev.`,
        related: [{ path: context.path, range: vdevRangeOf(context.parse.lines, earlier), message: `the first disk with device number ${info.deviceNumber}` }],
      });
    }
  },
};
