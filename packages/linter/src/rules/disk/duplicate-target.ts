import type { ProjectRule } from "../../engine/types";
import { rangeOfFact } from "../../engine/plain";
import { diskEntries, diskRange } from "../util/disk-entries";
import { hostFact, onHost, otherPlaces, othersOf, relatedOf, repeatedGroups, scopedKey, type Use } from "../util/project-values";

/** A disk as collected from one file. */
interface DiskFact {
  readonly target: string;
  /** The driver domain and hotplug script, when not the defaults: the same path means another thing behind another one. */
  readonly backend?: string;
  readonly script?: string;
  readonly writable: boolean;
  /** Position in the `disk` list, and where the whole item starts (how other findings name it: `disk 2 (line 7)`). */
  readonly index: number;
  readonly line: number;
  readonly range: Use["range"];
}

/** One file's disks and the host it belongs to (see engine/host-scope.ts). */
interface DiskFacts {
  readonly disks: DiskFact[];
  readonly host?: string;
}

/** What identifies the storage. */
function storageKey(fact: DiskFact): string {
  return fact.backend === undefined && fact.script === undefined ? fact.target : JSON.stringify([fact.backend ?? "0", fact.script ?? "", fact.target]);
}

/**
 * The storage's key within its scope: a local target (a path or device of
 * the dom0 or its driver domain) means one thing per host, so it is compared
 * within the host; a target reached through a hotplug script (iSCSI, DRBD,
 * a network block device) may be the same storage seen from every host, so
 * it is compared across hosts.
 */
function scopedStorageKey(use: DiskFact & { readonly host?: string | undefined }): string | undefined {
  return scopedKey(use.script === undefined ? use.host : undefined, storageKey(use));
}

const label = (fact: DiskFact): string => `disk ${fact.index + 1} (line ${fact.line + 1})`;

/** One writable disk target used by two guests of the run, or twice by one guest. */
export const duplicateDiskTarget: ProjectRule<DiskFacts> = {
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
      "This rule compares the targets of the files linted together and of the other configs of their",
      "repository, and reports a target used more than once when at least one use is writable (read-only",
      "and CD-ROM uses may be shared), naming up to three of the other uses. Give each",
      "guest its own disk; for deliberately shared storage use a cluster file system and silence the",
      "finding with a comment.",
      "",
      "Local targets are compared only among the guests of one host (`host.name` or `hosts` in",
      "`xlint.json`): `/dev/vg0/web` on two dom0s is two different volumes. Targets that a hotplug",
      "`script=` reaches (iSCSI, DRBD and the like) are compared across hosts, since every host may",
      "see the same storage.",
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
  collect(file) {
    const disks: DiskFact[] = [];
    for (const entry of diskEntries(file)) {
      const disk = entry.result.disk;
      const target = disk.target?.trim();
      const span = entry.result.fields.target?.span;
      if (!entry.result.accepted || target === undefined || target === "" || disk.format === "empty" || !span) continue;
      disks.push({
        target,
        // Undefined leaves the key out of the facts' JSON, as a spread would, at less cost per disk.
        backend: disk.backendDomain !== undefined && disk.backendDomain !== "0" ? disk.backendDomain : undefined,
        script: disk.script ? disk.script : undefined,
        writable: disk.readwrite && !disk.cdrom,
        index: entry.index,
        line: entry.range.start.line,
        range: file.keep(diskRange(file.parse.lines, entry, span)),
      });
    }
    return disks.length > 0 ? { disks, ...hostFact(file) } : undefined;
  },
  // The target alone: coarser than the storage key (and its host scope) the check groups by.
  relatesBy: (facts) => facts.disks.map((d) => d.target),
  check(context) {
    // Fields copied one by one rather than spread: this runs for every disk on every keystroke in the language server, and spreading is several times slower.
    const usesOf = (file: { path: string; facts: DiskFacts }) =>
      file.facts.disks.map((d) => ({ target: d.target, backend: d.backend, script: d.script, writable: d.writable, index: d.index, line: d.line, range: d.range, path: file.path, host: file.facts.host }));
    for (const group of repeatedGroups(context.files, usesOf, scopedStorageKey).values()) {
      if (!group.some((u) => u.writable)) continue;
      const oneFile = group.every((u) => u.path === group[0]?.path);
      group.forEach((use, i) => {
        // Within one file, the first use is the original and the later ones are the mistake.
        if (i === 0 && oneFile) return;
        const { shown, more } = othersOf(group, i);
        const where = otherPlaces(
          shown.map((o) => ({ place: o.path === use.path ? label(o) : `${label(o)} of ${o.path}${onHost(o.host)}`, local: o.path === use.path })),
          more,
          "disk",
        );
        context.report(use.path, {
          range: rangeOfFact(use.range),
          message: `\`${use.target}\` is also the target of ${where.short}, at least one of them writable`,
          help: `${where.helpLead}Neither xl nor libxl checks this, and two guests writing to one disk (or one guest through two devices) corrupt its file system. Give each disk its own target, or make the extra uses read-only.`,
          related: relatedOf(shown, (o) => `also uses \`${use.target}\`${o.writable ? " read-write" : " read-only"}${onHost(o.host)}`),
        });
      });
    }
  },
};
