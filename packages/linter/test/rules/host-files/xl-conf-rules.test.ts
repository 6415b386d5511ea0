import { describe, expect, it } from "vitest";
import { applyFix, covered } from "../lint-helpers";
import { xlConf } from "./helpers";

describe("xl-conf-unknown-key", () => {
  it("suggests the nearest xl.conf key and renames it", () => {
    const text = 'autoballon = "off"\n';
    const [d] = xlConf(text, "xl-conf-unknown-key");
    expect(d?.help).toContain("Did you mean `autoballoon`?");
    expect(covered(text, d!)).toBe("autoballon");
    expect(applyFix(text, d?.fix)).toBe('autoballoon = "off"\n');
    expect(xlConf(applyFix(text, d?.fix), "xl-conf-unknown-key")).toEqual([]);
  });

  it("offers no rename onto a key the file already sets", () => {
    const [d] = xlConf('autoballoon = "on"\nautoballon = "off"\n', "xl-conf-unknown-key");
    expect(d?.help).toContain("`autoballoon`");
    expect(d?.fix).toBeUndefined();
  });

  it("names domain-config, xm and cpupool keys as such", () => {
    const text = 'memory = 2048\nvcpu_avail = 1\nsched = "credit2"\nvif.default.bridge = "br0"\n';
    const messages = xlConf(text, "xl-conf-unknown-key").map((d) => d.help);
    expect(messages).toHaveLength(3);
    expect(messages[0]).toContain("a setting of a domain config");
    expect(messages[1]).toContain("old xm domain configs");
    expect(messages[2]).toContain("cpupool files");
    expect(messages.every((m) => !m?.includes("Did you mean"))).toBe(true);
  });

  it("accepts the grant limits, which are keys of both files", () => {
    expect(xlConf("max_grant_frames = 64\nmax_maptrack_frames = 1024\nmax_grant_version = 2\n", "xl-conf-unknown-key")).toEqual([]);
  });

  it("points far-off words at the manual", () => {
    expect(xlConf("zzzzzzzz = 1\n", "xl-conf-unknown-key")[0]?.help).toContain("xl.conf(5)");
  });

  it("reports a key of a later release against the configured one only", () => {
    expect(xlConf("bootloader_restrict = 1\n", "xl-conf-unknown-key")[0]?.message).toContain("added to xl.conf in Xen 4.18");
    expect(xlConf("bootloader_restrict = 1\n", "xl-conf-unknown-key", { xenVersion: "4.19" })).toEqual([]);
    // Not read by 4.17, so not judged either.
    expect(xlConf('bootloader_restrict = "yes"\n', "xl-conf-invalid-value")).toEqual([]);
    expect(xlConf('bootloader_restrict = "yes"\n', "xl-conf-invalid-value", { xenVersion: "4.18" })).toHaveLength(1);
  });
});

describe("xl-conf-invalid-value", () => {
  it("compares the enum keys exactly, fixing case for sure and a clear misspelling as a guess", () => {
    const text = 'autoballoon = "On"\noutput_format = "xml"\ndomid_policy = "randon"\n';
    const found = xlConf(text, "xl-conf-invalid-value");
    expect(found.map((d) => covered(text, d))).toEqual(['"On"', '"xml"', '"randon"']);
    expect(found.map((d) => d.severity)).toEqual(["warning", "warning", "warning"]);
    // xl ignored "On" and kept the default: writing "on" changes what xl does.
    expect(found[0]?.fix?.safety).toBe("unsafe");
    expect(applyFix(text, found[0]?.fix)).toContain('autoballoon = "on"');
    expect(found[1]?.fix).toBeUndefined();
    expect(found[1]?.help).toContain("`json` or `sxp`");
    expect(found[2]?.help).toContain("Did you mean `random`?");
    // One value is clearly meant: offered as a guess (unsafe), as unknown keys are.
    expect(found[2]?.fix?.safety).toBe("unsafe");
    expect(applyFix(text, found[2]?.fix)).toContain('domid_policy = "random"');
  });

  it("accepts every value xl takes, the numbers of autoballoon included", () => {
    const text = 'autoballoon = 1\nautoballoon = "auto"\noutput_format = "json"\ndomid_policy = "xen"\nclaim_mode = "0"\nrun_hotplug_scripts = 0x1\n';
    expect(xlConf(text, "xl-conf-invalid-value")).toEqual([]);
  });

  it("notes that sxp output cannot show PVH guests", () => {
    const [d] = xlConf('output_format = "sxp"\n', "xl-conf-invalid-value");
    expect(d?.severity).toBe("info");
    expect(d?.message).toContain("PVH");
  });

  it("warns about numbers xl cannot read, turning yes/no into 1/0", () => {
    const text = 'claim_mode = "yes"\nrun_hotplug_scripts = "2 "\n';
    const found = xlConf(text, "xl-conf-invalid-value");
    expect(found.map((d) => d.severity)).toEqual(["warning", "warning"]);
    expect(found[0]?.message).toContain("xl wants the numbers 1 and 0");
    expect(applyFix(text, found[0]?.fix)).toBe('claim_mode = 1\nrun_hotplug_scripts = "2 "\n');
    expect(found[1]?.fix).toBeUndefined();
  });

  it("reports `+=` on a number at the key", () => {
    const text = 'claim_mode = "1"\nclaim_mode += "0"\n';
    const [d] = xlConf(text, "xl-conf-invalid-value");
    expect(d?.message).toContain("`+=`");
    expect(covered(text, d!)).toBe("claim_mode");
  });

  it("makes bad grant limits errors: every xl command exits", () => {
    const text = 'max_grant_frames = "64k"\nmax_maptrack_frames = "-1"\nmax_grant_version = [ 2 ]\n';
    const found = xlConf(text, "xl-conf-invalid-value");
    expect(found.map((d) => d.severity)).toEqual(["error", "error", "error"]);
    expect(found.every((d) => d.help?.includes("no xl command works"))).toBe(true);
    expect(xlConf("max_grant_frames = 2147483648\n", "xl-conf-invalid-value")[0]?.message).toContain("0 to 2147483647");
    expect(xlConf("max_grant_frames = 2147483647\n", "xl-conf-invalid-value")).toEqual([]);
  });

  it("warns about a list where xl reads one value", () => {
    const [d] = xlConf('vif.default.bridge = [ "br0" ]\n', "xl-conf-invalid-value");
    expect(d?.severity).toBe("warning");
    expect(d?.message).toContain("not a list");
  });

  it("makes a CPU mask that selects nothing an error, one cut short a warning", () => {
    const bad = 'vm.cpumask = "foo"\n';
    const [d] = xlConf(bad, "xl-conf-invalid-value");
    expect(d?.severity).toBe("error");
    expect(d?.help).toContain("refuses every guest");
    expect(covered(bad, d!)).toBe("foo");

    const cut = 'vm.pv.cpumask = "2-5,7-x"\n';
    const [c] = xlConf(cut, "xl-conf-invalid-value");
    expect(c?.severity).toBe("warning");
    expect(c?.help).toContain("keeping only the CPUs before it");
    expect(covered(cut, c!)).toBe("7-x");

    for (const text of ['vm.hvm.cpumask = "^0"\n', 'vm.cpumask = ""\n', 'vm.cpumask = "^all"\n']) {
      expect(xlConf(text, "xl-conf-invalid-value").map((x) => x.severity), text).toEqual(["error"]);
    }
    expect(xlConf('vm.hvm.cpumask = "^0"\n', "xl-conf-invalid-value")[0]?.help).toContain("every HVM and PVH guest");
    expect(xlConf('vm.cpumask = "all,^nodes:0"\nvm.pv.cpumask = "2-15,^3"\n', "xl-conf-invalid-value")).toEqual([]);
    expect(xlConf('vm.cpumask = "3,^3"\n', "xl-conf-invalid-value").map((x) => x.severity)).toEqual(["error"]);
  });

  it("resolves the masks on the host profile when it knows the CPUs", () => {
    const text = 'vm.cpumask = "8-15"\n';
    expect(xlConf(text, "xl-conf-invalid-value")).toEqual([]);
    const [d] = xlConf(text, "xl-conf-invalid-value", { cpus: 8 });
    expect(d?.severity).toBe("error");
    expect(d?.message).toContain("8 CPUs");
    expect(xlConf('vm.cpumask = "nodes:1"\n', "xl-conf-invalid-value", { cpus: 8, numaNodes: 1 }).map((x) => x.severity)).toEqual(["error"]);
    expect(xlConf('vm.cpumask = "0-3,^nodes:0"\n', "xl-conf-invalid-value", { cpus: 8, numaNodes: 2 })).toEqual([]);
  });

  it("refuses a type's mask that shares no CPU with vm.cpumask", () => {
    const text = 'vm.cpumask = "4-7"\nvm.hvm.cpumask = "0-3"\nvm.pv.cpumask = "all"\n';
    const found = xlConf(text, "xl-conf-invalid-value");
    expect(found.map((d) => [covered(text, d), d.severity])).toEqual([['"0-3"', "error"]]);
    expect(found[0]?.help).toContain("every HVM and PVH guest");
    expect(xlConf('vm.cpumask = "all,^0-3"\nvm.pv.cpumask = "2-5"\n', "xl-conf-invalid-value")).toEqual([]);
  });

  it("says nothing about free-text keys", () => {
    expect(xlConf('lockfile = ""\nblkdev_start = "xvdz"\nvif.default.script = "vif-route"\n', "xl-conf-invalid-value")).toEqual([]);
  });
});

describe("xl-conf-deprecated-key", () => {
  it("renames the old key when the new one is not set", () => {
    const text = 'vifscript = "vif-route"\n';
    const [d] = xlConf(text, "xl-conf-deprecated-key");
    expect(d?.fix?.safety).toBe("safe");
    expect(applyFix(text, d?.fix)).toBe('vif.default.script = "vif-route"\n');
    expect(xlConf(applyFix(text, d?.fix), "xl-conf-deprecated-key")).toEqual([]);
  });

  it("removes the old key when the new one wins anyway, wherever it stands", () => {
    const text = 'defaultbridge = "xenbr0"\nvif.default.bridge = "br0"\n';
    const [d] = xlConf(text, "xl-conf-deprecated-key");
    expect(d?.help).toContain("`vif.default.bridge` wins");
    expect(applyFix(text, d?.fix)).toBe('vif.default.bridge = "br0"\n');
  });

  it("leaves a list alone: xl does not read it, so prints no notice", () => {
    expect(xlConf('vifscript = [ "vif-route" ]\n', "xl-conf-deprecated-key")).toEqual([]);
  });
});
