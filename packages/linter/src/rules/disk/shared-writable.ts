import type { FileRule } from "../../engine/types";
import { diskEntries, diskRange, textAt } from "../util/disk-entries";
import { specEdit } from "../util/disk-edits";
import { failuresFor } from "../util/disk-failures";

/** xm's `w!` access mode: xl has no shared-writable disks and refuses the config. */
export const diskSharedWritable: FileRule = {
  id: "disk-shared-writable",
  scope: "file",
  severity: "error",
  category: "compatibility",
  fixable: "unsafe",
  summary: "The access mode `w!` (xm's shared-writable disk) does not exist in xl, which refuses the config",
  docs: {
    description: [
      "xm let several guests open one disk read-write with `w!`. xl has no such mode: its parser knows only",
      "`r`/`ro` and `w`/`rw`, so `w!` stops `xl create` with \"unknown value for access\".",
      "",
      "If the disk is really shared (a cluster file system such as OCFS2 or GFS2), write `w` in every guest",
      "and make sure the file system is built for it; otherwise give each guest its own disk, or make the",
      "other guests' copies read-only. The fix writes `w`, which xl accepts but which lets this guest write",
      "to a disk another guest may be writing too, so it is marked unsafe.",
    ].join("\n"),
    invalid: [
      { config: 'name = "node1"\nkernel = "/boot/vmlinuz"\ndisk = [ "phy:/dev/vg0/root1,xvda,w", "phy:/dev/vg0/cluster,xvdb,w!" ]\n' },
    ],
    valid: [
      { config: 'name = "node1"\nkernel = "/boot/vmlinuz"\ndisk = [ "phy:/dev/vg0/root1,xvda,w", "phy:/dev/vg0/cluster,xvdb,w" ]\n' },
    ],
  },
  check(context) {
    for (const { entry, problem } of failuresFor(diskEntries(context), context.host, "disk-shared-writable")) {
      const word = textAt(entry, problem.span);
      const edit = specEdit(entry.spec, problem.span, "w");
      context.report({
        range: diskRange(context.parse.lines, entry, problem.span),
        message: `\`${word}\` is xm's shared-writable mode, which xl does not have`,
        help: 'xl refuses the config ("unknown value for access"). Write `w` (only with a file system built for shared access when other guests use this disk too) or `r` for read-only.',
        ...(edit ? { fix: { title: "Replace with `w` (read-write, not shared)", safety: "unsafe" as const, edits: [edit] } } : {}),
      });
    }
  },
};
