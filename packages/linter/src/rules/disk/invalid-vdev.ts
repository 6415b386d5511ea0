import { decodeVdev, type VdevInfo } from "@xlint/parser";
import type { FileRule, Fix } from "../../engine/types";
import { diskEntries, diskRange, libxlProblem, type DiskEntry } from "../util/disk-entries";
import { specEdit } from "../util/disk-edits";
import { capitalised } from "../util/finding-text";

interface Repair {
  readonly text: string;
  readonly why: string;
}

/** A name the author unmistakably meant: the same name without spaces, in lowercase, or without xm's `:cdrom` suffix. */
function repairOf(vdev: string): Repair | undefined {
  const trimmed = vdev.trim();
  if (trimmed !== vdev && trimmed !== "" && decodeVdev(trimmed).valid) return { text: trimmed, why: "without the spaces" };
  const lower = vdev.toLowerCase();
  if (lower !== vdev && decodeVdev(lower).valid) return { text: lower, why: "in lowercase" };
  const suffix = /^(.+):(cdrom|disk)$/.exec(vdev);
  if (suffix?.[1] && decodeVdev(suffix[1]).valid) {
    return suffix[2] === "cdrom" ? { text: `${suffix[1]},devtype=cdrom`, why: "with `devtype=cdrom`" } : { text: suffix[1], why: "without `:disk`" };
  }
  return undefined;
}

function explain(vdev: string, info: VdevInfo): string {
  if (/^.+:(cdrom|disk)$/.test(vdev)) {
    return `xl splits a \`:cdrom\` or \`:disk\` suffix off only in the positional form, so with \`vdev=\` the colon stays in the name`;
  }
  return info.reason ?? "it is not a disk name libxl knows";
}

function fixOf(entry: DiskEntry, vdev: string): Fix | undefined {
  const repair = repairOf(vdev);
  const span = entry.result.fields.vdev?.span;
  if (!repair || !span) return undefined;
  // `vdev:cdrom` is split by the positional form only; the repair is for `vdev=`.
  if (repair.text.includes(",") && entry.result.tokens.every((t) => !(t.kind === "parameter" && t.name === "vdev"))) return undefined;
  const edit = specEdit(entry.spec, span, repair.text);
  return edit ? { title: `Write the vdev ${repair.why}: \`${repair.text}\``, safety: "safe", edits: [edit] } : undefined;
}

/** A vdev libxl cannot turn into a device number: the domain is not created. */
export const diskInvalidVdev: FileRule = {
  id: "disk-invalid-vdev",
  scope: "file",
  severity: "error",
  category: "correctness",
  fixable: "safe",
  summary: "A vdev libxl cannot map to a device number (`hde`, `sdq`, `xvda0`, `d0`, `vda`, …), so the domain is not created",
  docs: {
    description: [
      "xl's parser takes any word as the vdev; libxl then turns it into the device number the guest sees",
      "and refuses the disk when it cannot (\"Invalid or unsupported virtual disk identifier\"), so",
      "`xl create` fails. libxl knows `xvd` names (`xvda` … `xvdzz` …, partitions 1–255), IDE names",
      "`hda`–`hdd` (partitions 1–63), SCSI names `sda`–`sdp` (partitions 1–15), `d<disk>p<partition>`,",
      "and plain numbers. Partitions have no leading zero (`xvda0` and `xvda01` are refused), names are",
      "lowercase, and names of other hypervisors (`vda`) are unknown.",
      "",
      "Use an `xvd` name: it works for every guest type. The fix is offered when the intended name is",
      "unmistakable (spaces around it, uppercase, or a `:cdrom` suffix written after `vdev=`).",
    ].join("\n"),
    invalid: [
      { config: 'name = "web01"\nkernel = "/boot/vmlinuz"\ndisk = [ "/dev/vg0/web01,raw,xvda0,w" ]\n', note: "Partitions start at 1; the whole disk is `xvda`." },
      { config: 'name = "web01"\ntype = "hvm"\ndisk = [ "/dev/vg0/web01,raw,hde,w" ]\n', note: "IDE names end at `hdd`." },
      { config: 'name = "web01"\nkernel = "/boot/vmlinuz"\ndisk = [ "/dev/vg0/web01,raw,vda,w" ]\n', note: "`vda` is a KVM name." },
    ],
    valid: [
      { config: 'name = "web01"\nkernel = "/boot/vmlinuz"\ndisk = [ "/dev/vg0/web01,raw,xvda,w", "/dev/vg0/web01-swap,raw,xvdb1,w" ]\n' },
    ],
  },
  check(context) {
    for (const entry of diskEntries(context)) {
      const problem = libxlProblem(entry, "invalid-vdev");
      const vdev = entry.result.disk.vdev;
      if (!problem || vdev === undefined || !entry.vdev) continue;
      const fix = fixOf(entry, vdev);
      context.report({
        range: diskRange(context.parse.lines, entry, problem.span),
        message: `\`${vdev}\` is not a vdev libxl can use`,
        help: `${capitalised(explain(vdev, entry.vdev).replace(/\.$/, ""))}. libxl refuses the disk ("Invalid or unsupported virtual disk identifier") and the domain is not created; use a name such as \`xvda\`.`,
        ...(fix ? { fix } : {}),
      });
    }
  },
};
