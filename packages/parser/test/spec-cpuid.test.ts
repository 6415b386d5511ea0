/**
 * `cpuid` in both forms (reference §5.6, xl.cfg(5) "cpuid"): the name table,
 * the libxl string form, the xend list form, and a no-throw fuzz. The names
 * themselves are checked against real xl in spec-devices-oracle.test.ts.
 */
import { describe, expect, it } from "vitest";
import { cpuidNames, lookupCpuidName, parseCpuid, parseCpuidList, parseCpuidString, parseCpuidXend } from "../src/specs/cpuid";
import { CPUID_FEATURE_NAMES, CPUID_NAMES_NOT_IN_DEBIAN_4_17, LEGACY_CPUID_FIELDS } from "../src/specs/cpuid-names";
import { detachedItems } from "../src/specs/dev-common";
import { detachedSpecText as d, type SpecProblem, type SpecText } from "../src/specs/spec-text";
import { codesOf } from "./devices-helpers";
import { seededRandom } from "./random";

const BITS = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx0";
const slice = (spec: SpecText, span: { start: number; end: number } | undefined): string => (span ? spec.text.slice(span.start, span.end) : "");

describe("the name table", () => {
  it("has the man page's list of names taking a number, and only those", () => {
    const numeric = LEGACY_CPUID_FIELDS.filter(([, width]) => width > 1).map(([name]) => name).sort();
    expect(numeric).toEqual(["apicidsize", "brandid", "clflush", "family", "localapicid", "maxhvleaf", "maxleaf", "model", "nc", "proccount", "procpkg", "stepping"]);
  });

  it("spells feature names in lowercase with dashes, sorted like xl's binary search needs", () => {
    for (const [name] of CPUID_FEATURE_NAMES) expect(name).toMatch(/^[a-z0-9][a-z0-9-]*$/);
    const names = CPUID_FEATURE_NAMES.map(([name]) => name);
    expect([...names].sort()).toEqual(names);
    expect(new Set(names).size).toBe(names.length);
    expect(names).not.toContain(CPUID_NAMES_NOT_IN_DEBIAN_4_17[0]);
  });

  it("looks names up as xl does: libxl's table first, then the feature names", () => {
    expect(lookupCpuidName("clflush")).toEqual({ name: "clflush", kind: "field", width: 8 });
    expect(lookupCpuidName("clfsh")).toMatchObject({ kind: "bit" });
    expect(lookupCpuidName("lahf-lm")).toMatchObject({ kind: "bit" });
    expect(lookupCpuidName("lahfsahf")).toMatchObject({ kind: "bit" });
    expect(lookupCpuidName("sse4.1")).toMatchObject({ kind: "bit" });
    expect(lookupCpuidName("rdcl-no")).toMatchObject({ kind: "msr-bit" });
    expect(lookupCpuidName("LAHF-LM")).toBeUndefined();
    expect(lookupCpuidName("lahf_lm")).toBeUndefined();
    expect(cpuidNames()).toContain("avx512f");
  });
});

describe("the libxl string form", () => {
  it("reads flags with their spans", () => {
    const spec = d("host,tm=0,sse3=x,family=0x6,rdcl-no=k");
    const policy = parseCpuidString(spec);
    expect(policy.problems).toEqual([]);
    expect(policy.settings.map((s) => [s.name.value, s.kind, s.value.value, s.stored])).toEqual([
      ["tm", "bit", "0", 0n],
      ["sse3", "bit", "x", undefined],
      ["family", "field", "0x6", 6n],
      ["rdcl-no", "msr-bit", "k", undefined],
    ]);
    expect(slice(spec, policy.settings[2]?.value.span)).toBe("0x6");
  });

  it.each([
    ["", []],
    [",,", []],
    ["host", []],
    ["Host,tm=0", ["warning:first-word-not-host"]],
    [" host,tm=0", ["warning:first-word-not-host"]],
    ["host, tm=0", ["warning:unknown-flag"]],
    ["host,tm", ["warning:missing-equals"]],
    ["host,=1", ["warning:unknown-flag"]],
    ["host,tm=", ["warning:bad-value"]],
    ["host,tm=y", ["warning:bad-value"]],
    ["host,tm=xyz", ["silent:value-with-junk"]],
    ["host,tm=1junk", ["silent:value-with-junk"]],
    ["host,tm=3", ["silent:value-truncated"]],
    ["host,stepping=16", ["silent:value-truncated"]],
    ["host,family=x", []],
    ["host,rdcl-no=11", ["warning:bad-value"]],
    ["host,rdcl-no=1", []],
    ["host,srso-us-no=1", ["warning:unknown-flag"]],
    ["host,tm=0,tm=1,foo=1,bar", ["warning:missing-equals", "warning:unknown-flag"]],
  ])("%j gives %j", (text, expected) => {
    expect(codesOf(parseCpuidString(d(text)).problems)).toEqual([...expected].sort());
  });

  it("stores family the way libxl splits it into base and extended family", () => {
    const family = (n: number): bigint | undefined => parseCpuidString(d(`host,family=${n}`)).settings[0]?.stored;
    expect(family(6)).toBe(6n);
    expect(family(0x17)).toBe(0x17n);
    expect(family(0x19)).toBe(0x19n);
    // 128..142: the extension's top bit comes from the number itself, not from family - 15.
    expect(family(130)).toBe(258n);
    expect(codesOf(parseCpuidString(d("host,family=130")).problems)).toEqual(["silent:value-truncated"]);
  });

  it("hints at the right spelling of a feature name", () => {
    expect(parseCpuidString(d("host,LAHF_LM=1")).problems[0]?.message).toContain("`lahf-lm`");
    expect(parseCpuidString(d("host,srso-us-no=1")).problems[0]?.message).toContain("Debian");
  });
});

describe("the xend list form", () => {
  it("reads leaf, subleaf and registers with spans", () => {
    const spec = d(`0x7,0:ebx=${BITS}, \necx=${BITS.replace("0", "1")}`);
    const leaf = parseCpuidXend(spec);
    expect(leaf.problems).toEqual([]);
    expect(leaf.leaf?.value).toBe(7n);
    expect(leaf.subleaf?.value).toBe(0n);
    expect(leaf.registers.map((r) => [r.register.value, r.bits.value.length])).toEqual([
      ["ebx", 32],
      ["ecx", 32],
    ]);
    expect(slice(spec, leaf.registers[1]?.register.span)).toBe("ecx");
  });

  it.each([
    [`1:eax=${BITS}`, []],
    [`1:eax=${BITS},`, []],
    [`x:eax=${BITS}`, ["warning:bad-leaf"]],
    [`1,:eax=${BITS}`, ["warning:bad-subleaf"]],
    [`1;eax=${BITS}`, ["warning:missing-colon"]],
    [`1:`, []],
    [`1:e`, ["warning:bad-register"]],
    [`1:eex=${BITS}`, ["warning:bad-register"]],
    [`1:eax${BITS}`, ["warning:bad-register"]],
    [`1:eaxjunk=${BITS}`, ["silent:register-with-junk"]],
    [`1:eax=${BITS}x`, ["warning:bad-length"]],
    [`1:eax=${BITS},ebx=${BITS.slice(1)}`, ["warning:bad-length"]],
    [`1:eax=${BITS.replace("0", "2")}`, ["libxl-fatal:bad-bit-character"]],
  ])("%j gives %j", (text, expected) => {
    expect(codesOf(parseCpuidXend(d(text)).problems)).toEqual([...expected].sort());
  });

  it("stops at the first item that is not a string, as xl does", () => {
    const policy = parseCpuidList(detachedItems([`1:eax=${BITS}`, [`2:eax=${BITS}`], `3:eax=${BITS}`]));
    expect(policy.leaves.map((l) => l.leaf?.value)).toEqual([1n]);
    expect(policy.problems.map((p) => [p.path, p.code])).toEqual([[[1], "nested-list-item"]]);
  });

  it("picks the form from the value's shape", () => {
    expect("settings" in parseCpuid(d("host,tm=0"))).toBe(true);
    expect("leaves" in parseCpuid(detachedItems([`1:eax=${BITS}`]))).toBe(true);
  });
});

describe("no-throw fuzz", () => {
  const pieces = ["host", ",", "=", "tm", "family", "rdcl-no", "0", "1", "x", "k", "s", "0x", ":", "eax", "ebx", "e", " ", "\n", "7", BITS, "-", "z"];
  const random = seededRandom(2024);
  const randomText = (): string => Array.from({ length: Math.floor(random() * 10) }, () => pieces[Math.floor(random() * pieces.length)]).join("");
  const inside = (problems: readonly SpecProblem[], length: number): boolean => problems.every((p) => p.span.start >= 0 && p.span.start <= p.span.end && p.span.end <= length);

  it("parseCpuidString and parseCpuidXend never throw (3,000 random strings each)", () => {
    for (let i = 0; i < 3000; i++) {
      const text = randomText();
      expect(inside(parseCpuidString(d(text)).problems, text.length)).toBe(true);
      expect(inside(parseCpuidXend(d(text)).problems, text.length)).toBe(true);
    }
  });
});
