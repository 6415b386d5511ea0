import { describe, expect, it } from "vitest";
import { describeMac, formatMac, parseMac } from "../src/specs/mac";
import { randomJunk, randomMac } from "./net-helpers";
import { seededRandom } from "./random";

/** MAC text → what xl's reader stores and whether it complains (§4.3; confirmed through vifs in spec-net-oracle). */
const XL_READS: readonly [string, string | undefined, "ok" | "invalid" | "undefined"][] = [
  ["00:16:3e:01:02:03", "00:16:3e:01:02:03", "ok"],
  ["AA:BB:CC:DD:EE:FF", "aa:bb:cc:dd:ee:ff", "ok"],
  ["00-16-3e-1-2-3", "00:16:3e:01:02:03", "ok"],
  ["0:16:3e:1:2:3", "00:16:3e:01:02:03", "ok"],
  ["0x1:0x2:3:4:5:6", "01:02:03:04:05:06", "ok"],
  [" 1:2:3:4:5:6", "01:02:03:04:05:06", "ok"],
  ["+1:-0:3:4:5:6", "01:00:03:04:05:06", "ok"],
  ["100000001:2:3:4:5:6", "01:02:03:04:05:06", "ok"],
  ["1:2:3:4:5:6:7:8", "01:02:03:04:05:06", "ok"],
  ["1x2x3x4x5x6", "01:02:03:04:05:06", "ok"],
  ["-1:2:3:4:5:6", undefined, "invalid"],
  ["0xg:1:2:3:4:5", "00", "invalid"],
  ["100:2:3:4:5:6", undefined, "invalid"],
  ["1::2:3:4:5:6", "01", "invalid"],
  ["00:16:3e:zz:00:01", "00:16:3e", "invalid"],
  ["1:2:3:4:5:", "01:02:03:04:05", "invalid"],
  ["ZZ", undefined, "invalid"],
  ["", undefined, "invalid"],
  ["1:2:3:4:5", "01:02:03:04:05", "undefined"],
];

describe("parseMac: xl's lenient reader", () => {
  it.each(XL_READS)("%j", (text, stored, outcome) => {
    const mac = parseMac(text);
    expect(mac.xl.outcome).toBe(outcome);
    expect(mac.xl.stored.length ? formatMac(mac.xl.stored) : undefined).toBe(stored);
    expect(mac.address?.canonical).toBe(outcome === "ok" ? stored : undefined);
  });

  it("reads on into the rest of the vif spec when the text has fewer than six octets", () => {
    // strtok has replaced only the comma after the item, so xl's reader finds
    // "bridge=br0": `b` is hex 0b, then `r` is skipped and `i` is no number.
    const short = parseMac("1:2:3", { after: "bridge=br0" });
    expect(short.xl).toMatchObject({ outcome: "invalid", stored: [1, 2, 3, 11], readPastEnd: true });
    expect(short.problems.map((p) => [p.code, p.effect])).toEqual([["mac-incomplete", "warning"]]);
    // A blank after the comma is skipped by strtoul, so the sixth octet is found.
    const five = parseMac("1:2:3:4:5", { after: " 6" });
    expect(five.xl).toMatchObject({ outcome: "ok", stored: [1, 2, 3, 4, 5, 6], readPastEnd: true });
    expect(five.problems.map((p) => [p.code, p.effect])).toEqual([["mac-incomplete", "silent"]]);
    expect(five.address).toBeUndefined();
    const last = parseMac("1:2:3:4:5");
    expect(last.problems[0]?.message).toContain("undefined behaviour");
  });

  it("keeps spans of the groups inside the text", () => {
    expect(parseMac("0:16:3e:1:2:3").xl.groups).toEqual([
      { start: 0, end: 1 },
      { start: 2, end: 4 },
      { start: 5, end: 7 },
      { start: 8, end: 9 },
      { start: 10, end: 11 },
      { start: 12, end: 13 },
    ]);
  });
});

describe("parseMac: checks", () => {
  it("accepts only xx:xx:xx:xx:xx:xx as strict", () => {
    expect(parseMac("00:16:3E:aa:bb:cc").strict).toBe(true);
    for (const text of ["0:16:3e:1:2:3", "00-16-3e-01-02-03", "00:16:3e:01:02:03:", "00:16:3e:01:02:033", "0016.3e01.0203"]) {
      expect(parseMac(text).strict).toBe(false);
    }
  });

  it("reports each kind of problem with its effect", () => {
    const codes = (text: string): string[][] => parseMac(text).problems.map((p) => [p.code, p.effect]);
    expect(codes("00:16:3e:01:02:03")).toEqual([]);
    expect(codes("02:00:00:00:00:01")).toEqual([]);
    expect(codes("00-16-3e-01-02-03")).toEqual([["mac-nonstandard", "silent"]]);
    expect(codes("100000000:16:3e:4:5:6")).toEqual([["mac-octet-wraps", "silent"]]);
    expect(codes("00:16:3e:01:02:03:04")).toEqual([["mac-trailing-ignored", "silent"]]);
    expect(codes("00:16:3e:zz:00:01")).toEqual([["mac-invalid", "warning"]]);
    expect(codes("01:00:5e:00:00:01")).toEqual([["mac-multicast", "guest"]]);
    expect(codes("ff:ff:ff:ff:ff:ff")).toEqual([["mac-multicast", "guest"]]);
    expect(codes("00:00:00:00:00:00")).toEqual([["mac-zero", "silent"]]);
  });

  it("points mac-invalid at the first octet xl cannot read", () => {
    const text = "00:16:3e:zz:00:01";
    const problem = parseMac(text).problems[0];
    expect(text.slice(problem?.span.start, problem?.span.end)).toBe("zz:00:01");
    expect(problem?.message).toContain("Invalid parameter");
  });
});

describe("describeMac", () => {
  it("classifies multicast, locally administered, broadcast, zero and Xen's OUI", () => {
    expect(describeMac([0x00, 0x16, 0x3e, 1, 2, 3])).toMatchObject({ xenOui: true, multicast: false, locallyAdministered: false });
    expect(describeMac([0x02, 0, 0, 0, 0, 1])).toMatchObject({ xenOui: false, multicast: false, locallyAdministered: true });
    expect(describeMac([0x33, 0x33, 0, 0, 0, 1])).toMatchObject({ multicast: true, locallyAdministered: true, broadcast: false });
    expect(describeMac([255, 255, 255, 255, 255, 255])).toMatchObject({ multicast: true, broadcast: true });
    expect(describeMac([0, 0, 0, 0, 0, 0])).toMatchObject({ zero: true, multicast: false });
  });

  it("gives one canonical form for every spelling xl reads the same", () => {
    const spellings = ["00:16:3E:0A:0B:0C", "00-16-3e-a-b-c", "0:16:3e:0xa:b:c", "00:16:3e:0a:0b:0c"];
    expect(new Set(spellings.map((s) => parseMac(s).address?.canonical))).toEqual(new Set(["00:16:3e:0a:0b:0c"]));
  });
});

describe("parseMac: never throws", () => {
  it("on 3,000 generated and random inputs", () => {
    const rand = seededRandom(0x3ac);
    for (let i = 0; i < 3000; i++) {
      const text = i % 2 === 0 ? randomMac(rand) : randomJunk(rand);
      const mac = parseMac(text, i % 3 === 0 ? { after: randomJunk(rand) } : {});
      expect(mac.xl.stored.length).toBeLessThanOrEqual(6);
      expect(mac.xl.stored.every((o) => o >= 0 && o <= 255)).toBe(true);
      for (const p of mac.problems) {
        expect(p.span.start).toBeGreaterThanOrEqual(0);
        expect(p.span.end).toBeLessThanOrEqual(text.length);
      }
    }
  });
});
