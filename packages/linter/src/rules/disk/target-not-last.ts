import type { FileRule } from "../../engine/types";
import { diskEntries, diskRange, textAt } from "../util/disk-entries";
import { moveTargetLast, swallowedByTarget } from "../util/disk-edits";

/** `target=` followed by more fields: they become part of the path. */
export const diskTargetNotLast: FileRule = {
  id: "disk-target-not-last",
  scope: "file",
  severity: "warning",
  category: "suspicious",
  fixable: "unsafe",
  summary: "`target=` is followed by more disk fields, which xl silently takes as part of the path",
  docs: {
    description: [
      "`target=` takes everything after it, commas included, as the path: that is how a path with a comma",
      "can be written at all, and why it must come last. Fields written after it are not read as fields:",
      "`vdev=xvda,target=/srv/a.img,format=qcow2` gives the path `/srv/a.img,format=qcow2` and the format",
      "raw. xl says nothing; the guest gets the wrong format, access mode or type, or libxl cannot find",
      "the path.",
      "",
      "This rule reports a `target=` whose value continues with something that reads as a disk field",
      "(`format=`, `access=`, `devtype=`, `cdrom`, …) and moves `target=` to the end as the fix. When the",
      "swallowed field was the vdev, xl refuses the spec and `disk-missing-vdev` reports it instead. The fix",
      "is unsafe: the path changes and the freed fields start to count.",
    ].join("\n"),
    invalid: [
      { config: 'name = "web01"\nkernel = "/boot/vmlinuz"\ndisk = [ "vdev=xvda,target=/srv/web01.qcow2,format=qcow2" ]\n', note: "The format stays raw; the path ends in `,format=qcow2`." },
    ],
    valid: [
      { config: 'name = "web01"\nkernel = "/boot/vmlinuz"\ndisk = [ "vdev=xvda,format=qcow2,target=/srv/web01.qcow2" ]\n' },
      { config: 'name = "web01"\nkernel = "/boot/vmlinuz"\ndisk = [ "vdev=xvda,target=/srv/images/a,b.img" ]\n', note: "A comma in a path is what `target=` is for." },
    ],
  },
  check(context) {
    for (const entry of diskEntries(context)) {
      if (!entry.result.accepted) continue;
      const found = swallowedByTarget(entry);
      if (!found) continue;
      const edit = moveTargetLast(entry, found);
      const fields = textAt(entry, found.swallowed).replace(/,\s*$/, "");
      context.report({
        range: diskRange(context.parse.lines, entry, found.swallowed),
        message: `\`${fields}\` comes after \`target=\`, which takes the rest of the spec as the path`,
        help: `\`target=\` takes the commas too: xl reads the path as \`${entry.result.disk.target ?? ""}\` and ignores these fields without a word. Put \`target=\` last.`,
        ...(edit ? { fix: { title: "Move `target=` to the end of the spec", safety: "unsafe" as const, edits: [edit] } } : {}),
      });
    }
  },
};
