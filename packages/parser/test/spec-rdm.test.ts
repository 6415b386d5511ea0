import { describe, expect, it } from "vitest";
import { parseRdm } from "../src/specs/rdm";
import { detachedSpecText } from "../src/specs/spec-text";
import { RDM_TABLE, randomJunk, randomRdm } from "./net-helpers";
import { seededRandom } from "./random";

const rdm = (text: string) => parseRdm(detachedSpecText(text));

describe("parseRdm: the §5.4 table, 4.17 bug included", () => {
  it.each(RDM_TABLE.map((r) => [r.value, r] as const))("%j", (_name, row) => {
    const parsed = rdm(row.value);
    expect(parsed.applied).toBe(row.applied);
    expect(parsed.applied ? parsed.strategy?.value : undefined).toBe(row.strategy);
    expect(parsed.problems.filter((p) => p.effect === "warning")).toHaveLength(row.messages);
    if (row.code) expect(parsed.problems.map((p) => p.code)).toContain(row.code);
    else expect(parsed.problems).toEqual([]);
  });
});

describe("parseRdm: effects and spans", () => {
  it("makes a valid policy drop the value silently, and points at it", () => {
    const text = "strategy=host,policy=relaxed";
    const parsed = rdm(text);
    const problem = parsed.problems[0];
    expect(problem).toMatchObject({ code: "policy-drops-value", effect: "silent" });
    expect(text.slice(problem?.span.start, problem?.span.end)).toBe("policy=relaxed");
    expect(problem?.message).toContain("rdm_policy=");
    expect(parsed.policy?.value).toBe("relaxed");
  });

  it("points at the trailing comma and the unknown key", () => {
    expect(rdm("strategy=host,").problems[0]).toMatchObject({ code: "trailing-comma", effect: "silent", span: { start: 13, end: 14 } });
    expect(rdm("strategy=host,mode=x").problems[0]).toMatchObject({ code: "unknown-key", effect: "warning", span: { start: 14, end: 18 } });
  });

  it("never makes xl stop", () => {
    const rand = seededRandom(0x4d);
    for (let i = 0; i < 3000; i++) {
      const text = i % 2 === 0 ? randomRdm(rand) : randomJunk(rand);
      const parsed = rdm(text);
      expect(parsed.problems.some((p) => p.effect === "fatal")).toBe(false);
      for (const p of parsed.problems) {
        expect(p.span.start).toBeGreaterThanOrEqual(0);
        expect(p.span.end).toBeLessThanOrEqual(text.length);
      }
    }
  });
});
