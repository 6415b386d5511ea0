import { hvmEmulation } from "@xlint/parser";
import type { FileRule } from "../../engine/types";
import { diskEntries, describeEntry, type DiskEntry } from "../util/disk-entries";
import { stringSetting } from "../util/settings";
import { vdevRangeOf } from "./duplicate-device";

/** The emulated slot qemu gives a disk of an HVM guest (`ide:2`), if any. */
function emulatedSlot(entry: DiskEntry, hdtype: "ide" | "ahci"): { key: string; label: string } | undefined {
  if (!entry.vdev?.valid) return undefined;
  const emulation = hvmEmulation(entry.vdev, { cdrom: entry.result.disk.cdrom, hdtype });
  if (emulation.index === undefined) return undefined;
  // CD-ROMs stay on the IDE bus even with hdtype="ahci".
  const bus = emulation.kind === "ahci" ? "AHCI" : emulation.kind === "ide" || emulation.kind === "ide-cdrom" ? "IDE" : undefined;
  return bus ? { key: `${bus}:${emulation.index}`, label: `emulated ${bus} slot ${emulation.index}` } : undefined;
}

/** HVM disks whose names differ but which qemu puts in the same emulated IDE/AHCI slot (`hda` and `xvda`). */
export const diskIdeClash: FileRule = {
  id: "disk-ide-clash",
  scope: "file",
  severity: "warning",
  category: "suspicious",
  fixable: "none",
  summary: "Two disks of an HVM guest land in the same emulated IDE slot (`hda` and `xvda`, `hdc` and `xvdc`)",
  docs: {
    description: [
      "For an HVM guest, qemu also emulates the first disks as IDE drives (AHCI with `hdtype=\"ahci\"`) so",
      "that the firmware and guests without PV drivers can boot from them. The slot comes from the disk",
      "index only, so `hda` and `xvda` both become IDE drive 0, `hdc` and `xvdc` both drive 2 (a CD-ROM",
      "included). The two disks have different device numbers, so libxl does not object, but qemu gets",
      "two drives for one slot and the guest sees at most one of them; some PV drivers also misbehave",
      "when both names are present.",
      "",
      "Use one naming scheme per guest: `xvda`, `xvdb`, … for all disks (or `hda`–`hdd`), and `xvde` and",
      "later for disks that need no emulated copy.",
    ].join("\n"),
    invalid: [
      { config: 'name = "win01"\ntype = "hvm"\ndisk = [ "/dev/vg0/win01,raw,hda,w", "/dev/vg0/win01-data,raw,xvda,w" ]\n' },
      { config: 'name = "win01"\ntype = "hvm"\ndisk = [ "/dev/vg0/win01,raw,xvda,w", "/dev/vg0/data,raw,xvdc,w", "/srv/iso/win.iso,raw,hdc,cdrom" ]\n', note: "The CD-ROM `hdc` and the disk `xvdc` share IDE slot 2." },
    ],
    valid: [
      { config: 'name = "win01"\ntype = "hvm"\ndisk = [ "/dev/vg0/win01,raw,hda,w", "/dev/vg0/data,raw,xvde,w", "/srv/iso/win.iso,raw,hdc,cdrom" ]\n' },
      { config: 'name = "web01"\nkernel = "/boot/vmlinuz"\ndisk = [ "/dev/vg0/web01,raw,hda,w", "/dev/vg0/data,raw,xvda,w" ]\n', note: "A PV guest has no emulated disks (`hda` and `xvda` are still different devices)." },
    ],
  },
  check(context) {
    if (context.guest.type !== "hvm") return;
    const hdtype = stringSetting(context, "hdtype")?.value.toLowerCase() === "ahci" ? "ahci" : "ide";
    const taken = new Map<string, DiskEntry>();
    for (const entry of diskEntries(context)) {
      const slot = emulatedSlot(entry, hdtype);
      if (!slot) continue;
      const earlier = taken.get(slot.key);
      if (!earlier) {
        taken.set(slot.key, entry);
        continue;
      }
      // The same device twice is `disk-duplicate-device`'s finding.
      if (earlier.vdev?.deviceNumber === entry.vdev?.deviceNumber) continue;
      const mine = entry.result.disk.vdev ?? "";
      const theirs = earlier.result.disk.vdev ?? "";
      context.report({
        range: vdevRangeOf(context.parse.lines, entry),
        message: `\`${mine}\` and \`${theirs}\` of ${describeEntry(earlier)} both become ${slot.label} in this HVM guest`,
        help: "qemu gets two drives for one slot, so the guest sees at most one of them. Use one naming scheme for all disks (`xvda`, `xvdb`, …), or `xvde` and later for a disk that needs no emulated copy.",
        related: [{ path: context.path, range: vdevRangeOf(context.parse.lines, earlier), message: `also ${slot.label}` }],
      });
    }
  },
};
