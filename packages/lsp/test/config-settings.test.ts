/**
 * The client's `xlint` settings: parsed and checked as xlint.json is (the same
 * messages for the same mistakes), layered over initializationOptions, and
 * kept whatever is wrong beside them.
 */
import { allRules, readConfigText } from "@xlint/linter";
import { describe, expect, it } from "vitest";
import { DEFAULT_SETTINGS, layerSections, parseSettings, sectionOfInitializationOptions } from "../src/config/settings";

const known = new Set(allRules.map((r) => r.id));

describe("parseSettings", () => {
  it("gives the defaults for an absent section", () => {
    for (const none of [undefined, null]) expect(parseSettings(none, known)).toEqual({ settings: DEFAULT_SETTINGS, problems: [] });
    expect(DEFAULT_SETTINGS.hostFromSystem).toBe("auto");
  });

  it("reads every setting", () => {
    const { settings, problems } = parseSettings(
      { rules: { "vif-missing-bridge": "off", "duplicate-key": "info" }, host: { bridges: ["xenbr0", "br1"], arch: "arm", cpus: 8, name: "dom0-a" }, xlConf: "/etc/xen/xl.conf", hostFromSystem: "on", trace: { server: "verbose" } },
      known,
    );
    expect(problems).toEqual([]);
    expect([...settings.rules]).toEqual([
      ["vif-missing-bridge", "off"],
      ["duplicate-key", "info"],
    ]);
    expect(settings.host).toEqual({ bridges: ["xenbr0", "br1"], arch: "arm", cpus: 8, name: "dom0-a" });
    expect(settings.xlConf).toBe("/etc/xen/xl.conf");
    expect(settings.hostFromSystem).toBe("on");
  });

  it("reports an unknown rule and a wrong level, and keeps the valid entries", () => {
    const { settings, problems } = parseSettings({ rules: { "no-such-rule": "off", "duplicate-key": "loud", "vif-missing-bridge": "warning" } }, known);
    expect([...settings.rules]).toEqual([["vif-missing-bridge", "warning"]]);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^xlint\.rules: unknown rule "no-such-rule"/);
    expect(problems[1]).toMatch(/^xlint\.rules: the severity of "duplicate-key" must be/);
  });

  it("checks the host exactly as xlint.json's host, with the same words", () => {
    const host = { cpus: 0, arch: "x86_64", bridges: "xenbr0", extraKeys: ["Upper"], xenVersion: "5.0", name: " ", colour: "blue", numaNodes: 2 };
    const fromFile = readConfigText(JSON.stringify({ host }), known).problems.map((p) => `xlint.host: ${p.message}`);
    const { settings, problems } = parseSettings({ host }, known);
    expect(fromFile).toHaveLength(7);
    expect(problems).toEqual(fromFile);
    expect(settings.host).toEqual({ numaNodes: 2 });
  });

  it("reports a wrong hostFromSystem, xlConf or unknown setting, and uses the rest", () => {
    const { settings, problems } = parseSettings({ hostFromSystem: "always", xlConf: 3, hostBridges: "xenbr0", rules: { "duplicate-key": "off" } }, known);
    expect(settings.hostFromSystem).toBe("auto");
    expect(settings.xlConf).toBeUndefined();
    expect([...settings.rules]).toEqual([["duplicate-key", "off"]]);
    expect(problems).toEqual([
      'xlint.hostFromSystem must be "off", "auto" or "on"; got "always"',
      "xlint.xlConf must be the path of an xl.conf (or null for none); got 3",
      'unknown setting "xlint.hostBridges"; expected one of xlint.rules, xlint.host, xlint.xlConf, xlint.hostFromSystem, xlint.trace',
    ]);
  });

  it("takes an empty or null xlConf as none, and a section that is not an object as no settings", () => {
    expect(parseSettings({ xlConf: "" }, known).settings.xlConf).toBeUndefined();
    expect(parseSettings({ xlConf: null }, known).problems).toEqual([]);
    const wrong = parseSettings(["rules"], known);
    expect(wrong.settings).toBe(DEFAULT_SETTINGS);
    expect(wrong.problems[0]).toMatch(/^xlint: the settings must be an object/);
  });
});

describe("the section as VS Code sends it", () => {
  // workspace.getConfiguration("xlint"): every contributed setting at its default, nested by dots, unset host fields null.
  const vscodeDefaults = () => ({
    rules: {},
    host: { bridges: null, fromSystem: "auto", arch: null, xenVersion: null, os: null, defaultBridge: null, cpus: null, numaNodes: null, cpupools: null, extraKeys: null },
    xlConf: null,
    trace: { server: "off" },
  });

  it("changes nothing at VS Code's defaults", () => {
    expect(parseSettings(vscodeDefaults(), known)).toEqual({ settings: DEFAULT_SETTINGS, problems: [] });
  });

  it("takes the host fields that are set and leaves the null ones unset", () => {
    const section = vscodeDefaults();
    const { settings, problems } = parseSettings({ ...section, host: { ...section.host, bridges: ["xenbr0"], cpus: 8 } }, known);
    expect(problems).toEqual([]);
    expect(settings.host).toEqual({ bridges: ["xenbr0"], cpus: 8 });
  });

  it("reads host.fromSystem as hostFromSystem", () => {
    for (const mode of ["off", "auto", "on"] as const) expect(parseSettings({ host: { fromSystem: mode } }, known).settings.hostFromSystem).toBe(mode);
    const section = vscodeDefaults();
    const { settings, problems } = parseSettings({ ...section, host: { ...section.host, fromSystem: "off" } }, known);
    expect(problems).toEqual([]);
    expect(settings.hostFromSystem).toBe("off");
    expect(settings.host).toEqual({});
    // null is VS Code's "not set": the default.
    expect(parseSettings({ host: { fromSystem: null } }, known)).toEqual({ settings: DEFAULT_SETTINGS, problems: [] });
  });

  it("lets hostFromSystem win over host.fromSystem when both are given", () => {
    // VS Code always sends host.fromSystem (its default at least); only the top-level name can be a deliberate choice over it.
    expect(parseSettings({ hostFromSystem: "off", host: { fromSystem: "auto" } }, known)).toEqual({ settings: { ...DEFAULT_SETTINGS, hostFromSystem: "off" }, problems: [] });
    expect(parseSettings({ host: { fromSystem: "on" }, hostFromSystem: "off" }, known).settings.hostFromSystem).toBe("off");
    // A wrong top-level value is reported and leaves host.fromSystem in charge.
    const wrong = parseSettings({ hostFromSystem: "always", host: { fromSystem: "on" } }, known);
    expect(wrong.settings.hostFromSystem).toBe("on");
    expect(wrong.problems).toEqual(['xlint.hostFromSystem must be "off", "auto" or "on"; got "always"']);
  });

  it("reports a wrong host.fromSystem under its own name, and still checks the other host fields", () => {
    const { settings, problems } = parseSettings({ host: { fromSystem: "sometimes", cpus: 0, bridges: ["br0"] } }, known);
    expect(settings.hostFromSystem).toBe("auto");
    expect(settings.host).toEqual({ bridges: ["br0"] });
    expect(problems).toHaveLength(2);
    expect(problems[0]).toBe('xlint.host.fromSystem must be "off", "auto" or "on"; got "sometimes"');
    expect(problems[1]).toMatch(/^xlint\.host: .*cpus/);
  });
});

describe("sources of the section", () => {
  it("layers the client's settings over initializationOptions, field by field", () => {
    const base = { rules: { "duplicate-key": "off" }, hostFromSystem: "off" };
    expect(layerSections(base, { hostFromSystem: "on" })).toEqual({ rules: { "duplicate-key": "off" }, hostFromSystem: "on" });
    expect(layerSections(base, null)).toBe(base);
    expect(layerSections(undefined, { xlConf: "a" })).toEqual({ xlConf: "a" });
  });

  it("takes initializationOptions as the section, or as holding it under xlint", () => {
    expect(sectionOfInitializationOptions({ xlint: { hostFromSystem: "off" } })).toEqual({ hostFromSystem: "off" });
    expect(sectionOfInitializationOptions({ hostFromSystem: "off" })).toEqual({ hostFromSystem: "off" });
    expect(sectionOfInitializationOptions(undefined)).toBeUndefined();
  });
});
