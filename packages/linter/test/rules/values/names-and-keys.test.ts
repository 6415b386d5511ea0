import { describe, expect, it } from "vitest";
import { HVM, PV, PVH, applyFix, covered, findings, only } from "./helpers";

describe("invalid-enum-value", () => {
  it("suggests xl's spelling of an action and fixes it safely", () => {
    const text = `${PVH}on_crash = "restart_rename"\n`;
    const d = only(text, "invalid-enum-value");
    expect(d.severity).toBe("error");
    expect(covered(text, d)).toBe('"restart_rename"');
    expect(d.help).toContain("Did you mean `rename-restart`?");
    expect(d.fix?.safety).toBe("safe");
    const fixed = applyFix(text, d.fix);
    expect(fixed).toContain('on_crash = "rename-restart"');
    expect(findings(fixed, "invalid-enum-value")).toEqual([]);
  });

  it("refuses another case where xl compares exactly", () => {
    const d = only(`${HVM}vga = "STDVGA"\n`, "invalid-enum-value");
    expect(d.help).toContain("case included");
    expect(findings(`${HVM}vga = "STDVGA"\n`, "enum-case")).toEqual([]);
  });

  it("lists the values when nothing is close, and offers an unsafe fix for a plain typo", () => {
    const d = only(`${HVM}hdtype = "scsi"\n`, "invalid-enum-value");
    expect(d.help).toContain("Use `ide` or `ahci`.");
    expect(d.fix).toBeUndefined();
    expect(only(`${HVM}bios = "seabio"\n`, "invalid-enum-value").fix?.safety).toBe("unsafe");
  });

  it("knows values added by later releases", () => {
    const text = `${PVH}tee = "ffa"\n`;
    expect(only(text, "invalid-enum-value").help).toContain("Xen 4.18");
    expect(findings(text, "invalid-enum-value", { xenVersion: "4.18" })).toEqual([]);
  });

  it("takes `+=` digits as a name, as xl does, for keys that take a number or a name", () => {
    const d = only(`${HVM}altp2m += 1\n`, "invalid-enum-value");
    expect(d.severity).toBe("error");
    expect(d.help).toContain("`+=`");
    expect(findings(`${HVM}altp2m = 1\ntsc_mode = "2"\n`, "invalid-enum-value")).toEqual([]);
  });

  it("checks list items and the libxl-refused sound cards, by device model", () => {
    const text = `${HVM}mca_caps = [ "LMCE" ]\n`;
    expect(applyFix(text, only(text, "invalid-enum-value").fix)).toContain('mca_caps = [ "lmce" ]');
    expect(only(`${HVM}soundhw = "bogus"\n`, "invalid-enum-value").severity).toBe("error");
    expect(only(`${HVM}device_model_version = "qemu-xen-traditional"\nsoundhw = "bogus"\n`, "invalid-enum-value").severity).toBe("warning");
  });

  it("leaves keys xl does not read for the guest, and the keys of other rules, alone", () => {
    expect(findings(`${PVH}vga = "vmware"\nhdtype = "scsi"\n`, "invalid-enum-value")).toEqual([]);
    expect(findings('name = "t"\ntype = "HVM"\n', "invalid-enum-value")).toEqual([]);
    expect(findings(`${HVM}viridian = [ "bogus" ]\nfirmware = "bogus"\n`, "invalid-enum-value")).toEqual([]);
    expect(findings(`${PV}timer_mode = "bogus"\n`, "invalid-enum-value"), "timer-mode-on-pv's").toEqual([]);
  });

  it("advises numbers for the switches that also take names", () => {
    expect(only(`${HVM}gfx_passthru = "yes"\n`, "invalid-enum-value").help).toContain("1 or 0");
  });
});

describe("enum-case", () => {
  it("notes a value accepted only because case is ignored, and fixes it", () => {
    const text = `${HVM}bios = "OVMF"\ngic_version = "V3"\n`;
    const [bios] = findings(text, "enum-case");
    expect(bios?.severity).toBe("info");
    expect(applyFix(text, bios?.fix)).toContain('bios = "ovmf"');
    expect(findings(text, "enum-case")).toHaveLength(2);
  });
});

describe("removed-value", () => {
  it("makes TSC mode native_paravirt an error, by name or by number", () => {
    expect(only(`${PV}tsc_mode = "Native_Paravirt"\n`, "removed-value").severity).toBe("error");
    const text = `${PV}tsc_mode = 3\n`;
    expect(only(text, "removed-value").severity).toBe("error");
    expect(findings(text, "deprecated-option"), "the removal is the finding").toEqual([]);
  });

  it("warns about qemu-xen-traditional before Xen 4.21 and makes it an error from 4.21", () => {
    const text = `${HVM}device_model_version = "qemu-xen-traditional"\n`;
    expect(only(text, "removed-value").severity).toBe("warning");
    const later = only(text, "removed-value", { xenVersion: "4.21" });
    expect(later.severity).toBe("error");
    expect(later.fix?.safety).toBe("unsafe");
    expect(applyFix(text, later.fix)).toContain('device_model_version = "qemu-xen"');
    expect(findings(text, "invalid-enum-value", { xenVersion: "4.21" })).toEqual([]);
  });
});

describe("deprecated-option", () => {
  it("rewrites numeric modes as their names", () => {
    const text = `${HVM}timer_mode = 1\ntsc_mode = 0\n`;
    const [timer, tsc] = findings(text, "deprecated-option");
    expect(timer?.severity).toBe("warning");
    expect(applyFix(text, timer?.fix)).toContain('timer_mode = "no_delay_for_missed_ticks"');
    expect(applyFix(text, tsc?.fix)).toContain('tsc_mode = "default"');
  });

  it("turns stdvga into vga, or removes it when vga overrides it", () => {
    const alone = `${HVM}stdvga = 1\n`;
    const d = only(alone, "deprecated-option");
    expect(d.severity).toBe("info");
    expect(applyFix(alone, d.fix)).toBe(`${HVM}vga = "stdvga"\n`);
    const both = `${HVM}vga = "cirrus"\nstdvga = 1\n`;
    expect(applyFix(both, only(both, "deprecated-option").fix)).toBe(`${HVM}vga = "cirrus"\n`);
  });

  it("warns about altp2mhvm and a string bootloader_args, which it splits like xl", () => {
    const altp2m = `${HVM}altp2mhvm = 1\n`;
    const d = only(altp2m, "deprecated-option");
    expect(d.severity).toBe("warning");
    expect(applyFix(altp2m, d.fix)).toBe(`${HVM}altp2m = "mixed"\n`);
    expect(findings(`${HVM}altp2m = "disabled"\naltp2mhvm = 1\n`, "deprecated-option")[0]?.fix, "altp2mhvm still turns it on").toBeUndefined();
    const text = `${PV}bootloader_args = " --entry=xvda1:/boot/vmlinuz\t-q "\n`;
    expect(applyFix(text, only(text, "deprecated-option").fix)).toContain('bootloader_args = [ "--entry=xvda1:/boot/vmlinuz", "-q" ]');
  });

  it("leaves builder to the guest family and keys xl does not read alone", () => {
    expect(findings('name = "t"\nbuilder = "hvm"\n', "deprecated-option")).toEqual([]);
    expect(findings(`${PV}stdvga = 1\n`, "deprecated-option")).toEqual([]);
  });
});

describe("ignored-option", () => {
  it("removes the keys xl reads only to warn about", () => {
    const text = `${HVM}device_model = "/usr/lib/xen/bin/qemu-dm"\nvncviewer = 1\nslice = 10\n`;
    const found = findings(text, "ignored-option");
    expect(found.map((d) => covered(text, d))).toEqual(["device_model", "vncviewer", "slice"]);
    let fixed = text;
    for (const d of [...found].reverse()) fixed = applyFix(fixed, d.fix);
    expect(fixed).toBe(HVM);
  });

  it("reports companions that are missing, and only those", () => {
    expect(only(`${HVM}bios_path_override = "/x.fd"\n`, "ignored-option").message).toContain("`bios`");
    expect(findings(`${HVM}bios = "ovmf"\nbios_path_override = "/x.fd"\n`, "ignored-option")).toEqual([]);
    expect(only(`${PV}device_model_override = "/usr/bin/qemu"\n`, "ignored-option").message).toContain("device_model_version");
    expect(only(`${PVH}pvshim_path = "/shim"\n`, "ignored-option").message).toContain("pvshim");
    expect(findings(`${PVH}pvshim = 1\npvshim_path = "/shim"\n`, "ignored-option")).toEqual([]);
    expect(findings(`${HVM}spice_clipboard_sharing = 0\nusbdevice = "tablet"\n`, "ignored-option")).toEqual([]);
  });

  it("passes on xl's msr_relaxed warning on x86 only", () => {
    expect(only(`${PV}msr_relaxed = 0\n`, "ignored-option").message).toContain("is to be removed");
    expect(findings(`${PV}msr_relaxed = 1\n`, "ignored-option", { arch: "arm" })).toEqual([]);
  });
});
