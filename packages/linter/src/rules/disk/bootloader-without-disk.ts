import type { FileRule } from "../../engine/types";
import { diskEntries, diskRange } from "../util/disk-entries";
import { stringSetting } from "../util/settings";

/** A PV/PVH bootloader with no disk to read, or whose first disk is a CD-ROM drive. */
export const bootloaderWithoutDisk: FileRule = {
  id: "bootloader-without-disk",
  scope: "file",
  severity: "error",
  category: "correctness",
  fixable: "none",
  summary: "A `bootloader` with no disk to boot from, or whose first disk is a CD-ROM drive",
  docs: {
    description: [
      "A bootloader such as pygrub runs in dom0 before the guest starts and reads the kernel from the",
      "guest's first disk, the first item of `disk`. With no disk at all, libxl stops (\"cannot run",
      "bootloader with no boot disk\", libxl_bootloader.c, `libxl__bootloader_run`) and the domain is not",
      "created. When the first disk is an empty CD-ROM drive, libxl has no check of its own, but the domain",
      "is not created either: attaching the drive in dom0 for the bootloader asserts that it has an image",
      "path (libxl_disk.c, `libxl__device_disk_local_initiate_attach`), so xl aborts; a bootloader that",
      "got that far would find no medium to read. Both are errors.",
      "",
      "When the first disk is a CD-ROM with an image, the bootloader boots from the CD rather than from the",
      "guest's hard disk: right for an installer, surprising otherwise, so it is a warning. Put the boot",
      "disk first in the list. HVM guests do not use `bootloader`, so they are not checked.",
    ].join("\n"),
    invalid: [
      { config: 'name = "web01"\nbootloader = "pygrub"\nmemory = 1024\n', note: "No disk for pygrub to read." },
      { config: 'name = "web01"\nbootloader = "pygrub"\ndisk = [ "/srv/iso/netinst.iso,raw,xvdc,cdrom", "/dev/vg0/web01,raw,xvda,w" ]\n', note: "pygrub reads the CD, not xvda (a warning)." },
      { config: 'name = "web01"\nbootloader = "pygrub"\ndisk = [ "vdev=xvdc,devtype=cdrom,access=r", "/dev/vg0/web01,raw,xvda,w" ]\n', note: "The first disk is an empty CD-ROM drive: nothing to boot from." },
    ],
    valid: [
      { config: 'name = "web01"\nbootloader = "pygrub"\ndisk = [ "/dev/vg0/web01,raw,xvda,w", "/srv/iso/tools.iso,raw,xvdc,cdrom" ]\n' },
      { config: 'name = "win01"\ntype = "hvm"\nbootloader = "pygrub"\n', note: "HVM guests ignore `bootloader` (another rule reports that)." },
    ],
  },
  check(context) {
    if (context.guest.type !== "pv" && context.guest.type !== "pvh") return;
    const bootloader = stringSetting(context, "bootloader");
    if (!bootloader || bootloader.value === "") return;
    const disk = context.setting("disk");
    // A plain string instead of a list is the value rules' finding (xl drops it and warns).
    if (disk && disk.value.kind !== "list") return;
    if (!disk || (disk.value.kind === "list" && disk.value.items.length === 0)) {
      context.report({
        range: bootloader.range,
        message: `\`${bootloader.value}\` reads the kernel from the guest's first disk, but this guest has no disk`,
        help: `libxl stops ("cannot run bootloader with no boot disk") and the domain is not created. Add the boot disk to \`disk\`, or boot a \`kernel\` directly.`,
      });
      return;
    }
    const first = diskEntries(context)[0];
    // A first disk xl cannot parse is already an error of its own.
    if (!first || first.index !== 0 || !first.result.accepted || !first.result.disk.cdrom) return;
    const related = [{ path: context.path, range: bootloader.range, message: "the bootloader that reads the first disk" }];
    const range = diskRange(context.parse.lines, first, { start: 0, end: first.spec.text.length });
    const image = first.result.disk.target;
    if (image === undefined || image === "") {
      context.report({
        range,
        related,
        message: `The first disk is an empty CD-ROM drive, and \`${bootloader.value}\` reads the kernel from the first disk`,
        help: "There is no image to read, so xl aborts while attaching the drive for the bootloader (libxl asserts it has a path) and the domain is not created. Put the boot disk first in `disk`.",
      });
      return;
    }
    context.report({
      range,
      related,
      severity: "warning",
      message: `The first disk is the CD-ROM \`${image}\`, so \`${bootloader.value}\` looks for the kernel on the CD`,
      help: "It does not look on the guest's hard disk. Right for an installer; otherwise put the boot disk first in `disk`.",
    });
  },
};
