/**
 * Numbers and UUIDs as xl reads them: the glibc conversions xl relies on,
 * numeric settings (xlu_cfg_get_long and its bounded form), memory sizes and
 * UUIDs. The expected results are glibc's and xl's (checked with xl-oracle;
 * the oracle comparison itself runs in spec-devices-oracle.test.ts).
 */
import { describe, expect, it } from "vitest";
import { detachedSpecText as d } from "../src/specs/spec-text";
import {
  C_LONG_MAX,
  C_LONG_MIN,
  C_ULONG_MAX,
  glibcAtoi,
  glibcScanHex,
  glibcScanUnsigned,
  glibcStrtol,
  glibcStrtoul,
  parseUuid,
  readMemoryMiB,
  readXlNumber,
  uuidErrorIndex,
  xlNumberOptionsFor,
} from "../src/specs/values";
import { codesOf } from "./devices-helpers";
import { seededRandom } from "./random";

describe("glibc conversions", () => {
  it.each([
    ["12", 10, 12n, 2, false],
    ["  12abc", 10, 12n, 4, false],
    ["+7", 10, 7n, 2, false],
    ["-1", 10, C_ULONG_MAX, 2, false],
    ["-2", 10, C_ULONG_MAX - 1n, 2, false],
    ["18446744073709551615", 10, C_ULONG_MAX, 20, false],
    ["18446744073709551616", 10, C_ULONG_MAX, 20, true],
    ["abc", 10, 0n, 0, false],
    ["", 10, 0n, 0, false],
    ["   ", 10, 0n, 0, false],
    ["0x1f", 0, 31n, 4, false],
    ["0X1F", 16, 31n, 4, false],
    ["1f", 16, 31n, 2, false],
    ["0x", 0, 0n, 1, false],
    ["0xg", 16, 0n, 1, false],
    ["010", 0, 8n, 3, false],
    ["08", 0, 0n, 1, false],
    ["0x10", 10, 0n, 1, false],
  ] as const)("strtoul(%j, base %i) = %s, end %i", (text, base, value, end, overflow) => {
    expect(glibcStrtoul(text, 0, base)).toMatchObject({ value, end, overflow });
  });

  it.each([
    ["9223372036854775807", C_LONG_MAX, false],
    ["9223372036854775808", C_LONG_MAX, true],
    ["-9223372036854775808", C_LONG_MIN, false],
    ["-9223372036854775809", C_LONG_MIN, true],
    ["-0x10", -16n, false],
    [" -010", -8n, false],
  ] as const)("strtol(%j, base 0) = %s", (text, value, overflow) => {
    expect(glibcStrtol(text, 0, 0)).toMatchObject({ value, overflow });
  });

  it("atoi truncates strtol's long to an int", () => {
    expect(glibcAtoi("42x")).toBe(42);
    expect(glibcAtoi("yes")).toBe(0);
    expect(glibcAtoi("2147483648")).toBe(-2147483648);
    expect(glibcAtoi("-1")).toBe(-1);
  });

  it("scans hex like sscanf's %lx, consuming a bare 0x", () => {
    expect(glibcScanHex("0x", 0)).toEqual({ kind: "ok", value: 0n, end: 2 });
    expect(glibcScanHex("0xg", 0)).toEqual({ kind: "ok", value: 0n, end: 2 });
    expect(glibcScanHex(" fe000,", 0)).toEqual({ kind: "ok", value: 0xfe000n, end: 6 });
    expect(glibcScanHex("-1", 0)).toEqual({ kind: "ok", value: C_ULONG_MAX, end: 2 });
    expect(glibcScanHex("ffffffffffffffffff", 0)).toMatchObject({ kind: "ok", value: C_ULONG_MAX });
    expect(glibcScanHex("  ", 0)).toEqual({ kind: "input-failure" });
    expect(glibcScanHex("g", 0)).toEqual({ kind: "mismatch" });
    expect(glibcScanHex("-", 0)).toEqual({ kind: "mismatch" });
  });

  it("scans %u into 32 bits", () => {
    expect(glibcScanUnsigned("1920x", 0)).toEqual({ kind: "ok", value: 1920n, end: 4 });
    expect(glibcScanUnsigned("-1", 0)).toEqual({ kind: "ok", value: 4294967295n, end: 2 });
    expect(glibcScanUnsigned("4294967296", 0)).toEqual({ kind: "ok", value: 0n, end: 10 });
    expect(glibcScanUnsigned("wide", 0)).toEqual({ kind: "mismatch" });
    expect(glibcScanUnsigned(" ", 0)).toEqual({ kind: "input-failure" });
  });
});

describe("readXlNumber", () => {
  it.each([
    ["512", 512n, []],
    ["0x200", 512n, []],
    ["010", 8n, ["silent:octal-number"]],
    [" 512", 512n, []],
    ["+5", 5n, []],
    ["-1", -1n, []],
    ["0", 0n, []],
    ["512M", undefined, ["warning:not-a-number"]],
    ["512 ", undefined, ["warning:not-a-number"]],
    ["08", undefined, ["warning:not-a-number"]],
    ["0x", undefined, ["warning:not-a-number"]],
    ["", undefined, ["warning:not-a-number"]],
    ["1e3", undefined, ["warning:not-a-number"]],
    ["99999999999999999999", undefined, ["warning:number-out-of-range"]],
  ] as const)("memory = %j reads as %s", (text, value, expected) => {
    const read = readXlNumber(text, xlNumberOptionsFor("memory"));
    expect(read.value).toBe(value);
    expect(codesOf(read.problems)).toEqual(expected);
  });

  it("refuses `+=` for numbers", () => {
    expect(codesOf(readXlNumber("5", xlNumberOptionsFor("memory", "+=")).problems)).toEqual(["warning:append-to-number"]);
  });

  it("makes xl exit silently for the grant table limits, with their bounds", () => {
    const grant = (text: string) => readXlNumber(text, xlNumberOptionsFor("max_grant_frames"));
    expect(grant("32").value).toBe(32n);
    expect(grant("2147483647").value).toBe(2147483647n);
    expect(codesOf(grant("2147483648").problems)).toEqual(["fatal:number-above-maximum"]);
    expect(codesOf(grant("-1").problems)).toEqual(["fatal:number-below-minimum"]);
    expect(codesOf(grant("x").problems)).toEqual(["fatal:not-a-number"]);
    expect(grant("x").problems[0]?.message).toContain("without printing any message");
    expect(xlNumberOptionsFor("maxvcpus").onFailure).toBe("ignore");
  });

  it("explains the usual mistakes", () => {
    expect(readXlNumber("2G").problems[0]?.message).toContain("size suffixes");
    expect(readXlNumber("09").problems[0]?.message).toContain("octal");
    const junk = readXlNumber("12abc").problems[0];
    expect(junk?.span).toEqual({ start: 2, end: 5 });
  });
});

describe("readMemoryMiB", () => {
  it("hands libxl the size in KiB, wrapped as C does", () => {
    expect(readMemoryMiB("512")).toMatchObject({ mib: 512n, kib: 524288n, problems: [] });
    const negative = readMemoryMiB("-1");
    expect(negative.kib).toBe(18446744073709550592n);
    expect(codesOf(negative.problems)).toEqual(["libxl-fatal:negative-memory"]);
    const huge = readMemoryMiB("9007199254740993");
    expect(huge.kib).toBe(9223372036854776832n);
    expect(codesOf(huge.problems)).toEqual(["libxl-fatal:memory-overflow"]);
    expect(readMemoryMiB("1G")).toMatchObject({ mib: undefined, kib: undefined });
  });
});

describe("parseUuid", () => {
  const good = "0c0bc8a8-2b5d-4d5c-9c1e-1a2b3c4d5e6f";
  it.each([
    [good, []],
    [good.toUpperCase(), []],
    ["00000000-0000-0000-0000-000000000000", ["silent:nil-uuid"]],
    [`{${good}}`, ["fatal:bad-uuid"]],
    [good.replace(/-/g, ""), ["fatal:bad-uuid"]],
    [` ${good.slice(1)}`, ["fatal:bad-uuid"]],
    [`${good} `, ["fatal:bad-uuid"]],
    [good.replace("c", "g"), ["fatal:bad-uuid"]],
    ["", ["fatal:bad-uuid"]],
  ])("%j gives %j", (text, expected) => {
    expect(codesOf(parseUuid(d(text)).problems)).toEqual(expected);
  });

  it("lowercases the value, reads a UUID inside a longer spec, and says where it goes wrong", () => {
    const spec = d(`uuid=${good.toUpperCase()}`);
    expect(parseUuid(spec, { start: 5, end: spec.text.length }).value).toEqual({ value: good, span: { start: 5, end: 41 } });
    expect(uuidErrorIndex(good.replace("2b5d", "2b5z"))).toBe(12);
    expect(parseUuid(d(good.replace("-4d5c", "x4d5c"))).problems[0]?.message).toContain("should be a dash");
  });
});

describe("no-throw fuzz", () => {
  it("the readers never throw on random text (5,000 strings)", () => {
    const random = seededRandom(77);
    const chars = ["0", "1", "7", "8", "9", "a", "f", "x", "X", "-", "+", " ", "\t", "M", "g", "."];
    for (let i = 0; i < 5000; i++) {
      const text = Array.from({ length: Math.floor(random() * 24) }, () => chars[Math.floor(random() * chars.length)]).join("");
      for (const base of [0, 10, 16] as const) {
        const read = glibcStrtoul(text, 0, base);
        expect(read.end).toBeGreaterThanOrEqual(0);
        expect(read.end).toBeLessThanOrEqual(text.length);
        expect(read.value <= C_ULONG_MAX && read.value >= 0n).toBe(true);
      }
      const number = readXlNumber(text);
      expect(number.value === undefined || (number.value >= C_LONG_MIN && number.value <= C_LONG_MAX)).toBe(true);
      readMemoryMiB(text);
      parseUuid(d(text));
      glibcScanHex(text, 0);
      glibcScanUnsigned(text, 0);
    }
  });
});
