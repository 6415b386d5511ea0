import type { FileRule } from "../../engine/types";
import { diskEntries, diskRange } from "../util/disk-entries";
import { moveTargetLast, swallowedByTarget } from "../util/disk-edits";
import { failuresFor } from "../util/disk-failures";

/** A disk spec without a vdev: xl refuses the config ("no vdev specified"). */
export const diskMissingVdev: FileRule = {
  id: "disk-missing-vdev",
  scope: "file",
  severity: "error",
  category: "correctness",
  fixable: "safe",
  summary: "A disk spec gives no vdev (the device name the guest sees), so xl refuses the config",
  docs: {
    description: [
      "Every disk needs a vdev, the name the guest sees it under (`xvda`, `hdc`, …): given as the third",
      "positional field or as `vdev=`. Without one, xl stops with \"no vdev specified\".",
      "",
      "A common way to lose the vdev is to put `target=` before it: `target=` takes the rest of the spec,",
      "commas included, as the path, so `target=/srv/a.img,vdev=xvda` has the path `/srv/a.img,vdev=xvda`",
      "and no vdev. The fix then moves `target=` to the end.",
    ].join("\n"),
    invalid: [
      { config: 'name = "web01"\nkernel = "/boot/vmlinuz"\ndisk = [ "phy:/dev/vg0/web01" ]\n' },
      { config: 'name = "web01"\nkernel = "/boot/vmlinuz"\ndisk = [ "target=/srv/web01.img,vdev=xvda,access=rw" ]\n', note: "`target=` swallowed the vdev." },
    ],
    valid: [
      { config: 'name = "web01"\nkernel = "/boot/vmlinuz"\ndisk = [ "vdev=xvda,access=rw,target=/srv/web01.img" ]\n' },
    ],
  },
  check(context) {
    for (const { entry, problem } of failuresFor(diskEntries(context), context.host, "disk-missing-vdev")) {
      const swallowed = swallowedByTarget(entry);
      const edit = swallowed ? moveTargetLast(entry, swallowed) : undefined;
      const text = swallowed
        ? {
            message: "This disk has no vdev because `target=` takes the rest of the spec, commas included",
            help: `xl reads the path as \`${entry.result.disk.target ?? ""}\` and then refuses the config ("no vdev specified"). Put \`target=\` last.`,
          }
        : {
            message: "This disk has no vdev, the device name the guest sees",
            help: 'xl refuses the config ("no vdev specified"). Add it as the third positional field (`/path,raw,xvda,rw`) or as `vdev=xvda`.',
          };
      context.report({
        range: diskRange(context.parse.lines, entry, swallowed ? swallowed.token : problem.span),
        ...text,
        ...(edit ? { fix: { title: "Move `target=` to the end of the spec", safety: "safe" as const, edits: [edit] } } : {}),
      });
    }
  },
};
