/**
 * docs/rules/<id>.md is generated from each rule's metadata; this test fails
 * when a page is missing, stale or left over. `UPDATE_DOCS=1` rewrites them.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { allRules, ruleDocMarkdown } from "../src";

const docsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../docs/rules");
const update = process.env["UPDATE_DOCS"] === "1";

function indexPage(): string {
  const rows = allRules.map((r) => `| [${r.id}](${r.id}.md) | ${r.severity} | ${r.category} | ${r.fixable} | ${r.summary} |`);
  return ["# Rules", "", "Generated from the rule modules; `xlint rules` prints the same list.", "", "| rule | default | category | fix | summary |", "|---|---|---|---|---|", ...rows, ""].join("\n");
}

describe("docs/rules", () => {
  const expected = new Map<string, string>(allRules.map((r) => [`${r.id}.md`, ruleDocMarkdown(r)]));
  expected.set("README.md", indexPage());
  if (update) {
    mkdirSync(docsDir, { recursive: true });
    for (const f of existsSync(docsDir) ? readdirSync(docsDir) : []) if (!expected.has(f)) rmSync(path.join(docsDir, f));
    for (const [f, text] of expected) writeFileSync(path.join(docsDir, f), text);
  }
  it("has exactly one page per rule plus the index", () => {
    expect(readdirSync(docsDir).sort()).toEqual([...expected.keys()].sort());
  });
  for (const [file, text] of expected) {
    it(`${file} is up to date (UPDATE_DOCS=1 npm test rewrites it)`, () => {
      expect(readFileSync(path.join(docsDir, file), "utf8")).toBe(text);
    });
  }
});
