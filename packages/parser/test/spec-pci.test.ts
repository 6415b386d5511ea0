import { describe, expect, it } from "vitest";
import { parsePciSpec } from "../src/specs/pci";
import { detachedSpecText } from "../src/specs/spec-text";
import { PCI_TABLE, pciJsonOf, randomJunk, randomPciSpec } from "./net-helpers";
import { seededRandom } from "./random";

const pci = (text: string) => parsePciSpec(detachedSpecText(text));

describe("parsePciSpec: the §5.1 table", () => {
  it.each(PCI_TABLE.map((r) => [r.spec, r] as const))("%j", (_name, row) => {
    const parsed = pci(row.spec);
    const fatal = parsed.problems.filter((p) => p.effect === "fatal");
    if (row.error !== undefined) {
      expect(parsed.accepted).toBe(false);
      expect(fatal.map((p) => p.code)).toEqual([row.error]);
    } else {
      expect(fatal).toEqual([]);
      expect(parsed.accepted).toBe(true);
      expect(pciJsonOf(parsed)).toEqual(row.json);
    }
  });
});

describe("parsePciSpec: fields and spans", () => {
  it("reads every key with its span", () => {
    const text = "0000:03:00.1@5,permissive=1,msitranslate=0,seize=1,power_mgmt=1,rdm_policy=relaxed";
    const parsed = pci(text);
    expect(parsed.bdf?.value).toEqual({ domain: 0, bus: 3, device: 0, function: 1 });
    expect(text.slice(parsed.bdf?.span.start, parsed.bdf?.span.end)).toBe("0000:03:00.1");
    expect(parsed.vslot).toEqual({ value: 5, span: { start: 13, end: 14 } });
    expect([parsed.permissive?.value, parsed.msitranslate?.value, parsed.seize?.value, parsed.powerMgmt?.value]).toEqual([1, 0, 1, 1]);
    expect(text.slice(parsed.rdmPolicy?.span.start, parsed.rdmPolicy?.span.end)).toBe("relaxed");
    expect(parsed.problems).toEqual([]);
  });

  it("reads flags with atoi and says when that is not what was meant", () => {
    const parsed = pci("01:00.0,permissive=yes,seize=true");
    expect([parsed.permissive?.value, parsed.seize?.value]).toEqual([0, 0]);
    expect(parsed.problems.map((p) => [p.code, p.effect])).toEqual([
      ["flag-not-number", "silent"],
      ["flag-not-number", "silent"],
    ]);
  });

  it("reports silent overrides and ignored text", () => {
    const codes = (text: string) => pci(text).problems.map((p) => [p.code, p.effect]);
    expect(codes("bdf=01:02.3@5")).toEqual([["bdf-trailing-ignored", "silent"]]);
    expect(codes("01:02.3,bdf=04:05.6")).toEqual([["duplicate-key", "silent"]]);
    expect(codes("01:02.3,vslot=3z")).toEqual([["vslot-trailing-ignored", "silent"]]);
    expect(codes("01:02.3,rdm_policy=invalid")).toEqual([["rdm-policy-unset", "silent"]]);
  });

  it("explains whitespace, the hex vslot and the man page's own example", () => {
    expect(pci("01:00.0 ").problems[0]?.message).toContain("no spaces");
    expect(pci("01:00.0, seize=1").problems[0]?.message).toContain("remove the spaces");
    const slot = pci("36:00.0@20,seize=1").problems[0];
    expect(slot?.message).toContain("hex");
    expect(slot?.span).toEqual({ start: 7, end: 10 });
  });

  it("flags the BDF without function as undefined behaviour", () => {
    const parsed = pci("01:02,seize=1");
    expect(parsed.undefinedBehaviour).toBe(true);
    expect(parsed.problems.map((p) => [p.code, p.effect])).toEqual([["bdf-missing-function", "fatal"]]);
  });
});

describe("parsePciSpec: never throws", () => {
  it("on 4,000 generated and random specs, with spans inside the text", () => {
    const rand = seededRandom(0x9c1);
    for (let i = 0; i < 4000; i++) {
      const text = i % 2 === 0 ? randomPciSpec(rand) : randomJunk(rand);
      const parsed = pci(text);
      const fatal = parsed.problems.filter((p) => p.effect === "fatal");
      expect(parsed.accepted).toBe(fatal.length === 0);
      expect(fatal.length).toBeLessThanOrEqual(1);
      for (const p of parsed.problems) {
        expect(p.span.start).toBeGreaterThanOrEqual(0);
        expect(p.span.end).toBeLessThanOrEqual(text.length);
        expect(p.span.start).toBeLessThanOrEqual(p.span.end);
      }
    }
  });
});
