import type { FileRule, Fix } from "../../engine/types";
import { diskEntries, diskRange, textAt, type DiskEntry } from "../util/disk-entries";
import { specAfter, specEdit } from "../util/disk-edits";
import { failuresFor } from "../util/disk-failures";
import { detachedSpecText, parseDiskSpec, type DiskProblem } from "@xlint/parser";

/** Image names whose extension says the data is not raw: inserting `raw` would then be a guess. */
const NOT_RAW = /\.(qcow2?|vhdx?|qed|vmdk|vdi)$/i;

function insertFormat(entry: DiskEntry, problem: DiskProblem): Fix | undefined {
  const at = { start: problem.span.start, end: problem.span.start };
  const after = specAfter(entry.spec, at, "raw,");
  // Offer it only when xl then reads past the format slot.
  if (parseDiskSpec(detachedSpecText(after)).problems.some((p) => p.code === "unknown-format")) return undefined;
  const edit = specEdit(entry.spec, at, "raw,");
  if (!edit) return undefined;
  const target = entry.result.disk.target ?? "";
  return {
    title: "Insert the format `raw` as the second field (xl's four-field order)",
    safety: NOT_RAW.test(target) ? "unsafe" : "safe",
    edits: [edit],
  };
}

/** xm's `TARGET,VDEV,ACCESS` without a prefix: xl reads the vdev as the format and refuses the config. */
export const diskXmPositional: FileRule = {
  id: "disk-xm-positional",
  scope: "file",
  severity: "error",
  category: "compatibility",
  fixable: "safe",
  summary: "xm's `TARGET,VDEV,ACCESS` disk form without a prefix: xl reads the vdev as the format and refuses the config",
  docs: {
    description: [
      "xl's positional disk fields are target, format, vdev and access, in that order. xm configs often",
      "leave the format out (`/dev/vg0/web01,xvda,w`); xl then takes `xvda` for the format and stops with",
      "\"unknown value for format\". The short form only works when the target carries one of the old",
      "prefixes such as `phy:` or `file:`, which tell xl to skip the format slot.",
      "",
      "Write the format as the second field (`/dev/vg0/web01,raw,xvda,w`), or use the named form",
      "(`format=raw,vdev=xvda,access=rw,target=/dev/vg0/web01`). The fix inserts `raw`, which is what xl",
      "uses whenever no format is given; it is marked unsafe when the image name says it is another format.",
    ].join("\n"),
    invalid: [
      { config: 'name = "web01"\nkernel = "/boot/vmlinuz"\ndisk = [ "/dev/vg0/web01,xvda,w" ]\n', note: "xl reads `xvda` as the format." },
      { config: 'name = "web01"\ntype = "hvm"\ndisk = [ "/srv/iso/install.iso,hdc:cdrom,r" ]\n', note: "The `:cdrom` suffix does not help: the field is still in the format slot." },
    ],
    valid: [
      { config: 'name = "web01"\nkernel = "/boot/vmlinuz"\ndisk = [ "/dev/vg0/web01,raw,xvda,w" ]\n' },
      { config: 'name = "web01"\nkernel = "/boot/vmlinuz"\ndisk = [ "phy:/dev/vg0/web01,xvda,w" ]\n', note: "With a prefix, xl skips the format slot (see `disk-deprecated-prefix`)." },
    ],
  },
  check(context) {
    for (const { entry, problem } of failuresFor(diskEntries(context), context.host, "disk-xm-positional")) {
      const field = textAt(entry, problem.span);
      const target = entry.result.disk.target ?? "";
      const fix = insertFormat(entry, problem);
      context.report({
        range: diskRange(context.parse.lines, entry, problem.span),
        message: `\`${field}\` is in the format slot, where xl reads the disk format`,
        help: `xl's positional fields are target, format, vdev and access, so without a prefix such as \`phy:\` it reads \`${field}\` as the disk format and refuses the config. Write the format as the second field (\`${target},raw,${field},…\`) or use \`format=\`, \`vdev=\` and \`target=\`.`,
        ...(fix ? { fix } : {}),
      });
    }
  },
};
