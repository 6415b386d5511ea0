import type { ProjectRule, RelatedLocation } from "../../engine/types";
import { diskRange, describeEntry, projectDiskEntries, type DiskEntry } from "../util/disk-entries";

interface Use {
  readonly path: string;
  readonly entry: DiskEntry;
  readonly writable: boolean;
  readonly range: RelatedLocation["range"];
}

/** What identifies the storage: the same path means another thing behind another script or driver domain. */
function storageKey(entry: DiskEntry): string | undefined {
  const disk = entry.result.disk;
  const target = disk.target?.trim();
  if (!entry.result.accepted || target === undefined || target === "" || disk.format === "empty") return undefined;
  return JSON.stringify([disk.backendDomain ?? "0", disk.script ?? "", target]);
}

/** One writable disk target used by two guests of the run, or twice by one guest. */
export const duplicateDiskTarget: ProjectRule = {
  id: "duplicate-disk-target",
  scope: "project",
  severity: "warning",
  category: "suspicious",
  fixable: "none",
  summary: "One disk image or device is used read-write by two guests (or twice by one), which corrupts it when both run",
  docs: {
    description: [
      "Neither xl nor libxl checks whether a disk's target is already used by another guest: a copied",
      "config that still points at the original's image starts without complaint, and two guests then",
      "write to one file system, which corrupts it. The same holds for one guest listing the same target",
      "twice.",
      "",
      "This rule compares the targets of all the files linted together and reports a target used more",
      "than once when at least one use is writable (read-only and CD-ROM uses may be shared). Give each",
      "guest its own disk; for deliberately shared storage use a cluster file system and silence the",
      "finding with a comment.",
    ].join("\n"),
    invalid: [
      {
        config: 'name = "web02"\nkernel = "/boot/vmlinuz"\ndisk = [ "/dev/vg0/web01,raw,xvda,w" ]\n',
        otherFiles: { "web01.cfg": 'name = "web01"\nkernel = "/boot/vmlinuz"\ndisk = [ "/dev/vg0/web01,raw,xvda,w" ]\n' },
        note: "web02 was copied from web01 and still uses its disk.",
      },
    ],
    valid: [
      {
        config: 'name = "web02"\nkernel = "/boot/vmlinuz"\ndisk = [ "/dev/vg0/web02,raw,xvda,w", "/srv/iso/tools.iso,raw,xvdc,cdrom" ]\n',
        otherFiles: { "web01.cfg": 'name = "web01"\nkernel = "/boot/vmlinuz"\ndisk = [ "/dev/vg0/web01,raw,xvda,w", "/srv/iso/tools.iso,raw,xvdc,cdrom" ]\n' },
        note: "The ISO is shared read-only; each guest has its own root disk.",
      },
    ],
  },
  check(context) {
    const groups = new Map<string, Use[]>();
    for (const file of context.files) {
      for (const entry of projectDiskEntries(file, file.host)) {
        const key = storageKey(entry);
        const span = entry.result.fields.target?.span;
        if (key === undefined || !span) continue;
        const use = { path: file.path, entry, writable: entry.result.disk.readwrite && !entry.result.disk.cdrom, range: diskRange(file.parse.lines, entry, span) };
        groups.set(key, [...(groups.get(key) ?? []), use]);
      }
    }
    for (const uses of groups.values()) {
      if (uses.length < 2 || !uses.some((u) => u.writable)) continue;
      const files = new Set(uses.map((u) => u.path));
      uses.forEach((use, i) => {
        // Within one file, the first use is the original and the later ones are the mistake.
        if (i === 0 && files.size === 1) return;
        const others = uses.filter((o) => o !== use);
        const where = others.map((o) => (o.path === use.path ? describeEntry(o.entry) : `${describeEntry(o.entry)} of ${o.path}`)).join(", ");
        const target = use.entry.result.disk.target?.trim() ?? "";
        context.report(use.path, {
          range: use.range,
          message: `\`${target}\` is also the target of ${where}, and at least one of these disks is writable: neither xl nor libxl checks this, and two guests writing to one disk (or one guest through two devices) corrupt its file system. Give each disk its own target, or make the extra uses read-only.`,
          related: others.map((o) => ({ path: o.path, range: o.range, message: `also uses \`${target}\`${o.writable ? " read-write" : " read-only"}` })),
        });
      });
    }
  },
};
