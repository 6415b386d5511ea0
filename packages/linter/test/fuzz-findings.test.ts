/**
 * Replays what the fuzzer found (fuzz-findings/, see its README) through the
 * fuzzer's own checks, so a fixed bug stays fixed; and, so that the test
 * means something even with no fixture, a handful of inputs known to be hard
 * on lexers, list recovery, the formatter and the fix loop.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCase, type FuzzCase } from "./fuzz/checks";
import { findingsDir, readFixtures } from "./fuzz/findings";

/** The fuzzer's default limit per case, with room for a loaded test machine. */
const TIME_LIMIT_MS = 5000;

function replay(c: FuzzCase): void {
  const started = performance.now();
  const { violations } = runCase(c);
  expect(violations).toEqual([]);
  expect(performance.now() - started).toBeLessThan(TIME_LIMIT_MS);
}

describe("fuzz findings", () => {
  it("the folder says what its fixtures are", () => {
    const readme = path.join(findingsDir, "README.md");
    expect(existsSync(readme)).toBe(true);
    expect(readFileSync(readme, "utf8")).toContain("NAME.json");
  });

  for (const fixture of readFixtures(findingsDir)) {
    it(`${fixture.name} (${fixture.meta.signatures[0] ?? "?"}) holds every invariant now`, () => replay(fixture.case));
  }
});

const domain = (text: string, encoding: FuzzCase["encoding"] = "utf8"): FuzzCase => ({ text, encoding, kind: "domain", host: "default" });

describe("known tricky inputs hold every invariant", () => {
  const cases: [string, FuzzCase][] = [
    ["nothing at all", domain("")],
    ["a lone byte-order mark", domain("\uFEFF")],
    ["a lone carriage return, and one after a value", domain('\rname = "a"\r')],
    ["CRLF line endings", domain('name = "a"\r\nmemory = 512\r\n')],
    ["NUL bytes", domain('name = "a\0"\n\0')],
    ["a comment without a final newline", domain('name = "a"\n# end')],
    ["a backslash right before the end", domain('name = "a\\')],
    ["an unclosed list, then more keys", domain('disk = [ "phy:/dev/x,xvda,w",\nname = "a"\nmemory = 1\n')],
    // xl reads bare nesting up to 4,996 deep; the formatter refuses a few thousand levels (its printer
    // recurses), so this stays below that. `xlint dump` prints even 4,996 levels (oracle-json.ts).
    ["lists nested 1,000 deep", domain(`a = ${"[".repeat(1000)}${"]".repeat(1000)}\n`)],
    ["a list item on each of a thousand lines", domain(`cpus = [\n${'"1",\n'.repeat(1000)}]\n`)],
    ["a very long disk spec", domain(`disk = [ "${"vdev=xvda,".repeat(5000)}" ]\n`)],
    ["a lone surrogate in a string", domain('name = "\ud800"\n')],
    ["Latin-1 bytes", domain("name = 'caf\xe9'\nextra = \"\xff\"\n", "latin1")],
    ["statements on one line, a list running on after `;`", domain('name = "a"; disk = [\n"phy:/dev/x,xvda,w"]\nkernel = "/k"\n')],
    ["a stray last byte xl ignores, after the name", domain('kernel = "/k"\nname = "a";-')],
    ["a cpupool file whose only CRLF is in a comment", { text: '# pool\r\ncpus = "1-3"\n', encoding: "utf8", kind: "cpupool", host: "known" }],
    ["an xl.conf file with domain keys", { text: 'name = "a"\nautoballoon = "off"\nvif.default.bridge = "br0"\n', encoding: "utf8", kind: "xl-conf", host: "arm" }],
  ];
  it.each(cases)("%s", (_name, c) => replay(c));
});
