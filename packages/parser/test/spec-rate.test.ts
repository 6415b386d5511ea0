import { describe, expect, it } from "vitest";
import { parseRate } from "../src/specs/rate";
import { RATE_TABLE, randomJunk, randomRate } from "./net-helpers";
import { seededRandom } from "./random";

describe("parseRate: the §4.4 table and check-xl-vif-parse", () => {
  it.each(RATE_TABLE.map((r) => [r.rate, r] as const))("%j", (_name, row) => {
    const parsed = parseRate(row.rate);
    const fatal = parsed.problems.filter((p) => p.effect === "fatal");
    if (row.error !== undefined) {
      expect(parsed.limit).toBeUndefined();
      expect(fatal.map((p) => p.code)).toEqual([row.error]);
    } else {
      expect(fatal).toEqual([]);
      expect(parsed.limit).toMatchObject({ bytesPerInterval: row.bytes, intervalUsecs: row.usecs });
    }
  });
});

describe("parseRate: how xl computes", () => {
  it("divides bits by 8 after the multiplier and defaults to a 50 ms interval", () => {
    expect(parseRate("16Kb/s").limit).toEqual({ bytesPerSecond: 2000, intervalUsecs: 50000, bytesPerInterval: 100 });
    expect(parseRate("1b/s").limit).toEqual({ bytesPerSecond: 0, intervalUsecs: 50000, bytesPerInterval: 0 });
  });

  it("reads a leading 0 as octal, and a digit 8 or 9 after it ends the number", () => {
    expect(parseRate("010B/s").limit?.bytesPerSecond).toBe(8);
    // 017 is 15; the `8` is where strtoull stops, so xl sees no multiplier,
    // and `b` two characters on still means bits: 15 / 8 = 1.
    expect(parseRate("0178b/s").limit?.bytesPerSecond).toBe(1);
    expect(parseRate("0178Kb/s").limit?.bytesPerSecond).toBe(15);
    expect(parseRate("1MB/s@018s").limit?.intervalUsecs).toBe(1);
    const octal = parseRate("010MB/s").problems.find((p) => p.code === "rate-octal");
    expect(octal).toMatchObject({ effect: "silent", span: { start: 0, end: 3 } });
    expect(octal?.message).toContain("read as 8");
  });

  it("checks the number before the multiplier and the product after it", () => {
    // With the default 50 ms interval the product already passes 2^64.
    expect(parseRate("4294967295GB/s").problems[0]?.code).toBe("rate-overflow");
    expect(parseRate("4294967295GB/s@1us").limit?.bytesPerSecond).toBe(4294967295e9);
    expect(parseRate("4294967296B/s").problems[0]?.code).toBe("rate-overflow");
    expect(parseRate("4294967295GB/s@4us").limit?.bytesPerInterval).toBe(17179869180000);
    expect(parseRate("4294967295GB/s@5us").problems[0]?.code).toBe("rate-overflow");
  });

  it("warns when the limit rounds down to nothing per interval", () => {
    const rate = parseRate("10B/s@1ms");
    expect(rate.limit?.bytesPerInterval).toBe(0);
    expect(rate.problems.map((p) => [p.code, p.effect])).toEqual([["rate-zero-per-interval", "guest"]]);
    expect(parseRate("20B/s@50ms").problems).toEqual([]);
  });
});

describe("parseRate: spans and messages", () => {
  it("points at the part that is wrong", () => {
    const text = "10MB/s@10h";
    const interval = parseRate(text).problems[0];
    expect(interval?.code).toBe("rate-interval-invalid");
    expect(text.slice(interval?.span.start, interval?.span.end)).toBe("10h");
    const rate = parseRate("10mb/s@50ms").problems[0];
    expect(rate?.span).toEqual({ start: 0, end: 6 });
    expect(rate?.message).toContain("uppercase");
    expect(parseRate("10MB").problems[0]?.message).toContain("/s");
  });

  it("says what xl does and what to write", () => {
    for (const row of RATE_TABLE.filter((r) => r.error)) {
      const message = parseRate(row.rate).problems[0]?.message ?? "";
      expect(message).toMatch(/xl stops/);
      expect(message.length).toBeGreaterThan(40);
    }
  });
});

describe("parseRate: never throws", () => {
  it("on 3,000 generated and random inputs, with spans inside the text", () => {
    const rand = seededRandom(0x5a7e);
    for (let i = 0; i < 3000; i++) {
      const text = i % 2 === 0 ? randomRate(rand) : randomJunk(rand);
      const parsed = parseRate(text);
      expect(parsed.limit === undefined).toBe(parsed.problems.some((p) => p.effect === "fatal"));
      for (const p of parsed.problems) {
        expect(p.span.start).toBeGreaterThanOrEqual(0);
        expect(p.span.end).toBeLessThanOrEqual(text.length);
        expect(p.span.start).toBeLessThanOrEqual(p.span.end);
      }
    }
  });
});
