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
