/**
 * The guest OS: each inference signal, conflicting evidence, the comment
 * directive and the stated OS (xlint.json `guests`), bad values in both, and
 * disk-numeric-vdev's severity per OS.
 */
import { describe, expect, it } from "vitest";
import { evaluate, parse } from "@xlint/parser";
import { DEFAULT_HOST, inferGuestOs, lintText, readConfigText, type GuestOs, type GuestOsInfo, type StatedGuestOs } from "../src/index";

function guestOs(text: string, stated?: StatedGuestOs): GuestOsInfo {
  const parsed = parse(text);
  const evaluation = evaluate(parsed.file);
  return inferGuestOs((key) => evaluation.settings.get(key), { stated, comments: parsed.file.comments, lines: parsed.lines });
}

function osOf(text: string): GuestOs {
  return guestOs(text).os;
}

/** The text each piece of evidence points at. */
function pointedAt(text: string, info: GuestOsInfo): string[] {
  return info.evidence.filter((e) => e.range).map((e) => text.slice(e.range!.start.offset, e.range!.end.offset));
}

describe("inferGuestOs: signals", () => {
  const cases: [string, string, GuestOs][] = [
    ["kernel vmlinuz", 'kernel = "/boot/vmlinuz-6.1.0-13-amd64"\n', "linux"],
    ["kernel vmlinux", 'kernel = "/srv/xen/vmlinux"\n', "linux"],
    ["kernel bzImage", 'kernel = "/srv/xen/bzImage"\n', "linux"],
    ["kernel Image (Arm)", 'kernel = "/srv/xen/Image"\n', "linux"],
    ["kernel Image.gz (Arm)", 'kernel = "/srv/xen/Image.gz"\n', "linux"],
    ["ramdisk initrd", 'kernel = "/srv/xen/kernel"\nramdisk = "/srv/xen/initrd.img-6.1"\n', "linux"],
    ["ramdisk initramfs", 'kernel = "/srv/xen/kernel"\nramdisk = "/srv/xen/initramfs-linux.img"\n', "linux"],
    ["kernel netbsd-XEN3_DOMU", 'kernel = "/netbsd-XEN3_DOMU.gz"\n', "netbsd"],
    ["kernel netbsd-XEN3PAE_DOMU", 'kernel = "/netbsd-XEN3PAE_DOMU-i386-foo.gz"\n', "netbsd"],
    ["kernel netbsd-INSTALL_XEN3_DOMU", 'kernel = "/home/bouyer/netbsd-INSTALL_XEN3_DOMU"\n', "netbsd"],
    ["kernel *XEN3*DOMU* without the netbsd prefix", 'kernel = "/srv/xen/XEN3_DOMU-10.0.gz"\n', "netbsd"],
    ["kernel netbsd-GENERIC (PVH)", 'type = "pvh"\nkernel = "/netbsd-GENERIC.gz"\n', "netbsd"],
    ["FreeBSD /boot/kernel/kernel", 'type = "pvh"\nkernel = "/mnt/fbsd/boot/kernel/kernel"\n', "freebsd"],
    ["MirageOS .xen image", 'kernel = "/srv/mirage/mirage-hello.xen"\n', "unikernel"],
    ["Unikraft image", 'kernel = "/srv/uk/helloworld_xen-x86_64"\n', "unikernel"],
    ["Mini-OS stub domain", 'kernel = "/usr/lib/xen/boot/ioemu-stubdom.gz"\n', "unikernel"],
    ["pygrub --kernel=", 'bootloader = "pygrub"\nbootloader_args = [ "--kernel=/boot/vmlinuz-6.1" ]\n', "linux"],
    ["extra root=/dev/xvda1", 'kernel = "/srv/xen/kernel"\nextra = "root=/dev/xvda1 ro"\n', "linux"],
    ["extra console=hvc0", 'kernel = "/srv/xen/kernel"\nextra = "console=hvc0"\n', "linux"],
    ["extra xencons=", 'kernel = "/srv/xen/kernel"\nextra = "xencons=tty1"\n', "linux"],
    ["cmdline root=UUID=", 'kernel = "/srv/xen/kernel"\ncmdline = "root=UUID=1234-abcd rw"\n', "linux"],
    ["root key", 'kernel = "/srv/xen/kernel"\nroot = "/dev/xvda1 ro"\n', "linux"],
    ["extra root=xbd0a (NetBSD)", 'kernel = "/srv/xen/kernel"\nextra = "root=xbd0a"\n', "netbsd"],
    ["extra bootdev= (NetBSD)", 'kernel = "/srv/xen/kernel"\nextra = "bootdev=xbd0"\n', "netbsd"],
    ["extra vfs.root.mountfrom= (FreeBSD)", 'kernel = "/srv/xen/kernel"\nextra = "vfs.root.mountfrom=ufs:/dev/ada0p2"\n', "freebsd"],
    ["viridian", 'type = "hvm"\nviridian = 1\n', "windows"],
    ["viridian groups", 'type = "hvm"\nviridian = [ "base", "freq" ]\n', "windows"],
  ];
  for (const [what, text, os] of cases) {
    it(`${what} → ${os}`, () => {
      const info = guestOs(`name = "t"\n${text}`);
      expect(info.os).toBe(os);
      expect(info.source).toBe("inferred");
      // The deciding evidence names its OS and points into the file.
      const deciding = info.evidence.filter((e) => e.os === os);
      expect(deciding.length).toBeGreaterThan(0);
      expect(deciding.every((e) => e.range !== undefined)).toBe(true);
    });
  }

  it("keeps where each piece of evidence is", () => {
    const text = 'name = "t"\nkernel = "/netbsd-XEN3_DOMU.gz"\n';
    expect(pointedAt(text, guestOs(text))).toEqual(['"/netbsd-XEN3_DOMU.gz"']);
  });

  it("says nothing for what does not tell: no signal, pygrub alone, PV-GRUB, firmware, viridian = 0", () => {
    for (const text of [
      'type = "hvm"\n',
      'bootloader = "pygrub"\n',
      'kernel = "/usr/lib/xen/boot/pv-grub-x86_64.gz"\n',
      'type = "hvm"\nfirmware = "ovmf"\n',
      'type = "hvm"\nviridian = 0\n',
      'kernel = "/srv/xen/kernel.gz"\n',
    ]) {
      expect(osOf(`name = "t"\n${text}`), text).toBe("unknown");
    }
    // pygrub and PV-GRUB are still shown, as saying nothing.
    const info = guestOs('name = "t"\nbootloader = "pygrub"\n');
    expect(info.evidence).toHaveLength(1);
    expect(info.evidence[0]?.os).toBeUndefined();
  });

  it("gives unknown, with both sides' evidence, when signals of equal weight conflict", () => {
    const text = 'name = "t"\nkernel = "/netbsd-XEN3_DOMU.gz"\nramdisk = "/boot/initrd.img"\n';
    const info = guestOs(text);
    expect(info.os).toBe("unknown");
    expect(info.evidence.map((e) => e.os)).toEqual(["netbsd", "linux"]);
    expect(pointedAt(text, info)).toEqual(['"/netbsd-XEN3_DOMU.gz"', '"/boot/initrd.img"']);
  });

  it("lets a clearly stronger side win: a kernel name over one command-line word", () => {
    const info = guestOs('name = "t"\nkernel = "/netbsd-XEN3_DOMU.gz"\nextra = "root=/dev/xvda1"\n');
    expect(info.os).toBe("netbsd");
    expect(info.evidence.map((e) => e.os)).toEqual(["netbsd", "linux"]);
    // Two medium signals against one strong one are not clearly weaker.
    expect(osOf('name = "t"\nkernel = "/netbsd-XEN3_DOMU.gz"\nextra = "root=/dev/xvda1 console=hvc0"\n')).toBe("unknown");
  });
});

describe("stating the guest OS", () => {
  const netbsdLooking = 'name = "t"\nkernel = "/netbsd-XEN3_DOMU.gz"\n';

  it("a `# xlint-guest-os:` comment wins over inference, and keeps the inferred evidence after its own", () => {
    const text = `# xlint-guest-os: linux\n${netbsdLooking}`;
    const info = guestOs(text);
    expect(info).toMatchObject({ os: "linux", source: "comment" });
    expect(pointedAt(text, info)).toEqual(["# xlint-guest-os: linux", '"/netbsd-XEN3_DOMU.gz"']);
    expect(guestOs(`# xlint-guest-os NetBSD\nname = "t"\n`).os).toBe("netbsd");
    expect(guestOs(`# xlint-guest-os: unknown\n${netbsdLooking}`).os).toBe("unknown");
  });

  it("a stated OS (xlint.json `guests`) wins over inference, and a comment wins over it", () => {
    const stated: StatedGuestOs = { os: "freebsd", origin: 'xlint.json ("guests": ["bsd/**"])' };
    expect(guestOs(netbsdLooking, stated)).toMatchObject({ os: "freebsd", source: "config" });
    expect(guestOs(netbsdLooking, stated).evidence[0]?.text).toContain('"guests": ["bsd/**"]');
    expect(guestOs(`# xlint-guest-os: linux\n${netbsdLooking}`, stated)).toMatchObject({ os: "linux", source: "comment" });
  });

  it("reaches the rules through lintText's guestOs", () => {
    const text = 'name = "t"\ntype = "pvh"\nkernel = "/srv/xen/kernel"\ndisk = [ "/srv/a.img,raw,0x0,w" ]\n';
    const severity = (stated?: StatedGuestOs) => lintText(text, { host: DEFAULT_HOST, guestOs: stated }).diagnostics.find((d) => d.rule === "disk-numeric-vdev")?.severity;
    expect(severity()).toBe("warning");
    expect(severity({ os: "linux", origin: "test" })).toBe("error");
    expect(severity({ os: "netbsd", origin: "test" })).toBe("info");
  });

  it("a bad comment value is ignored and reported by guest-os-directive", () => {
    const text = `# xlint-guest-os: openbsd\n${netbsdLooking}`;
    expect(guestOs(text)).toMatchObject({ os: "netbsd", source: "inferred" });
    const found = lintText(text).diagnostics.filter((d) => d.rule === "guest-os-directive");
    expect(found).toHaveLength(1);
    expect(found[0]?.severity).toBe("warning");
    expect(text.slice(found[0]!.range.start.offset, found[0]!.range.end.offset)).toBe("openbsd");
    expect(found[0]?.message).toContain("`openbsd` is not a guest OS xlint knows");
    // No value at all, and a slip in the directive's name, are reported too.
    expect(lintText(`# xlint-guest-os:\n${netbsdLooking}`).diagnostics.filter((d) => d.rule === "guest-os-directive")).toHaveLength(1);
    expect(lintText(`# xlint-guestos: bsd\n${netbsdLooking}`).diagnostics.filter((d) => d.rule === "guest-os-directive")).toHaveLength(1);
  });

  it("the first valid comment applies; a later one that says otherwise is reported", () => {
    const text = `# xlint-guest-os: netbsd\n# xlint-guest-os: linux\n# xlint-guest-os: netbsd\nname = "t"\n`;
    expect(guestOs(text).os).toBe("netbsd");
    const found = lintText(text).diagnostics.filter((d) => d.rule === "guest-os-directive");
    expect(found.map((d) => d.range.start.line)).toEqual([1]);
    expect(found[0]?.message).toContain("the one on line 1 says `netbsd`");
  });

  it("ordinary comments that mention xlint are not directives", () => {
    expect(lintText(`# see xlint-guest-os docs\n${netbsdLooking}`).diagnostics.filter((d) => d.rule === "guest-os-directive")).toEqual([]);
  });
});

describe("xlint.json guests", () => {
  it("reads entries, and reports bad ones with line and column while keeping the good ones", () => {
    const { config, problems } = readConfigText(
      '{\n  "guests": [\n    {"files": ["netbsd/**"], "os": "netbsd"},\n    {"files": ["bsd/**"], "os": "openbsd"},\n    {"files": [], "os": "linux"},\n    {"os": "linux"},\n    {"files": ["x"], "os": "linux", "arch": "arm"},\n    "linux"\n  ]\n}\n',
      new Set(),
    );
    expect(config.guests).toEqual([
      { files: ["netbsd/**"], os: "netbsd" },
      { files: ["x"], os: "linux" },
    ]);
    expect(problems.map((p) => [p.line, p.column, p.message.split(";")[0]?.slice(0, 40)])).toEqual([
      [4, 33, '"os" must be one of "linux", "netbsd", "'],
      [5, 15, '"files" must be a non-empty list of glob'],
      [6, 5, 'a "guests" entry needs both "files" and '],
      [7, 37, 'unknown setting "arch" in a "guests" ent'],
      [8, 5, '"guests" must be a list like [{"files": '],
    ]);
    expect(readConfigText('{"guests": {"files": ["a"]}}', new Set()).problems[0]?.message).toContain('"guests" must be a list');
  });
});

describe("disk-numeric-vdev follows the guest OS", () => {
  const disks = 'disk = [ "file:/n0/xen/foo-wd0,0x0,w", "file:/n0/xen/foo-wd1,0x1,w" ]\n';
  const numeric = (text: string) => lintText(text).diagnostics.filter((d) => d.rule === "disk-numeric-vdev");

  it("the NetBSD HOWTO's minimal domU gets no error: info, saying NetBSD numbers its disks in order", () => {
    const text = 'name = "domU-id"\nkernel = "/netbsd-XEN3PAE_DOMU-i386-foo.gz"\nmemory = 1024\nvif = [ \'mac=aa:00:00:d1:00:09,bridge=bridge0\' ]\ndisk = [ \'file:/n0/xen/foo-wd0,0x0,w\',\n         \'file:/n0/xen/foo-wd1,0x1,w\' ]\n';
    const all = lintText(text).diagnostics;
    expect(all.filter((d) => d.severity === "error")).toEqual([]);
    const found = all.filter((d) => d.rule === "disk-numeric-vdev");
    expect(found.map((d) => d.severity)).toEqual(["info", "info"]);
    expect(found[0]?.message).toContain("`xbd0`");
    expect(found[1]?.message).toContain("`xbd1`");
    expect(found[0]?.help).toContain("ascending order");
    expect(found[0]?.help).toContain("`xvda` works for NetBSD and Linux guests alike");
  });

  it("a NetBSD HVM guest gets a warning: its firmware sees no emulated copy", () => {
    const found = numeric(`# xlint-guest-os: netbsd\nname = "t"\ntype = "hvm"\n${disks}`);
    expect(found.map((d) => d.severity)).toEqual(["warning", "warning"]);
    expect(found[0]?.help).toContain("no emulated copy");
  });

  it("a Linux guest gets an error for a major Linux refuses", () => {
    const found = numeric(`name = "t"\nkernel = "/boot/vmlinuz"\n${disks}`);
    expect(found.map((d) => d.severity)).toEqual(["error", "error"]);
    expect(found[0]?.message).toBe("The numeric vdev `0x0` is no disk a Linux guest accepts");
    expect(found[0]?.help).toMatch(/^libxl accepts it, but major 0 is no disk/);
    expect(found[0]?.help).toContain("this Linux guest never sees the disk");
  });

  it("an unknown OS gets a warning that says what each kind of guest does", () => {
    const found = numeric(`name = "t"\ntype = "pvh"\nkernel = "/srv/xen/kernel.gz"\n${disks}`);
    expect(found.map((d) => d.severity)).toEqual(["warning", "warning"]);
    for (const words of ["Linux refuses it", "NetBSD attaches disks in ascending order", "FreeBSD attaches it as `xbd0`", "`# xlint-guest-os: netbsd`"]) {
      expect(found[0]?.help).toContain(words);
    }
    // An empty vdev is the number 0: the same.
    expect(numeric('name = "t"\ntype = "pvh"\nkernel = "/srv/xen/kernel.gz"\ndisk = [ "/srv/a.img,raw,,w" ]\n')[0]?.severity).toBe("warning");
  });

  it("FreeBSD: info for a number it attaches, a warning when two disks get one name", () => {
    const fbsd = 'name = "t"\ntype = "pvh"\nkernel = "/boot/kernel/kernel"\n';
    const single = numeric(`${fbsd}disk = [ "/srv/a.img,raw,0x0,w", "/srv/b.img,raw,xvdb,w" ]\n`);
    expect(single.map((d) => d.severity)).toEqual(["info"]);
    expect(single[0]?.message).toContain("attaches as `xbd0`");
    // 0x0 and 0x1 both become xbd0 (an unknown major: the minor divided by 16).
    const clash = numeric(`${fbsd}${disks}`);
    expect(clash.map((d) => d.severity)).toEqual(["warning", "warning"]);
    expect(clash[0]?.message).toContain("like the disk `0x1`");
    expect(clash[0]?.related).toHaveLength(1);
    // 0x300 is hda: FreeBSD's ada0.
    expect(numeric(`${fbsd}disk = [ "/srv/a.img,raw,0x300,w" ]\n`)[0]?.message).toContain("`ada0`");
  });

  it("Windows and unikernel guests, whose drivers xlint does not model, get the unknown OS's warning", () => {
    const found = numeric(`name = "t"\ntype = "hvm"\nviridian = 1\ndisk = [ "/srv/a.img,raw,0x0,w" ]\n`);
    expect(found[0]?.severity).toBe("warning");
    expect(found[0]?.help).toContain("taken for Windows");
  });
});
