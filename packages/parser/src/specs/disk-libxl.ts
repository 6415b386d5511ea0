/**
 * `checkDiskForLibxl(result)`: what happens to a disk that xl's parser
 * accepted once libxl builds the domain (Xen 4.17 libxl_disk.c,
 * libxl_device.c, libxl_dm.c). None of this is checked by `xl create`'s
 * parser, so none of it is in `parseDiskSpec`'s problems; a disk can pass
 * the parser and still stop the domain from starting (`libxl-fatal`) or
 * reach the guest in a form it refuses (`guest`).
 *
 * Checks that depend on the host (does the target exist, is it a block
 * device, does the driver domain exist) are left out: the result is only
 * what follows from the spec itself.
 */
import type { DiskBackendType, DiskSpecResult } from "./disk";
import type { Span, SpecProblem } from "./spec-text";
import { decodeVdev, hvmEmulation } from "./vdev";

export interface DiskLibxlOptions {
  /** The guest type; HVM-only rules run only for `hvm`. */
  readonly guestType?: "pv" | "pvh" | "hvm";
  /** The HVM guest's `hdtype` (default `ide`). */
  readonly hdtype?: "ide" | "ahci";
}

type Viability = { readonly ok: true; readonly needsBlockDevice: boolean } | { readonly ok: false; readonly why: string };

/** libxl resolves `backend=` to a domain id: digits are the id, `Domain-0` is 0, other names are driver domains. */
function isDom0(backendDomain: string | undefined): boolean {
  if (backendDomain === undefined) return true;
  if (/^[0-9]+$/.test(backendDomain)) return /^0+$/.test(backendDomain);
  return backendDomain === "Domain-0";
}

/** libxl's disk_try_backend, with the target's block-device test left open. */
function tryBackend(backend: DiskBackendType, disk: DiskSpecResult["disk"], dom0: boolean): Viability {
  const virtio = disk.specification === "virtio";
  if (virtio !== (backend === "standalone")) {
    return { ok: false, why: virtio ? `${backend} cannot serve a virtio disk` : "standalone serves only virtio disks" };
  }
  const colo = disk.colo === true;
  const raw = disk.format === "raw";
  // Only raw disks get here, so libxl has stat()ed the target: whether it is
  // a block device is up to the host.
  const blockDevice = { ok: true as const, needsBlockDevice: true };
  switch (backend) {
    case "phy":
      if (!raw) return { ok: false, why: `phy needs format raw, not ${disk.format}` };
      if (colo) return { ok: false, why: "phy does not do COLO" };
      if (!dom0 || disk.script !== undefined) return { ok: true, needsBlockDevice: false };
      return blockDevice;
    case "tap":
      return { ok: false, why: "tap needs blktap, which Xen 4.17 does not have" };
    case "qdisk":
      if (disk.script !== undefined) return { ok: false, why: "qdisk cannot run a hotplug script" };
      return { ok: true, needsBlockDevice: false };
    case "standalone":
      if (!raw) return { ok: false, why: `standalone needs format raw, not ${disk.format}` };
      if (disk.script !== undefined) return { ok: false, why: "standalone cannot run a hotplug script" };
      if (colo) return { ok: false, why: "standalone does not do COLO" };
      if (!dom0) return { ok: true, needsBlockDevice: false };
      return blockDevice;
  }
}

export function checkDiskForLibxl(result: DiskSpecResult, options: DiskLibxlOptions = {}): SpecProblem[] {
  if (!result.accepted) return [];
  const { disk, fields } = result;
  const problems: SpecProblem[] = [];
  const whole: Span = { start: 0, end: result.text.length };
  const spanOf = (name: keyof typeof fields): Span => fields[name]?.span ?? whole;
  const add = (code: string, effect: SpecProblem["effect"], span: Span, message: string): void => {
    problems.push({ code, effect, span, message });
  };

  const vdev = disk.vdev ?? "";
  const info = decodeVdev(vdev);
  if (!info.valid) {
    add("invalid-vdev", "libxl-fatal", spanOf("vdev"), `libxl refuses the vdev \`${vdev}\` ("Invalid or unsupported virtual disk identifier") and the domain is not created: ${info.reason ?? "it is not a disk name"}`);
  } else if (vdev === "") {
    add("empty-vdev", "guest", spanOf("vdev"), "the vdev is empty: libxl reads it as device number 0, which Linux guests refuse (\"please use an xvd device instead\"); name the disk, for example `xvda`");
  } else if (info.kind === "numeric" && info.number && !info.number.linuxAccepts) {
    add("vdev-refused-by-guest", "guest", spanOf("vdev"), `the numeric vdev \`${vdev}\` is accepted by libxl, but ${info.number.meaning}; use a name such as \`xvda\``);
  }

  let backend = disk.backendType;
  if (options.guestType === "hvm" && disk.cdrom) {
    if (backend !== "unknown" && backend !== "qdisk") {
      add("hvm-cdrom-backend", "libxl-fatal", spanOf("backendType"), `an HVM guest's CD-ROM must use the qdisk backend, not \`backendtype=${backend}\`: libxl refuses it ("Backend for CD devices on HVM guests must be Qdisk"); remove backendtype`);
      return problems;
    }
    backend = "qdisk";
  }

  if (disk.format === "empty") {
    if (!disk.cdrom) {
      add("empty-not-cdrom", "libxl-fatal", spanOf("format"), "format empty is only for a CD-ROM drive with no disc, so libxl refuses this disk (\"is empty but not cdrom\"); add `devtype=cdrom` or give a real format");
      return problems;
    }
    if (disk.target !== undefined && disk.target !== "") {
      add("empty-with-image", "libxl-fatal", spanOf("format"), `format empty means no disc, but the CD-ROM has the image \`${disk.target}\`, so libxl refuses it ("is empty but an image has been provided"); drop \`format=empty\``);
      return problems;
    }
  }

  const dom0 = isDom0(disk.backendDomain);
  const stats = disk.format !== "empty" && (backend === "unknown" || backend === "phy" || backend === "standalone") && dom0 && disk.script === undefined;
  if (stats && (disk.target === undefined || disk.target === "")) {
    add("empty-target", "libxl-fatal", spanOf("target"), "the disk has an empty target: libxl looks the path up before choosing a backend and fails (\"failed to stat\"); give the image or device path, or make it a CD-ROM (`devtype=cdrom`) if it is an empty drive");
    return problems;
  }

  const candidates: readonly DiskBackendType[] = backend === "unknown" ? ["phy", "qdisk", "tap", "standalone"] : [backend];
  const verdicts = candidates.map((candidate) => tryBackend(candidate, disk, dom0));
  if (verdicts.every((verdict) => !verdict.ok)) {
    const reasons = verdicts.map((verdict) => (verdict.ok ? "" : verdict.why)).join("; ");
    const span = backend === "unknown" ? whole : spanOf("backendType");
    add("no-suitable-backend", "libxl-fatal", span, `no disk backend can serve this disk, so libxl refuses it ("no suitable backend"): ${reasons}`);
    return problems;
  }

  if (options.guestType === "hvm" && info.valid && !disk.readwrite && !disk.cdrom) {
    const emulation = hvmEmulation(info, { cdrom: false, hdtype: options.hdtype ?? "ide" });
    if (emulation.kind === "ide" || emulation.kind === "ahci") {
      const bus = emulation.kind === "ide" ? "IDE" : "AHCI";
      add("read-only-emulated-disk", "libxl-fatal", spanOf("access"), `qemu-xen cannot emulate a read-only ${bus} disk and libxl refuses to start the guest; \`${vdev}\` is emulated as ${bus} disk ${emulation.index ?? 0} in an HVM guest. Make it read-write, or use a vdev qemu does not emulate (\`xvde\` or later)`);
    }
  }
  return problems;
}
