/**
 * The HVM platform rules of the devices family: viridian groups, the USB
 * controller conflict, SPICE, video memory and the VNC display number.
 */
import { describe, expect, it } from "vitest";
import { applyFix, covered, deviceFindings, findings, HEAD, summary } from "./helpers";

const viridian = (items: string): string => `${HEAD.hvm}viridian = ${items}\n`;

describe("viridian-invalid", () => {
  it("refuses unknown groups, with a suggestion, and accepts groups in any case", () => {
    const text = viridian('[ "base", "Freq", "stimr", "!hcall_ipi" ]');
    const found = findings(text, "viridian-invalid");
    expect(found.map((d) => covered(text, d))).toEqual(['"stimr"']);
    expect(found[0]?.help).toMatch(/Did you mean `stimer`\?$/);
  });

  it("fixes `All` and `Defaults` to lower case, and the fixed list is clean", () => {
    const text = viridian('[ "All", "!stimer" ]');
    const [finding] = findings(text, "viridian-invalid");
    expect(finding?.fix?.safety).toBe("safe");
    const fixed = applyFix(text, finding?.fix);
    expect(fixed).toContain('viridian = [ "all", "!stimer" ]');
    expect(findings(fixed, "viridian-invalid")).toEqual([]);
  });

  it("refuses `!all` without a fix", () => {
    const [finding] = findings(viridian('[ "defaults", "!all" ]'), "viridian-invalid");
    expect(finding?.help).toMatch(/cannot be negated/);
    expect(finding?.fix).toBeUndefined();
  });

  it("reports a set without base, however it comes about, and only then", () => {
    for (const items of ['[ "freq" ]', '[ "defaults", "!base" ]', '[ "all", "!base" ]']) {
      expect(summary(findings(viridian(items), "viridian-invalid")), items).toEqual(["viridian-invalid:error"]);
    }
    for (const items of ['[ "defaults" ]', '[ "base", "freq" ]', '[ "freq", "base" ]', '[ "defaults", "!freq" ]', "[ ]", '[ "!base" ]', "0", "1"]) {
      expect(findings(viridian(items), "viridian-invalid"), items).toEqual([]);
    }
  });

  it("reports a group removed before `all` turns it back on, at the removal", () => {
    const text = viridian('[ "!stimer", "all" ]');
    const found = findings(text, "viridian-invalid");
    expect(found.map((d) => covered(text, d))).toEqual(['"!stimer"']);
    expect(findings(viridian('[ "all", "!stimer" ]'), "viridian-invalid")).toEqual([]);
    expect(findings(viridian('[ "!stimer", "all", "!stimer" ]'), "viridian-invalid")).toEqual([]);
  });

  it("reports a nested list (xl crashes) and nothing after it", () => {
    expect(summary(findings(viridian('[ [ "base" ], "bogus" ]'), "viridian-invalid"))).toEqual(["viridian-invalid:error"]);
  });

  it("looks at HVM guests only, since xl reads viridian for nothing else", () => {
    expect(findings(`${HEAD.pv}viridian = [ "bogus" ]\n`, "viridian-invalid")).toEqual([]);
  });
});

describe("usbversion-conflict", () => {
  it("points at usbversion and names the legacy setting", () => {
    const text = `${HEAD.hvm}usb = 1\nusbversion = 2\n`;
    const [finding] = findings(text, "usbversion-conflict");
    expect(covered(text, finding!)).toBe("2");
    expect(finding?.related[0] && covered(text, { ...finding, range: finding.related[0].range })).toBe("usb");
  });

  it("counts any usbdevice, even an empty list, and not `usb = 0`", () => {
    expect(findings(`${HEAD.hvm}usbdevice = []\nusbversion = 3\n`, "usbversion-conflict")).toHaveLength(1);
    expect(findings(`${HEAD.hvm}usb = 0\nusbversion = 3\n`, "usbversion-conflict")).toEqual([]);
  });

  it("counts SPICE USB redirection only while SPICE is on (libxl drops it otherwise)", () => {
    const base = `${HEAD.hvm}usb = 1\nspiceport = 6000\nspicedisable_ticketing = 1\nspiceusbredirection = 2\n`;
    expect(findings(`${base}spice = 1\n`, "usbversion-conflict")).toHaveLength(1);
    expect(findings(base, "usbversion-conflict")).toEqual([]);
  });

  it("looks at HVM guests only", () => {
    expect(findings(`${HEAD.pv}usb = 1\nusbversion = 2\n`, "usbversion-conflict")).toEqual([]);
  });
});

describe("spice-incomplete", () => {
  it("needs a non-zero port and, with ticketing on, a non-empty password", () => {
    expect(summary(findings(`${HEAD.hvm}spice = 1\nspiceport = 0\nspicepasswd = ""\n`, "spice-incomplete"))).toEqual(["spice-incomplete:error", "spice-incomplete:error"]);
    expect(findings(`${HEAD.hvm}spice = 1\nspicetls_port = 6001\nspicepasswd = "x"\n`, "spice-incomplete")).toEqual([]);
  });

  it("does not apply to qemu-xen-traditional or a stub domain, which never read the SPICE settings", () => {
    expect(findings(`${HEAD.hvm}spice = 1\ndevice_model_version = "qemu-xen-traditional"\n`, "spice-incomplete")).toEqual([]);
    expect(findings(`${HEAD.hvm}spice = 1\ndevice_model_stubdomain_override = 1\n`, "spice-incomplete")).toEqual([]);
  });

  it("warns about USB redirection with SPICE off, at its value", () => {
    const text = `${HEAD.hvm}spice = 0\nspiceusbredirection = 3\n`;
    const found = findings(text, "spice-incomplete");
    expect(found.map((d) => `${d.severity}:${covered(text, d)}`)).toEqual(["warning:3"]);
  });
});

describe("videoram-invalid", () => {
  const vram = (lines: string): string => `${HEAD.hvm}${lines}\n`;

  it("applies each card's floor with qemu-xen (stdvga 16, cirrus 8, qxl 128)", () => {
    expect(findings(vram("vga = \"stdvga\"\nvideoram = 15"), "videoram-invalid")).toHaveLength(1);
    expect(findings(vram("vga = \"stdvga\"\nvideoram = 16"), "videoram-invalid")).toEqual([]);
    expect(findings(vram("videoram = 7"), "videoram-invalid")).toHaveLength(1);
    expect(findings(vram("videoram = 0"), "videoram-invalid")).toHaveLength(1);
    expect(findings(vram("stdvga = 1\nvideoram = 8"), "videoram-invalid")).toHaveLength(1);
    expect(findings(vram("stdvga = 0\nvideoram = 8"), "videoram-invalid")).toEqual([]);
    expect(findings(vram("vga = \"qxl\"\nvideoram = 64"), "videoram-invalid")).toHaveLength(1);
    expect(findings(vram("vga = \"none\"\nvideoram = 1"), "videoram-invalid")).toEqual([]);
  });

  it("lets `vga` win over `stdvga`", () => {
    expect(findings(vram("vga = \"cirrus\"\nstdvga = 1\nvideoram = 8"), "videoram-invalid")).toEqual([]);
  });

  it("with qemu-xen-traditional: stdvga needs 8, cirrus ignores anything but 4 (a warning)", () => {
    const trad = 'device_model_version = "qemu-xen-traditional"\n';
    expect(summary(findings(vram(`${trad}vga = "stdvga"\nvideoram = 4`), "videoram-invalid"))).toEqual(["videoram-invalid:error"]);
    expect(summary(findings(vram(`${trad}videoram = 8`), "videoram-invalid"))).toEqual(["videoram-invalid:warning"]);
    expect(findings(vram(`${trad}videoram = 4`), "videoram-invalid")).toEqual([]);
  });

  it("leaves PV guests and unknown cards alone", () => {
    expect(findings(`${HEAD.pv}videoram = 1\n`, "videoram-invalid")).toEqual([]);
    expect(findings(vram('vga = "vmware"\nvideoram = 1'), "videoram-invalid")).toEqual([]);
  });
});

describe("vnc-display-conflict", () => {
  it("HVM: refused even with vnc off, pointing at vncdisplay", () => {
    const text = `${HEAD.hvm}vnc = 0\nvnclisten = "0.0.0.0:2"\nvncdisplay = 3\n`;
    const found = findings(text, "vnc-display-conflict");
    expect(found.map((d) => covered(text, d))).toEqual(["3"]);
    expect(findings(`${HEAD.hvm}vnclisten = "0.0.0.0:2"\nvncdisplay = 0\n`, "vnc-display-conflict")).toEqual([]);
  });

  it("PV: the top-level keys count only when xl builds a framebuffer from them", () => {
    const keys = 'vnclisten = "0.0.0.0:2"\nvncdisplay = 3\n';
    expect(findings(`${HEAD.pv}vnc = 1\n${keys}`, "vnc-display-conflict")).toHaveLength(1);
    expect(findings(`${HEAD.pv}${keys}`, "vnc-display-conflict")).toEqual([]);
    expect(findings(`${HEAD.pv}vnc = 1\n${keys}vfb = [ "vnc=1" ]\n`, "vnc-display-conflict")).toEqual([]);
    expect(findings(`${HEAD.pvh}vnc = 1\n${keys}`, "vnc-display-conflict")).toEqual([]);
  });

  it("vfb: only the first framebuffer counts, and vfb-ignored-setting does not repeat the finding", () => {
    const clash = "vnc=1,vnclisten=0.0.0.0:2,vncdisplay=3";
    expect(findings(`${HEAD.pvh}vfb = [ "${clash}" ]\n`, "vnc-display-conflict")).toHaveLength(1);
    expect(findings(`${HEAD.pvh}vfb = [ "vnc=1", "${clash}" ]\n`, "vnc-display-conflict")).toEqual([]);
    expect(findings(`${HEAD.pv}vfb = [ "${clash}" ]\n`, "vfb-ignored-setting")).toEqual([]);
  });
});

describe("the family on clean configs", () => {
  it("says nothing about a full HVM guest with every platform setting right", () => {
    const text = `${HEAD.hvm}viridian = [ "defaults" ]\nvga = "stdvga"\nvideoram = 32\nspice = 1\nspiceport = 6000\nspicepasswd = "s3cret"\nspiceusbredirection = 2\nusbversion = 2\nvnclisten = "0.0.0.0"\nvncdisplay = 4\ncpuid = "host,aes=k"\npci = [ "0000:03:00.0" ]\nrdm = "strategy=host"\n`;
    expect(deviceFindings(text)).toEqual([]);
  });
});
