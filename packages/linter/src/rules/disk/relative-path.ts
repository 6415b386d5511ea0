import type { FileRule, Fix } from "../../engine/types";
import { diskEntries, diskRange, type DiskEntry } from "../util/disk-entries";
import { specEdit } from "../util/disk-edits";
import { trustedWords } from "../util/disk-failures";

/** libxl resolves the backend domain: digits are its id, `Domain-0` is dom0, other names are driver domains. */
function servedByDom0(backend: string | undefined): boolean {
  if (backend === undefined || backend === "Domain-0") return true;
  return /^[0-9]+$/.test(backend) && Number(backend) === 0;
}

/** A target that names a file of dom0 (not a script's resource, a protocol URL or a driver domain's path). */
function isLocalPath(entry: DiskEntry): boolean {
  const disk = entry.result.disk;
  const target = disk.target;
  if (target === undefined || target.trim() === "" || disk.format === "empty") return false;
  if (disk.script !== undefined || !servedByDom0(disk.backendDomain)) return false;
  // `rbd:pool/image`, `nbd://host/export` and the like are for qemu, not paths.
  return !target.includes(":");
}

/**
 * xm's block script looked a bare device name of a `phy:` disk (`phy:hda1`)
 * up in /dev; libxl checks the path itself first, so only `/dev/hda1` works.
 */
function xmDeviceFix(entry: DiskEntry, target: string): Fix | undefined {
  const span = entry.result.fields.target?.span;
  if (!span || target.includes("/") || !entry.result.prefixes.some((p) => p.value === "phy")) return undefined;
  const edit = specEdit(entry.spec, { start: span.start, end: span.start }, "/dev/");
  return edit ? { title: `Write \`/dev/${target}\``, safety: "unsafe", edits: [edit] } : undefined;
}

/** A relative disk target: found or not depending on the directory `xl create` runs in. */
export const diskRelativePath: FileRule = {
  id: "disk-relative-path",
  scope: "file",
  severity: "warning",
  category: "suspicious",
  fixable: "unsafe",
  summary: "A disk target with a relative path, which libxl resolves against the directory `xl create` happens to run in",
  docs: {
    description: [
      "libxl opens a disk's target as given. A relative path such as `images/web01.img` is therefore looked",
      "up from the current directory of whoever runs `xl create` (or of the service that starts guests at",
      "boot), so the guest starts from one directory and fails from another (\"failed to stat\"), or worse,",
      "gets a different image. Targets handled by a hotplug script (`script=`, `iscsi:`, `drbd:` …), served",
      "by a driver domain, or written as a URL are not paths of dom0 and are left alone.",
      "",
      "Write the absolute path. xm configs often name a device without `/dev/` (`phy:hda1`), which xm's",
      "block script completed; libxl checks the path before that script runs, so the fix writes `/dev/` in",
      "front of such names; it is unsafe, as it changes the path libxl opens.",
    ].join("\n"),
    invalid: [
      { config: 'name = "web01"\nkernel = "/boot/vmlinuz"\ndisk = [ "images/web01.img,raw,xvda,w" ]\n' },
      { config: 'name = "web01"\nkernel = "/boot/vmlinuz"\ndisk = [ "phy:sda6,sda6,w" ]\n', note: "xm meant /dev/sda6." },
    ],
    valid: [
      { config: 'name = "web01"\nkernel = "/boot/vmlinuz"\ndisk = [ "/srv/xen/images/web01.img,raw,xvda,w" ]\n' },
      { config: 'name = "web01"\nkernel = "/boot/vmlinuz"\ndisk = [ "drbd:web01,xvda,w" ]\n', note: "A DRBD resource name, handled by its script." },
    ],
  },
  check(context) {
    for (const entry of diskEntries(context)) {
      if (!entry.result.accepted || !isLocalPath(entry) || trustedWords(entry, context.host).length > 0) continue;
      const target = (entry.result.disk.target ?? "").trim();
      const span = entry.result.fields.target?.span;
      if (target.startsWith("/") || !span) continue;
      const fix = xmDeviceFix(entry, target);
      const advice = fix ? `xm looked bare device names up in /dev, but libxl checks the path as written: write \`/dev/${target}\`.` : "Write the absolute path.";
      context.report({
        range: diskRange(context.parse.lines, entry, span),
        message: `\`${target}\` is a relative path`,
        help: `libxl resolves it against the directory \`xl create\` runs in, so the guest finds its disk from one directory and not from another (or finds another image). ${advice}`,
        ...(fix ? { fix } : {}),
      });
    }
  },
};
