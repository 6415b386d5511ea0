/**
 * Golden diagnostics for our own fixtures in test-corpus/: each NAME.cfg has
 * NAME.expected beside it with every finding (range, severity, code,
 * message, and the help on an indented line below). `UPDATE_GOLDEN=1 npx vitest run golden` rewrites them; review the
 * diff before committing. File names say the verdict: `ok-*` files must have
 * no error, `bad-*` files at least one.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { decodeFileBytes, type ParseDiagnostic } from "../src/index";
import { check, repoRoot, testCorpus, walkFiles } from "./helpers";

function render(diagnostics: readonly ParseDiagnostic[]): string {
  return diagnostics
    .map((d) => {
      const { start, end } = d.range;
      const help = d.help === undefined ? "" : `\n    help: ${d.help}`;
      return `${start.line + 1}:${start.column + 1}-${end.line + 1}:${end.column + 1} ${d.severity} ${d.code}: ${d.message}${help}`;
    })
    .join("\n");
}

const fixtures = walkFiles(testCorpus, (f) => f.endsWith(".cfg"));

describe("golden diagnostics of test-corpus", () => {
  it.each(fixtures.map((f) => [path.relative(repoRoot, f), f]))("%s", (_rel, file) => {
    const { text, encoding } = decodeFileBytes(readFileSync(file));
    const result = check(text, encoding);
    const actual = render(result.diagnostics) + "\n";
    const expectedFile = file.replace(/\.cfg$/, ".expected");
    // Only an explicit 1 rewrites: UPDATE_GOLDEN=0 (or any other value) must still compare.
    if (process.env["UPDATE_GOLDEN"] === "1") writeFileSync(expectedFile, actual);
    expect(existsSync(expectedFile), `${expectedFile} is missing: run with UPDATE_GOLDEN=1 and review it`).toBe(true);
    expect(actual).toBe(readFileSync(expectedFile, "utf8"));

    const base = path.basename(file);
    if (base.startsWith("ok-")) expect(result.accepted).toBe(true);
    if (base.startsWith("bad-")) expect(result.accepted).toBe(false);
  });
});
