import type { FileRule } from "../../engine/types";
import { diskEntries, diskRange, libxlProblem } from "../util/disk-entries";
import { problemFinding } from "../util/finding-text";

/** A disk no backend can serve (`backendtype=phy` with qcow2, virtio without standalone, an HVM CD-ROM not on qdisk). */
export const diskBackendConflict: FileRule = {
  id: "disk-backend-conflict",
  scope: "file",
  severity: "error",
  category: "correctness",
  fixable: "none",
  summary: "The disk's backend type, format, specification or script rule out every backend (or an HVM CD-ROM is not on qdisk), so libxl refuses the disk",
  docs: {
    description: [
      "libxl picks the backend of each disk (`phy`, `qdisk`, `tap`, `standalone`), or checks the one",
      "`backendtype=` names, against the rest of the spec: `phy` and `standalone` serve only raw images,",
      "`standalone` is the only backend for `specification=virtio` and serves nothing else, `qdisk`",
      "cannot run a hotplug `script=`, and `tap` needs blktap, which Xen 4.17 does not have. When no",
      "backend fits, libxl stops with \"no suitable backend\" and the domain is not created. An HVM",
      "guest's CD-ROM must use `qdisk`; any other `backendtype=` is refused as well.",
      "",
      "Remove `backendtype=` and let libxl choose, or change the format or specification so that the",
      "backend you need can serve the disk.",
      "",
      "Where Xen refuses it: libxl_device.c, `libxl__device_disk_set_backend` (\"no suitable backend for disk\").",
    ].join("\n"),
    invalid: [
      { config: 'name = "web01"\nkernel = "/boot/vmlinuz"\ndisk = [ "format=qcow2,vdev=xvda,access=rw,backendtype=phy,target=/srv/web01.qcow2" ]\n', note: "`phy` serves raw images only." },
      { config: 'name = "win01"\ntype = "hvm"\ndisk = [ "/dev/vg0/win01,raw,hda,w", "/srv/iso/win.iso,raw,hdc,cdrom,backendtype=phy" ]\n', note: "An HVM CD-ROM must use qdisk." },
    ],
    valid: [
      { config: 'name = "web01"\nkernel = "/boot/vmlinuz"\ndisk = [ "format=qcow2,vdev=xvda,access=rw,backendtype=qdisk,target=/srv/web01.qcow2" ]\n' },
    ],
  },
  check(context) {
    for (const entry of diskEntries(context)) {
      const problem = libxlProblem(entry, "no-suitable-backend", "hvm-cdrom-backend");
      if (!problem) continue;
      context.report({ range: diskRange(context.parse.lines, entry, problem.span), ...problemFinding(problem.message) });
    }
  },
};
