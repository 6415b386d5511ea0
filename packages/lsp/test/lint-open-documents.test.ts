import { allRules, type FileRule } from "@xlint/linter";
import { describe, expect, it } from "vitest";
import { DocumentPaths } from "../src/workspace/document-paths";
import { lintOpenDocuments } from "../src/workspace/lint-open-documents";
import { GUEST_A, GUEST_B } from "./fixtures";

const A = "file:///ws/alpha.cfg";
const B = "file:///ws/beta.cfg";

/** A rule with a bug: it throws on any file that mentions "explode". */
const explodingRule: FileRule = {
  scope: "file",
  id: "exploding-test-rule",
  severity: "warning",
  category: "suspicious",
  fixable: "none",
  summary: "Throws, to test how the server survives a broken rule",
  docs: { description: "For tests only.", invalid: [], valid: [] },
  check(context) {
    if (context.text.includes("explode")) throw new Error("the rule broke\nwith a second line");
  },
};

describe("lintOpenDocuments", () => {
  it("lints the open documents together, naming them relative to the workspace folder", () => {
    const results = lintOpenDocuments(
      [
        { uri: A, version: 3, text: GUEST_A },
        { uri: B, version: 1, text: GUEST_B },
      ],
      new DocumentPaths(["/ws"]),
    );
    expect(results.map((r) => [r.uri, r.version])).toEqual([
      [A, 3],
      [B, 1],
    ]);
    const mac = results[0]?.findings.find((f) => f.rule === "duplicate-mac");
    expect(mac?.related[0]?.path).toBe("beta.cfg");
  });

  it("keeps the other documents' findings when a rule throws on one", () => {
    const broken = `${GUEST_B}# explode\n`;
    const results = lintOpenDocuments(
      [
        { uri: A, version: 1, text: GUEST_A },
        { uri: B, version: 1, text: broken },
      ],
      new DocumentPaths(["/ws"]),
      [...allRules, explodingRule],
    );
    expect(results[0]?.failure).toBeUndefined();
    expect(results[0]?.findings.some((f) => f.rule === "duplicate-key")).toBe(true);
    expect(results[1]?.findings).toEqual([]);
    expect(results[1]?.failure?.message).toBe("the rule broke");
    expect(results[1]?.failure?.detail).toContain("with a second line");
  });
});
