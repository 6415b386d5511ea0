/**
 * Everything one fuzz case goes through, and what must hold, as readable
 * violations (never assertions: the fuzzer collects them, the tests compare
 * them with none):
 *   - parse and evaluate: no exception, no internal error, every range inside
 *     the text and agreeing with its line and column (parser's invariants.ts);
 *   - formatXl: the formatter's properties (format-properties.ts): idempotent,
 *     settings and comments kept when it accepts, refusal at the first error;
 *   - lintFiles with every rule: no exception, every range of every finding,
 *     related place and fix edit inside the text, findings sorted;
 *   - the fix loop as `--fix --unsafe-fixes` runs it (lint, apply, re-lint,
 *     at most 10 passes): no pass adds a syntax error, no applied fix leaves
 *     the text as it was, it ends with nothing left to apply, and a second
 *     round on its result changes nothing.
 */
import { formatProperties } from "../../../parser/test/format-properties";
import { parserViolations } from "../../../parser/test/invariants";
import type { Diagnostic } from "../../src/index";
import type { FuzzCase, Violation } from "./case";
import { findingViolations, fixRounds, lint } from "./lint-stages";

export { FUZZ_HOSTS, type FuzzCase, type HostName, type Violation } from "./case";

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return `threw ${String(error)}`;
  // The message and the first frames say where; the whole stack would make every finding unique.
  const frames = (error.stack ?? "").split("\n").filter((l) => l.trimStart().startsWith("at ")).slice(0, 4).map((l) => l.trim());
  return `threw ${error.name}: ${error.message} ${frames.join(" ")}`;
}

export interface CaseOutcome {
  readonly violations: Violation[];
  /** Whether formatXl accepted the input (a fuzz run should reach the formatter's printing, not only its refusals). */
  readonly formatted: boolean;
  /** Fixes the fix loop applied. */
  readonly fixes: number;
}

/** Runs one case through every stage; `violations` is empty when all holds. */
export function runCase(c: FuzzCase): CaseOutcome {
  const violations: Violation[] = [];
  const add = (check: Violation["check"], messages: readonly string[]): void => {
    for (const message of messages) violations.push({ check, message });
  };
  add("parse", parserViolations(c.text, c.encoding));
  let formatted = false;
  try {
    const report = formatProperties(c.text, c.encoding);
    formatted = report.outcome === "formatted";
    add("format", report.violations);
  } catch (error) {
    add("format", [describeError(error)]);
  }
  let first: readonly Diagnostic[];
  try {
    first = lint(c, c.text);
  } catch (error) {
    add("lint", [describeError(error)]);
    return { violations, formatted, fixes: 0 };
  }
  add("lint", findingViolations(c.text, first));
  let fixes = 0;
  try {
    const outcome = fixRounds(c, first);
    fixes = outcome.applied;
    add("fix", outcome.found);
  } catch (error) {
    add("fix", [describeError(error)]);
  }
  return { violations, formatted, fixes };
}

/**
 * What makes two violations the same bug: the stage and the message with its
 * particulars (quoted text, numbers, positions) blanked, so a thousand inputs
 * hitting one bug give one finding.
 */
export function violationSignature(v: Violation): string {
  const message = v.message
    .replace(/"(?:[^"\\]|\\.)*"|`[^`]*`|'[^']*'/g, "…")
    .replace(/\(file:[^)]*\)|file:\S+/g, "")
    .replace(/\d+/g, "N");
  return `${v.check}: ${message}`;
}
