import { describe, expect, it } from "vitest";
import { evenCpuHost, parseCpuList, resolveCpuList } from "../src/specs/cpulist";
import { detachedSpecText } from "../src/specs/spec-text";
import { CPU_TABLE, randomCpuList, randomJunk } from "./net-helpers";
import { seededRandom } from "./random";

const cpus = (text: string, affinity: "hard" | "soft" = "hard") => parseCpuList(detachedSpecText(text), { affinity });
/** check-xl-vcpupin-parse's example host. */
const HOST_16_2 = evenCpuHost(16, 2);

describe("parseCpuList: check-xl-vcpupin-parse vectors and §5.2 on 16 CPUs / 2 nodes", () => {
  it.each(CPU_TABLE.map((r) => [r.list, r] as const))("%j", (_name, row) => {
    const list = cpus(row.list);
    if (row.error !== undefined) {
      expect(list.valid).toBe(false);
      expect(list.problems.filter((p) => p.effect === "fatal").map((p) => p.code)).toEqual([row.error]);
      expect(resolveCpuList(list, HOST_16_2)).toBeUndefined();
    } else {
      expect(list.valid).toBe(true);
      expect(resolveCpuList(list, HOST_16_2)).toEqual(row.cpus);
    }
  });
});

describe("parseCpuList: elements", () => {
  it("gives each element's parts and spans", () => {
    const text = "0-3,^nodes:1,all,^2";
    const list = cpus(text);
    expect(list.elements.map((e) => [text.slice(e.span.start, e.span.end), e.exclude, e.nodes, e.all])).toEqual([
      ["0-3", false, false, false],
      ["^nodes:1", true, true, false],
      ["all", false, false, true],
      ["^2", true, false, false],
    ]);
    const [first, second] = list.elements;
    expect([first?.first?.value, first?.last?.value]).toEqual([0n, 3n]);
    expect(first?.last?.span).toEqual({ start: 2, end: 3 });
    expect(second?.first?.span).toEqual({ start: 11, end: 12 });
  });

  it("reports every bad element, each fatal, with a reason", () => {
    const list = cpus("3 ,0x1,^all,2-1");
    expect(list.problems.map((p) => [p.code, p.effect])).toEqual([
      ["invalid-range", "fatal"],
      ["invalid-range", "fatal"],
      ["exclude-all", "fatal"],
      ["invalid-range", "fatal"],
    ]);
    expect(list.problems.map((p) => p.message)).toEqual([
      expect.stringContaining("ends with a blank"),
      expect.stringContaining("decimal"),
      expect.stringContaining("Can't combine"),
      expect.stringContaining("backwards"),
    ]);
  });

  it("warns about numbers xl wraps to 32 bits", () => {
    expect(cpus("4294967296").problems.map((p) => [p.code, p.effect])).toEqual([["number-wraps", "silent"]]);
    expect(cpus("-3").problems.map((p) => p.code)).toEqual(["number-wraps"]);
  });

  it("says when the list can select nothing: fatal for cpus, not for cpus_soft", () => {
    expect(cpus("^0").problems.map((p) => [p.code, p.effect])).toEqual([["selects-nothing", "fatal"]]);
    expect(cpus("", "soft").problems.map((p) => [p.code, p.effect])).toEqual([["selects-nothing", "silent"]]);
    expect(cpus("all,^0").problems).toEqual([]);
  });
});

describe("parseCpuList: ranges xl steps through one by one", () => {
  it("says when a range makes xl slow, and when it never finishes", () => {
    expect(cpus("0-100000").problems).toEqual([]);
    expect(cpus("0-2000000000").problems.map((p) => [p.code, p.effect])).toEqual([["huge-range", "silent"]]);
    // `2--3` is 2 up to strtoul("-3") = 2^64-3.
    const hang = cpus("2--3");
    expect(hang.problems.map((p) => [p.code, p.effect])).toEqual([
      ["huge-range", "fatal"],
      ["number-wraps", "silent"],
    ]);
    expect(hang.problems[0]?.message).toContain("never finishes");
    expect(cpus("nodes:0-100000000").problems.map((p) => p.code)).toEqual(["huge-range"]);
  });
});

describe("resolveCpuList: xl's bitmaps", () => {
  it("rounds the cpumap up to whole bytes, so `all` covers missing CPUs", () => {
    expect(resolveCpuList(cpus("all"), evenCpuHost(12, 3))).toEqual([...Array(16).keys()]);
    expect(resolveCpuList(cpus("12-15"), evenCpuHost(12, 3))).toEqual([12, 13, 14, 15]);
    expect(resolveCpuList(cpus("nodes:1"), evenCpuHost(12, 3))).toEqual([4, 5, 6, 7]);
  });

  it("expands nodes only to CPUs below the 64-bit node bitmap", () => {
    const big = evenCpuHost(70, 1);
    expect(resolveCpuList(cpus("nodes:0"), big)).toEqual([...Array(64).keys()]);
    expect(resolveCpuList(cpus("0-69"), big)).toHaveLength(70);
  });

  it("handles huge ranges without looping over them", () => {
    const started = Date.now();
    expect(resolveCpuList(cpus("0-18446744073709551614"), HOST_16_2)).toHaveLength(16);
    // The range passes 2^32, which xl's int turns back into node 0.
    expect(resolveCpuList(cpus("nodes:1-18446744073709551614"), HOST_16_2)).toHaveLength(16);
    expect(resolveCpuList(cpus("nodes:1-4294967295"), HOST_16_2)).toEqual([...Array(8).keys()].map((i) => i + 8));
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe("parseCpuList: never throws", () => {
  it("on 4,000 generated and random lists, with spans inside the text", () => {
    const rand = seededRandom(0xc9);
    for (let i = 0; i < 4000; i++) {
      const text = i % 2 === 0 ? randomCpuList(rand) : randomJunk(rand);
      const list = cpus(text);
      const resolved = resolveCpuList(list, HOST_16_2);
      expect(resolved === undefined).toBe(!list.valid);
      for (const p of list.problems) {
        expect(p.span.start).toBeGreaterThanOrEqual(0);
        expect(p.span.end).toBeLessThanOrEqual(text.length);
      }
    }
  });
});
