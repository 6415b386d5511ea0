import type { FileRule } from "../../engine/types";
import { diskEntries, diskRange, libxlProblem } from "../util/disk-entries";
import { failuresFor } from "../util/disk-failures";

/** A disk (not a CD-ROM drive) without a target, or with an empty one: xl or libxl refuses it. */
export const diskMissingTarget: FileRule = {
  id: "disk-missing-target",
  scope: "file",
  severity: "error",
  category: "correctness",
  fixable: "none",
  summary: "A disk that is not a CD-ROM drive has no target, or an empty one, so xl or libxl refuses it",
  docs: {
    description: [
      "The target is what backs the disk: an image file, a block device, or what a hotplug script",
      "understands. Only a removable CD-ROM drive may go without one (an empty drive). A disk with no",
      "target at all stops xl's parser (\"no target specified\"); one with an empty target",
      "(`,raw,xvdb,w`) passes the parser but libxl then fails to look up the empty path and the domain",
      "is not created.",
      "",
      "Give the path of the image or device, or mark an empty drive with `devtype=cdrom`.",
    ].join("\n"),
    invalid: [
      { config: 'name = "web01"\nkernel = "/boot/vmlinuz"\ndisk = [ "phy:/dev/vg0/web01,xvda,w", "vdev=xvdb,access=rw" ]\n', note: "No target at all: xl refuses it." },
      { config: 'name = "web01"\nkernel = "/boot/vmlinuz"\ndisk = [ ",raw,xvda,w" ]\n', note: "An empty target: libxl refuses it." },
    ],
    valid: [
      { config: 'name = "web01"\ntype = "hvm"\ndisk = [ "/dev/vg0/web01,raw,xvda,w", ",raw,hdc,devtype=cdrom" ]\n', note: "An empty CD-ROM drive needs no target." },
    ],
  },
  check(context) {
    const entries = diskEntries(context);
    for (const { entry, problem } of failuresFor(entries, context.host, "disk-missing-target")) {
      context.report({
        range: diskRange(context.parse.lines, entry, problem.span),
        message: "This disk has no target (the image or device behind it) and is not a CD-ROM drive",
        help: 'xl refuses the config ("no target specified"). Give the path, or add `devtype=cdrom` for an empty drive.',
      });
    }
    for (const entry of entries) {
      const problem = libxlProblem(entry, "empty-target");
      if (!problem) continue;
      context.report({
        range: diskRange(context.parse.lines, entry, problem.span),
        message: "The target of this disk is empty",
        help: 'xl accepts the spec, but libxl looks the empty path up before it picks a backend, fails ("failed to stat") and does not create the domain. Give the path of the image or device, or add `devtype=cdrom` if this is an empty CD-ROM drive.',
      });
    }
  },
};
