/** applyFixes: which fixes one pass takes when their edits meet. */
import { describe, expect, it } from "vitest";
import { applyFixes, type Diagnostic, type Fix } from "../src/index";

const range = { start: { offset: 0, line: 0, column: 0 }, end: { offset: 0, line: 0, column: 0 } };
function finding(fix: Fix): Omit<Diagnostic, "fix"> & { fix: Fix } {
  return { path: "f", rule: "r", severity: "warning", message: "m", range, fix, related: [] };
}
const fix = (safety: "safe" | "unsafe", ...edits: [number, number, string][]): Fix => ({ title: "t", safety, edits: edits.map(([start, end, newText]) => ({ start, end, newText })) });

describe("applyFixes", () => {
  const text = "abcdefghij";

  it("applies fixes that do not meet, whatever order they come in", () => {
    const out = applyFixes(text, [finding(fix("safe", [6, 8, "GH"])), finding(fix("safe", [0, 1, "A"]))], { unsafe: false });
    expect(out.text).toBe("AbcdefGHij");
    expect(out.applied).toHaveLength(2);
  });

  it("leaves a fix whose edits meet an earlier one's for the next pass", () => {
    const out = applyFixes(text, [finding(fix("safe", [2, 5, "X"])), finding(fix("safe", [4, 6, "Y"])), finding(fix("safe", [5, 5, "+"]))], { unsafe: false });
    // [4,6) overlaps [2,5); an insertion at 5 only touches [2,5)'s end, so it goes in.
    expect(out.text).toBe("abX+fghij");
    expect(out.applied).toHaveLength(2);
  });

  it("takes one of two insertions at the same point", () => {
    const out = applyFixes(text, [finding(fix("safe", [3, 3, "1"])), finding(fix("safe", [3, 3, "2"]))], { unsafe: false });
    expect(out.applied).toHaveLength(1);
  });

  it("applies unsafe fixes only when asked, and never edits outside the text", () => {
    expect(applyFixes(text, [finding(fix("unsafe", [0, 1, "A"]))], { unsafe: false }).text).toBe(text);
    expect(applyFixes(text, [finding(fix("unsafe", [0, 1, "A"]))], { unsafe: true }).text).toBe("Abcdefghij");
    expect(applyFixes(text, [finding(fix("safe", [8, 20, "!"]))], { unsafe: true }).applied).toHaveLength(0);
  });
});
