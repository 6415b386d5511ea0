import type { FileRule } from "../../engine/types";
import { diskEntries, diskRange, libxlProblem } from "../util/disk-entries";

/** A read-only disk of an HVM guest on an emulated IDE/AHCI slot: qemu-xen cannot do it and libxl refuses the domain. */
export const diskReadonlyIde: FileRule = {
  id: "disk-readonly-ide",
  scope: "file",
  severity: "error",
  category: "correctness",
  fixable: "none",
  summary: "A read-only disk of an HVM guest on an emulated IDE/AHCI slot (`xvda`–`xvdd`, `hda`–`hdd`): libxl refuses to start the device model",
  docs: {
    description: [
      "For an HVM guest, qemu emulates the disks with index 0–3 (`hda`–`hdd` and also `xvda`–`xvdd`;",
      "0–5 with `hdtype=\"ahci\"`) as IDE or AHCI drives. qemu-xen cannot emulate a read-only hard disk",
      "there, so libxl refuses to build the device model (\"qemu-xen doesn't support read-only IDE disk",
      "drivers\") and the domain is not created. xl's parser does not check this.",
      "",
      "Make the disk read-write, make it a CD-ROM if it is an ISO image (`devtype=cdrom`, read-only by",
      "nature), or give it a vdev that is not emulated (`xvde` or later), which the guest reaches through",
      "its PV drivers only.",
      "",
      "libxl refuses only where it emulates the disk (libxl_dm.c, `libxl__build_device_model_args_new`): a",
      "disk served by a driver domain (`backend=`) has no local path and is left to the PV drivers with a",
      "warning, and qemu-xen-traditional (asked for, or libxl's choice for an HVM guest with",
      "`device_model_stubdomain_override = 1` and no `device_model_version`) builds its arguments",
      "without this check. The rule is silent there.",
    ].join("\n"),
    invalid: [
      { config: 'name = "win01"\ntype = "hvm"\ndisk = [ "/dev/vg0/win01,raw,hda,w", "/srv/images/tools.img,raw,xvdb,r" ]\n' },
    ],
    valid: [
      {
        config: 'name = "win01"\ntype = "hvm"\ndevice_model_stubdomain_override = 1\ndisk = [ "/dev/vg0/win01,raw,hda,w", "/srv/images/tools.img,raw,hdb,r" ]\n',
        note: "With a stub domain and no device_model_version, libxl picks qemu-xen-traditional, which has no such check.",
      },
      {
        config: 'name = "win01"\ntype = "hvm"\ndisk = [ "/dev/vg0/win01,raw,hda,w", "backend=storage01,vdev=hdb,access=r,target=/srv/images/tools.img" ]\n',
        note: "A disk of a driver domain is not emulated: libxl leaves it to the PV drivers.",
      },
      { config: 'name = "win01"\ntype = "hvm"\ndisk = [ "/dev/vg0/win01,raw,hda,w", "/srv/images/tools.img,raw,xvde,r", "/srv/iso/win.iso,raw,hdc,cdrom" ]\n' },
      { config: 'name = "web01"\nkernel = "/boot/vmlinuz"\ndisk = [ "/dev/vg0/web01,raw,xvda,w", "/srv/images/tools.img,raw,xvdb,r" ]\n', note: "PV guests have no emulated disks." },
    ],
  },
  check(context) {
    for (const entry of diskEntries(context)) {
      const problem = libxlProblem(entry, "read-only-emulated-disk");
      // A driver domain's disk has no local path, so libxl never emulates it and never reaches its check.
      if (!problem || entry.result.disk.backendDomain !== undefined) continue;
      const vdev = entry.result.disk.vdev ?? "";
      const span = entry.result.fields.access?.span ?? problem.span;
      context.report({
        range: diskRange(context.parse.lines, entry, span.end > span.start ? span : problem.span),
        message: `\`${vdev}\` is read-only, but in an HVM guest qemu also emulates it as an IDE/AHCI disk`,
        help: 'qemu-xen cannot emulate a read-only IDE disk: libxl refuses to start the device model ("doesn\'t support read-only IDE disk drivers") and the domain is not created. Make it read-write, make it a CD-ROM (`devtype=cdrom`) if it is an ISO, or use a vdev from `xvde` on.',
      });
    }
  },
};
