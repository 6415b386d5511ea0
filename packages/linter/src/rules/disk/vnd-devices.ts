import { rangeOfFact } from "../../engine/plain";
import type { FactRange, ProjectRule } from "../../engine/types";
import { diskEntries, diskRange } from "../util/disk-entries";
import { hostFact, listWithMore, onHost, relatedOf, SHOWN_OTHERS, scopedKey } from "../util/project-values";

/** How many vnd(4) nodes a NetBSD dom0's /dev holds when nobody made more: MAKEDEV's `all` makes vnd0 to vnd3. */
export const DEFAULT_VND_DEVICES = 4;

/** One guest's file-backed disks on a NetBSD dom0. */
interface VndFact {
  /** How many of its disks the block script attaches to a vnd device. */
  readonly count: number;
  /** The first of them. */
  readonly range: FactRange;
  readonly host?: string;
  /** `host.vndDevices`, when stated. */
  readonly devices?: number;
}

const base = 'type = "pv"\nkernel = "/netbsd-XEN3_DOMU.gz"\nmemory = 512\n';

/** More file-backed disks across the guests of a NetBSD dom0 than it has vnd devices. */
export const diskVndDevices: ProjectRule<VndFact> = {
  id: "disk-vnd-devices",
  scope: "project",
  severity: "info",
  category: "host",
  fixable: "none",
  summary: "The guests of a NetBSD dom0 have more file-backed disks than the dom0 has vnd devices",
  docs: {
    description: [
      "On a NetBSD dom0 (`host.os` is `\"netbsd\"`), a raw disk whose target is a regular file reaches the",
      "guest through a vnd(4) device: libxl hands regular files to the `phy` backend",
      "(`libxl__try_phy_backend` in Xen's `tools/libs/light/libxl_netbsd.c`), and Xen's hotplug script",
      "`tools/hotplug/NetBSD/block` looks through the `/dev/vnd*d` nodes for one that is not in use, runs",
      "`vnconfig` on it, and fails the disk with \"no available vnd device\" when none is left; `xl create`",
      "then fails. The kernel makes vnd units on demand (vnd(4) no longer takes a count), so the limit is",
      "the device nodes in `/dev`: NetBSD's `MAKEDEV all` (`etc/MAKEDEV.tmpl`) makes `vnd0` to `vnd3` only.",
      "",
      "This rule adds up the file-backed disks of the guests of one host (see the host scope: `host.name`",
      "or `hosts` in `xlint.json`) and reports in each of them when the sum is more than the dom0's vnd",
      "devices: `host.vndDevices` when stated (then as a warning), else the 4 that MAKEDEV makes (then as",
      "info, since the dom0 may have more). It only matters when those guests run at once. Make more nodes",
      "in the dom0 (`cd /dev && sh MAKEDEV vnd4 vnd5`) and state their number in `host.vndDevices`, or move",
      "disks to block devices (LVM volumes, partitions), which need no vnd device. Disks under `/dev/`,",
      "non-raw images (served by qemu), disks of a driver domain and disks with their own `script=` are not",
      "counted.",
    ].join("\n"),
    invalid: [
      {
        config: `name = "mail"\n${base}disk = [ "file:/n0/xen/mail-xbd0,0x0,w", "file:/n0/xen/mail-xbd1,0x1,w", "file:/n0/xen/mail-xbd2,0x2,w" ]\n`,
        otherFiles: { "www.cfg": `name = "www"\n${base}disk = [ "file:/n0/xen/www-xbd0,0x0,w", "file:/n0/xen/www-xbd1,0x1,w" ]\n` },
        host: { os: "netbsd" },
        note: "Five file-backed disks on one NetBSD dom0 with the 4 vnd devices MAKEDEV makes.",
      },
    ],
    valid: [
      {
        config: `name = "mail"\n${base}disk = [ "file:/n0/xen/mail-xbd0,0x0,w", "/dev/mapper/vg0-mail1,raw,xvdb,w" ]\n`,
        otherFiles: { "www.cfg": `name = "www"\n${base}disk = [ "file:/n0/xen/www-xbd0,0x0,w", "file:/n0/xen/www-xbd1,0x1,w" ]\n` },
        host: { os: "netbsd" },
        note: "Three file-backed disks; the logical volume needs no vnd device.",
      },
      {
        config: `name = "mail"\n${base}disk = [ "file:/n0/xen/mail-xbd0,0x0,w", "file:/n0/xen/mail-xbd1,0x1,w", "file:/n0/xen/mail-xbd2,0x2,w" ]\n`,
        otherFiles: { "www.cfg": `name = "www"\n${base}disk = [ "file:/n0/xen/www-xbd0,0x0,w", "file:/n0/xen/www-xbd1,0x1,w" ]\n` },
        host: { os: "netbsd", vndDevices: 8 },
        note: "The dom0 was given eight vnd devices (`sh MAKEDEV vnd4 vnd5 vnd6 vnd7`).",
      },
    ],
  },
  collect(file) {
    if (file.host.os !== "netbsd") return undefined;
    let count = 0;
    let first: FactRange | undefined;
    for (const entry of diskEntries(file)) {
      const { accepted, disk, fields } = entry.result;
      const target = disk.target?.trim();
      if (!accepted || target === undefined || target === "" || target.startsWith("/dev/")) continue;
      if (disk.format !== "raw" || (disk.backendType !== "unknown" && disk.backendType !== "phy")) continue;
      if ((disk.backendDomain !== undefined && disk.backendDomain !== "0") || (disk.script !== undefined && !/(^|\/)block$/.test(disk.script))) continue;
      count++;
      const span = fields.target?.span;
      first ??= file.keep(span ? diskRange(file.parse.lines, entry, span) : entry.range);
    }
    if (count === 0 || !first) return undefined;
    const devices = file.host.vndDevices;
    return { count, range: first, ...hostFact(file), ...(devices !== undefined ? { devices } : {}) };
  },
  check(context) {
    // One small record per host: the sum, the stated device count, and the first few files (named by the findings).
    const hosts = new Map<string, { sum: number; fileCount: number; devices: number | undefined; files: { path: string; range: FactRange; count: number }[] }>();
    for (const { path, facts } of context.files) {
      const key = scopedKey(facts.host, "") ?? "";
      let host = hosts.get(key);
      if (!host) hosts.set(key, (host = { sum: 0, fileCount: 0, devices: undefined, files: [] }));
      host.sum += facts.count;
      host.fileCount++;
      host.devices ??= facts.devices;
      if (host.files.length <= SHOWN_OTHERS) host.files.push({ path, range: facts.range, count: facts.count });
    }
    for (const { path, facts } of context.files) {
      const host = hosts.get(scopedKey(facts.host, "") ?? "");
      if (!host) continue;
      const limit = host.devices ?? DEFAULT_VND_DEVICES;
      if (host.sum <= limit) continue;
      const others = host.files.filter((f) => f.path !== path).slice(0, SHOWN_OTHERS);
      const where = listWithMore(others.map((o) => `${o.path} (${o.count})`), Math.max(0, host.fileCount - 1 - others.length));
      const stated = host.devices !== undefined;
      context.report(path, {
        range: rangeOfFact(facts.range),
        severity: stated ? "warning" : "info",
        message: `${host.sum} file-backed disks in this dom0's guests${onHost(facts.host)}, more than its ${limit} vnd devices${stated ? "" : " by default"}`,
        help:
          `${facts.count} of the disks are here${where ? `, the others in ${where}` : ""}. ` +
          `Each running disk holds a vnd device of the NetBSD dom0, which has ${stated ? `${limit} (host.vndDevices)` : `${limit} unless more were made (MAKEDEV makes vnd0 to vnd3)`}: ` +
          `when they all run, the block hotplug script finds no free vnd device and \`xl create\` fails. ` +
          `Make more in the dom0 (\`cd /dev && sh MAKEDEV vnd${limit}\` and on) and set host.vndDevices, or put some disks on block devices.`,
        related: relatedOf(others.map((o) => ({ path: o.path, range: o.range })), () => "more file-backed disks of this host"),
      });
    }
  },
};

