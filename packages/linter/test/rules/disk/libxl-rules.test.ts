/**
 * The rules for disks xl's parser accepts but libxl refuses, or the guest
 * cannot use: vdevs, device numbers, emulated IDE slots, backends, the
 * bootloader's disk.
 */
import { describe, expect, it } from "vitest";
import { applyFix, config, covered, findings, HVM, lint } from "./helpers";

describe("disk-invalid-vdev", () => {
  for (const vdev of ["hde", "sdq", "xvda0", "xvda01", "d0", "xvd", "vda", "hda64", "xvda256", "2147483648", "bogus"]) {
    it(`reports \`${vdev}\` on the vdev`, () => {
      const source = config([`/img,raw,${vdev},w`]);
      const [d] = findings(source, "disk-invalid-vdev");
      expect(d?.severity).toBe("error");
      expect(covered(source, d!)).toBe(vdev);
      expect(d?.help).toContain("Invalid or unsupported virtual disk identifier");
    });
  }
  it("gives libxl's reason", () => {
    expect(findings(config(["/img,raw,hde,w"]), "disk-invalid-vdev")[0]?.help).toContain("hda to hdd only");
    expect(findings(config(["/img,raw,xvda0,w"]), "disk-invalid-vdev")[0]?.help).toContain("partitions are numbered from 1");
  });
  it("fixes names whose intent is plain, and re-linting is clean", () => {
    const cases: [string, string][] = [
      ["vdev=XVDA,target=/img", "vdev=xvda,target=/img"],
      ["vdev=xvda ,target=/img", "vdev=xvda,target=/img"],
      ["vdev=hdc:cdrom,target=/srv/a.iso", "vdev=hdc,devtype=cdrom,target=/srv/a.iso"],
      ["vdev=xvdb:disk,target=/img", "vdev=xvdb,target=/img"],
    ];
    for (const [spec, expected] of cases) {
      const source = config([spec], HVM);
      const [d] = findings(source, "disk-invalid-vdev");
      expect(d?.fix?.safety, spec).toBe("safe");
      const fixed = applyFix(source, d?.fix);
      expect(fixed).toContain(`"${expected}"`);
      expect(lint(fixed).filter((x) => x.severity === "error"), spec).toEqual([]);
    }
    expect(findings(config(["/img,raw,hde,w"]), "disk-invalid-vdev")[0]?.fix).toBeUndefined();
  });
  it("is silent on every name libxl maps", () => {
    const good = ["xvda", "xvdz", "xvdaa", "xvda1", "xvda255", "hda", "hdd", "hda63", "sda", "sdp15", "d0p0", "d1048575p0", "51712", "0x300"];
    const source = config(good.map((v, i) => `/img${i},raw,${v},w`));
    expect(findings(source, "disk-invalid-vdev")).toEqual([]);
  });
});

describe("disk-numeric-vdev", () => {
  it("says what the number is, and writes the name (unsafe: xl passes another vdev string on)", () => {
    const pv = config(["phy:/dev/x,0x301,w"]);
    const [d] = findings(pv, "disk-numeric-vdev");
    expect(d?.severity).toBe("warning");
    expect(d?.message).toContain("hda1");
    expect(d?.fix?.safety).toBe("unsafe");
    const fixed = applyFix(pv, d?.fix);
    expect(fixed).toContain('"phy:/dev/x,hda1,w"');
    expect(findings(fixed, "disk-numeric-vdev")).toEqual([]);
    const [h] = findings(config(["/x,raw,51712,w"], HVM), "disk-numeric-vdev");
    expect(h?.message).toContain("xvda");
    expect(h?.help).toContain("no emulated copy");
    expect(h?.fix?.safety).toBe("unsafe");
  });
  it("is an error when Linux refuses the number, and for an empty vdev", () => {
    for (const spec of ["/x,raw,0x0,w", "/x,raw,0,w", "/x,raw,0x1234,w", "/x,raw,,w"]) {
      const [d] = findings(config([spec]), "disk-numeric-vdev");
      expect(d?.severity, spec).toBe("error");
      expect(d?.fix, spec).toBeUndefined();
    }
  });
  it("offers no fix when no name gives the same number", () => {
    const [d] = findings(config(["/x,raw,0x10000000,w"]), "disk-numeric-vdev");
    expect(d?.severity).toBe("warning");
    expect(d?.fix).toBeUndefined();
  });
});

describe("disk-duplicate-device", () => {
  it("finds aliases, with the first disk as related location", () => {
    const pairs: [string, string][] = [["xvda", "xvda"], ["hda", "768"], ["xvda", "51712"], ["xvda", "d0p0"], ["xvda1", "d0p1"], ["hda", "0x300"]];
    for (const [a, b] of pairs) {
      const source = config([`/a,raw,${a},w`, `/b,raw,${b},w`]);
      const found = findings(source, "disk-duplicate-device");
      expect(found, `${a}/${b}`).toHaveLength(1);
      expect(covered(source, found[0]!)).toBe(b);
      expect(found[0]?.related[0] && source.slice(found[0].related[0].range.start.offset, found[0].related[0].range.end.offset)).toBe(a);
    }
  });
  it("does not confuse hda with xvda, or a disk with its partition", () => {
    expect(findings(config(["/a,raw,hda,w", "/b,raw,xvda,w", "/c,raw,xvda1,w"]), "disk-duplicate-device")).toEqual([]);
  });
});

describe("disk-ide-clash", () => {
  it("reports hdX and xvdX of one index in HVM guests only", () => {
    const disks = ["/a,raw,hda,w", "/b,raw,xvda,w"];
    const source = config(disks, HVM);
    const [d] = findings(source, "disk-ide-clash");
    expect(covered(source, d!)).toBe("xvda");
    expect(d?.message).toContain("emulated IDE slot 0");
    expect(findings(config(disks), "disk-ide-clash")).toEqual([]);
  });
  it("counts a CD-ROM's IDE slot, but not for hdtype=ahci disks", () => {
    const disks = ["/a,raw,xvdc,w", "/iso,raw,hdc,cdrom"];
    expect(findings(config(disks, HVM), "disk-ide-clash")).toHaveLength(1);
    expect(findings(config(disks, `${HVM}hdtype = "AHCI"\n`), "disk-ide-clash")).toEqual([]);
  });
  it("leaves PV-only disks and exact duplicates alone", () => {
    expect(findings(config(["/a,raw,hda,w", "/b,raw,xvde,w", "/c,raw,sda,w", "/d,raw,51712,w"], HVM), "disk-ide-clash")).toEqual([]);
    expect(findings(config(["/a,raw,xvda,w", "/b,raw,xvda,w"], HVM), "disk-ide-clash")).toEqual([]);
  });
});

describe("disk-readonly-ide", () => {
  it("reports a read-only emulated disk of an HVM guest, on its access mode", () => {
    const source = config(["/a,raw,hda,w", "/b,raw,xvdb,ro"], HVM);
    const [d] = findings(source, "disk-readonly-ide");
    expect(covered(source, d!)).toBe("ro");
  });
  it("knows which disks qemu emulates", () => {
    expect(findings(config(["/b,raw,xvde,r", "/iso,raw,hdc,cdrom", "/c,raw,51712,r"], HVM), "disk-readonly-ide")).toEqual([]);
    expect(findings(config(["/b,raw,xvde,r"], `${HVM}hdtype = "ahci"\n`), "disk-readonly-ide")).toHaveLength(1);
    expect(findings(config(["/b,raw,xvdb,r"]), "disk-readonly-ide")).toEqual([]);
    expect(findings(config(["/b,raw,xvdb,r"], `${HVM}device_model_version = "qemu-xen-traditional"\n`), "disk-readonly-ide")).toEqual([]);
  });
  it("skips configs whose guest type xl refuses", () => {
    expect(findings(config(["/b,raw,xvdb,r"], 'type = "HVM"\n'), "disk-readonly-ide")).toEqual([]);
  });
});

describe("disk-backend-conflict and disk-empty-not-cdrom", () => {
  it("reports backends that cannot serve the disk", () => {
    for (const spec of ["format=qcow2,backendtype=phy,vdev=xvda,target=/a.qcow2", "backendtype=standalone,vdev=xvda,target=/a", "backendtype=tap,vdev=xvda,target=/a", "specification=virtio,backendtype=qdisk,vdev=xvda,target=/a"]) {
      expect(findings(config([spec]), "disk-backend-conflict"), spec).toHaveLength(1);
    }
    expect(findings(config(["backendtype=tap,vdev=xvda,target=/a"]), "disk-backend-conflict", { xenVersion: "4.19" })).toEqual([]);
    expect(findings(config(["specification=virtio,vdev=xvda,target=/a", "format=qcow2,backendtype=qdisk,vdev=xvdb,target=/b"]), "disk-backend-conflict")).toEqual([]);
  });
  it("requires qdisk for an HVM CD-ROM only", () => {
    const spec = "/iso,raw,hdc,cdrom,backendtype=phy";
    expect(findings(config([spec], HVM), "disk-backend-conflict")).toHaveLength(1);
    expect(findings(config([spec]), "disk-backend-conflict")).toEqual([]);
  });
  it("reports format=empty on a disk or on a CD-ROM with an image", () => {
    expect(findings(config(["format=empty,vdev=xvdb,target=/x"]), "disk-empty-not-cdrom")[0]?.help).toContain("is empty but not cdrom");
    expect(findings(config(["/iso,empty,hdc,cdrom"], HVM), "disk-empty-not-cdrom")[0]?.message).toContain("`/iso`");
    expect(findings(config([",empty,hdc:cdrom,r", "format=empty,vdev=hdd,devtype=cdrom"], HVM), "disk-empty-not-cdrom")).toEqual([]);
  });
});

describe("bootloader-without-disk", () => {
  it("is an error for a PV or PVH guest with no disk", () => {
    for (const disks of ["", "disk = []\n"]) {
      for (const type of ['type = "pv"\n', 'type = "pvh"\n']) {
        const source = `name = "t"\n${type}bootloader = "pygrub"\n${disks}`;
        const [d] = findings(source, "bootloader-without-disk");
        expect(d?.severity).toBe("error");
        expect(covered(source, d!)).toBe('"pygrub"');
      }
    }
  });
  it("is an error for an empty CD-ROM drive first, a warning for a CD with an image", () => {
    const empty = findings(`name = "t"\nbootloader = "pygrub"\ndisk = [ "vdev=xvdc,devtype=cdrom", "/a,raw,xvda,w" ]\n`, "bootloader-without-disk");
    expect(empty.map((d) => d.severity)).toEqual(["error"]);
    const iso = findings(`name = "t"\nbootloader = "pygrub"\ndisk = [ "/i.iso,raw,xvdc,cdrom", "/a,raw,xvda,w" ]\n`, "bootloader-without-disk");
    expect(iso.map((d) => d.severity)).toEqual(["warning"]);
    expect(iso[0]?.related).toHaveLength(1);
  });
  it("is silent for HVM, without a bootloader, with a disk first, or with disk as a string", () => {
    expect(findings('name = "t"\ntype = "hvm"\nbootloader = "pygrub"\n', "bootloader-without-disk")).toEqual([]);
    expect(findings('name = "t"\nkernel = "/k"\n', "bootloader-without-disk")).toEqual([]);
    expect(findings(`name = "t"\nbootloader = "pygrub"\ndisk = [ "/a,raw,xvda,w", "/i.iso,raw,xvdc,cdrom" ]\n`, "bootloader-without-disk")).toEqual([]);
    expect(findings(`name = "t"\nbootloader = "pygrub"\ndisk = "/a,raw,xvda,w"\n`, "bootloader-without-disk")).toEqual([]);
  });
});
