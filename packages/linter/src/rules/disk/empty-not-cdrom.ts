import type { FileRule } from "../../engine/types";
import { diskEntries, diskRange, libxlProblem } from "../util/disk-entries";

/** `format=empty` anywhere but on an empty CD-ROM drive: libxl refuses the disk. */
export const diskEmptyNotCdrom: FileRule = {
  id: "disk-empty-not-cdrom",
  scope: "file",
  severity: "error",
  category: "correctness",
  fixable: "none",
  summary: "`format=empty` on a disk that is not an empty CD-ROM drive (a hard disk, or a CD-ROM with an image), which libxl refuses",
  docs: {
    description: [
      "The format `empty` means \"a drive with no medium\", which only a removable CD-ROM drive can be.",
      "xl's parser accepts it anywhere, but libxl refuses a hard disk with that format (\"is empty but",
      "not cdrom\") and a CD-ROM that has both `format=empty` and an image (\"is empty but an image has",
      "been provided\"); either way the domain is not created.",
      "",
      "For an empty drive write `devtype=cdrom` (the format then follows by itself); for a CD-ROM with",
      "an ISO, or a disk, give its real format (usually `raw`).",
      "",
      "Where Xen refuses it: libxl_device.c, `libxl__device_disk_set_backend` (\"is empty but not cdrom\", \"is empty but an image has been provided\").",
    ].join("\n"),
    invalid: [
      { config: 'name = "web01"\nkernel = "/boot/vmlinuz"\ndisk = [ "/dev/vg0/web01,raw,xvda,w", "format=empty,vdev=xvdb,target=/srv/data.img" ]\n' },
      { config: 'name = "win01"\ntype = "hvm"\ndisk = [ "/dev/vg0/win01,raw,hda,w", "/srv/iso/win.iso,empty,hdc,cdrom" ]\n', note: "A CD-ROM with an image is not empty." },
    ],
    valid: [
      { config: 'name = "win01"\ntype = "hvm"\ndisk = [ "/dev/vg0/win01,raw,hda,w", ",empty,hdc:cdrom,r" ]\n', note: "xend's empty CD-ROM drive." },
    ],
  },
  check(context) {
    for (const entry of diskEntries(context)) {
      const problem = libxlProblem(entry, "empty-not-cdrom", "empty-with-image");
      if (!problem) continue;
      const text =
        problem.code === "empty-not-cdrom"
          ? {
              message: "The format `empty` is only for a CD-ROM drive with no disc, and this disk is not one",
              help: 'xl accepts it here, but libxl refuses this disk ("is empty but not cdrom") and the domain is not created. Give the real format (usually `raw`), or add `devtype=cdrom` for an empty drive.',
            }
          : {
              message: `The format \`empty\` means no disc, but this CD-ROM has the image \`${entry.result.disk.target ?? ""}\``,
              help: 'libxl refuses it ("is empty but an image has been provided") and the domain is not created. Give the image\'s format (`raw` for an ISO), or drop the image for an empty drive.',
            };
      context.report({ range: diskRange(context.parse.lines, entry, problem.span), ...text });
    }
  },
};
