/**
 * Property tests (fast-check, fixed seeds, so every run checks the same
 * inputs) of what must hold for any text:
 *   - parse and evaluate never throw nor report an internal error, and every
 *     range of every node and diagnostic lies inside the text with line and
 *     column agreeing with its offset (invariants.ts), on arbitrary strings,
 *     arbitrary bytes, and xl-ish token soup in UTF-8 and Latin-1;
 *   - formatXl is idempotent and keeps the settings (and comments) whenever
 *     it accepts the input, and refuses at the first error otherwise
 *     (format-properties.ts), on token soup and on generated configs.
 * The fuzzer (`npm run fuzz`) runs the same checks at scale.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeFileBytes, evaluate, parse, settingsToJson, type ByteEncoding } from "../src/index";
import { generatedInput } from "./format-inputs";
import { formatProperties } from "./format-properties";
import { parserViolations, RangeChecker } from "./invariants";
import { Rng } from "./random";
import { tokenSoup, xlConfig } from "./xl-arbitraries";

const SEED = 0x5eed_2026;
const RUNS = 3000;

function holds(text: string, encoding: ByteEncoding): void {
  expect(parserViolations(text, encoding)).toEqual([]);
}

describe("the range checker the properties rely on", () => {
  it("rejects ranges outside the text, reversed, or whose line or column disagree with the offset", () => {
    const check = new RangeChecker("ab\ncd");
    const at = (offset: number, line: number, column: number) => ({ offset, line, column });
    expect(check.problem({ start: at(3, 1, 0), end: at(5, 1, 2) })).toBeUndefined();
    expect(check.problem({ start: at(4, 1, 1), end: at(6, 1, 3) })).toMatch(/not inside the text/);
    expect(check.problem({ start: at(2, 0, 2), end: at(1, 0, 1) })).toMatch(/not inside the text/);
    expect(check.problem({ start: at(3, 0, 3), end: at(3, 0, 3) })).toMatch(/is at 1:0/);
  });
});

describe("parse and evaluate never throw, and keep every range inside the text", () => {
  it("on arbitrary strings", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), (text) => holds(text, "utf8")),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it("on arbitrary bytes, decoded as the CLI decodes a file (UTF-8, else Latin-1)", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        const { text, encoding } = decodeFileBytes(bytes);
        holds(text, encoding);
      }),
      { seed: SEED + 1, numRuns: RUNS },
    );
  });

  it("on xl-ish token soup", () => {
    fc.assert(fc.property(tokenSoup(), (text) => holds(text, "utf8")), { seed: SEED + 2, numRuns: RUNS });
  });

  it("on xl-ish token soup read as Latin-1", () => {
    fc.assert(fc.property(tokenSoup({}, true), (text) => holds(text, "latin1")), { seed: SEED + 3, numRuns: RUNS });
  });

  it("on generated configs", () => {
    fc.assert(fc.property(xlConfig(), (text) => holds(text, "utf8")), { seed: SEED + 4, numRuns: RUNS });
  });
});

describe("at the deepest nesting xl reads", () => {
  it("4,996 bare levels parse, and print as `xl-oracle parse` prints them (no recursion to overflow)", () => {
    const depth = 4996; // xl-oracle reads 4,996 and runs out of parser stack at 4,997
    const text = `a = ${"[".repeat(depth)}${"]".repeat(depth)}\n`;
    holds(text, "utf8");
    // The oracle's layout: each list on its own line, two more spaces a level, the innermost `[]`.
    const opening: string[] = [];
    const closing: string[] = [];
    for (let level = 1; level < depth; level++) {
      opening.push(`[\n${"  ".repeat(level + 1)}`);
      closing.push(`\n${"  ".repeat(level)}]`);
    }
    const expected = `{\n  "a": ${opening.join("")}[]${closing.reverse().join("")}\n}\n`;
    expect(settingsToJson(evaluate(parse(text).file)) === expected).toBe(true);
  });
});

describe("formatXl, when it accepts a file, is idempotent and keeps its settings", () => {
  /** Runs the formatter's properties over `arbitrary`; returns how many inputs it formatted (the rest it refused). */
  function formatted(arbitrary: fc.Arbitrary<{ text: string; encoding: ByteEncoding }>, seed: number, runs: number): number {
    let count = 0;
    fc.assert(
      fc.property(arbitrary, ({ text, encoding }) => {
        const report = formatProperties(text, encoding);
        expect(report.violations).toEqual([]);
        if (report.outcome === "formatted") count++;
      }),
      { seed, numRuns: runs },
    );
    return count;
  }

  it("on token soup (mostly refused: the refusal must name the first error)", () => {
    const n = formatted(tokenSoup().map((text) => ({ text, encoding: "utf8" as const })), SEED + 5, RUNS);
    expect(n).toBeGreaterThan(0);
  });

  it("on generated configs (mostly formatted)", () => {
    const n = formatted(xlConfig().map((text) => ({ text, encoding: "utf8" as const })), SEED + 6, 2000);
    expect(n).toBeGreaterThan(2000 * 0.5);
  });

  it("on the formatter tests' own generator (Latin-1 bytes, CRLF, planted errors)", () => {
    const inputs = fc.integer().map((seed) => decodeFileBytes(Buffer.from(generatedInput(new Rng(seed)), "latin1")));
    const n = formatted(inputs, SEED + 7, 1500);
    expect(n).toBeGreaterThan(1500 * 0.5);
  });
});
