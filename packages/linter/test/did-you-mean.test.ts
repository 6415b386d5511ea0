/**
 * "Did you mean" for values: a guest type, a builder, an enum value, a
 * viridian group, a pool scheduler written with a small typo gets the one
 * clearly closest valid value as an unsafe fix (it guesses intent), as an
 * unknown key does. Two equally close candidates, or none close enough: no
 * fix.
 */
import { describe, expect, it } from "vitest";
import { closestValue } from "../src/index";
import { applyFix, findings } from "./rules/lint-helpers";
import { pool } from "./rules/host-files/helpers";

describe("closestValue", () => {
  it("gives the one candidate within the word's edit budget, case folded, swaps as one edit", () => {
    expect(closestValue("hmv", ["pv", "pvh", "hvm"])).toBe("hvm");
    expect(closestValue("PVHH", ["pv", "pvh", "hvm"])).toBe("pvh");
    expect(closestValue("seabio", ["rombios", "seabios", "ovmf"])).toBe("seabios");
  });

  it("gives nothing on a tie or beyond the budget", () => {
    // pvm is one edit from pv, pvh and hvm alike.
    expect(closestValue("pvm", ["pv", "pvh", "hvm"])).toBeUndefined();
    expect(closestValue("linux", ["pv", "pvh", "hvm"])).toBeUndefined();
    // Two letters: any candidate would match, so none is offered.
    expect(closestValue("hv", ["pv", "hvm"])).toBeUndefined();
  });
});

describe("invalid-type", () => {
  it("offers the HOWTO's `hmv` as `hvm`, unsafely", () => {
    const text = 'name = "domU-id"\ntype=\'hmv\'\n';
    const [found] = findings(text, "invalid-type");
    expect(found?.severity).toBe("error");
    expect(found?.help).toContain("Did you mean `hvm`?");
    expect(found?.fix).toMatchObject({ title: "Replace with `hvm`", safety: "unsafe" });
    expect(applyFix(text, found?.fix)).toBe("name = \"domU-id\"\ntype='hvm'\n");
    expect(findings(applyFix(text, found?.fix), "invalid-type")).toEqual([]);
  });

  it("keeps the safe fix for another case, and gives no fix when no single type is meant", () => {
    expect(findings('type = "HVM"\n', "invalid-type")[0]?.fix?.safety).toBe("safe");
    const [tie] = findings('type = "pvm"\n', "invalid-type");
    expect(tie?.fix).toBeUndefined();
    expect(tie?.help).toContain("Use `pv`, `pvh` or `hvm`.");
    expect(findings('type = "paravirt"\n', "invalid-type")[0]?.fix).toBeUndefined();
  });
});

describe("invalid-builder", () => {
  it("offers a near builder name unsafely, and keeps xm's `linux` fix safe", () => {
    const text = 'name = "g"\nbuilder = "generc"\nkernel = "/k"\n';
    const [found] = findings(text, "invalid-builder");
    expect(found?.help).toContain("Did you mean `generic`?");
    expect(found?.fix?.safety).toBe("unsafe");
    expect(applyFix(text, found?.fix)).toContain('builder = "generic"');
    expect(findings('name = "g"\nbuilder = "linux"\nkernel = "/k"\n', "invalid-builder")[0]?.fix?.safety).toBe("safe");
    expect(findings('name = "g"\nbuilder = "xen"\n', "invalid-builder")[0]?.fix).toBeUndefined();
  });
});

describe("invalid-enum-value", () => {
  it("offers the one close value unsafely, and none when two are as close", () => {
    const hvm = 'name = "w"\ntype = "hvm"\n';
    const [bios] = findings(`${hvm}bios = "seabio"\n`, "invalid-enum-value");
    expect(bios?.help).toContain("Did you mean `seabios`?");
    expect(bios?.fix).toMatchObject({ title: "Replace with `seabios`", safety: "unsafe" });
    expect(findings(`${hvm}hdtype = "scsi"\n`, "invalid-enum-value")[0]?.fix).toBeUndefined();
  });
});

describe("viridian-invalid", () => {
  it("offers the one close group unsafely, keeping a `!`", () => {
    const text = 'name = "w"\ntype = "hvm"\nviridian = [ "base", "time_ref_cnt", "!stimr" ]\n';
    const found = findings(text, "viridian-invalid");
    expect(found.map((d) => d.fix?.title)).toEqual(["Write `time_ref_count`", "Write `!stimer`"]);
    expect(found.every((d) => d.fix?.safety === "unsafe")).toBe(true);
    expect(applyFix(text, found[0]?.fix)).toContain('"time_ref_count"');
    expect(findings('name = "w"\ntype = "hvm"\nviridian = [ "base", "turbo" ]\n', "viridian-invalid")[0]?.fix).toBeUndefined();
  });
});

describe("cpupool-invalid-sched", () => {
  it("offers the one close scheduler unsafely", () => {
    const text = 'name = "pool-rt"\nsched = "rtds2"\ncpus = "4-7"\n';
    const [found] = pool(text, "cpupool-invalid-sched");
    expect(found?.help).toContain("Did you mean `rtds`?");
    expect(found?.fix).toMatchObject({ title: "Write `rtds`", safety: "unsafe" });
    expect(applyFix(text, found?.fix)).toContain('sched = "rtds"');
  });
});
