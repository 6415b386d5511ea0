/**
 * The linter's stages of a fuzz case: every rule over the text, and the fix
 * loop as `xlint --fix --unsafe-fixes` runs it (engine/fix-loop.ts: lint, apply the
 * fixes that do not overlap, re-lint, at most 10 passes). Each returns its
 * broken invariants as readable strings.
 */
import type { Range } from "@xlint/parser";
import { RangeChecker } from "../../../parser/test/invariants";
import { allRules, applyEdits, applyFixes, lintFiles, SYNTAX, type Diagnostic, type Fix } from "../../src/index";
import { FUZZ_HOSTS, type FuzzCase } from "./case";

const MAX_PASSES = 10;
const PATH = "fuzz.cfg";

export function lint(c: FuzzCase, text: string): readonly Diagnostic[] {
  const result = lintFiles([{ path: PATH, text, encoding: c.encoding, kind: c.kind }], { rules: allRules, host: FUZZ_HOSTS[c.host] })[0];
  return result?.diagnostics ?? [];
}

const syntaxErrors = (diagnostics: readonly Diagnostic[]): number => diagnostics.filter((d) => d.rule === SYNTAX && d.severity === "error").length;

/** Every finding's range, related place (in this file) and fix edit inside the text; findings sorted; a fix's edits apart. */
export function findingViolations(text: string, diagnostics: readonly Diagnostic[]): string[] {
  const ranges = new RangeChecker(text);
  const found: string[] = [];
  const checkRange = (what: string, range: Range): void => {
    const problem = ranges.problem(range);
    if (problem !== undefined) found.push(`${what}: ${problem}`);
  };
  let previous = 0;
  for (const d of diagnostics) {
    const what = `${d.rule} "${d.message}"`;
    checkRange(what, d.range);
    if (d.range.start.offset < previous) found.push(`${what} is out of order`);
    previous = d.range.start.offset;
    for (const r of d.related) if (r.path === PATH) checkRange(`${what}, related "${r.message}"`, r.range);
    const edits = d.fix?.edits ?? [];
    edits.forEach((edit, i) => {
      checkRange(`${what}, fix edit ${i}`, edit.range);
      if (edit.range.start.offset !== edit.start || edit.range.end.offset !== edit.end) found.push(`${what}: fix edit ${i}'s range is not its offsets`);
      if (edits.some((other, j) => j < i && other.start < edit.end && edit.start < other.end)) found.push(`${what}: the edits of its fix overlap`);
    });
  }
  return found;
}

/**
 * The fix loop from the findings `first` of `c.text`: no pass may add a syntax error or apply fixes
 * that change nothing, and it must end with nothing left to apply. Returns what broke, the text it
 * ends with, and how many fixes went in.
 */
export function fixLoop(c: FuzzCase, first: readonly Diagnostic[]): { found: string[]; text: string; applied: number } {
  const found: string[] = [];
  let text = c.text;
  let diagnostics = first;
  let total = 0;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const { text: next, applied } = applyFixes(text, diagnostics, { unsafe: true });
    if (applied.length === 0) return { found, text, applied: total };
    total += applied.length;
    const ruleOf = (fix: Fix): string => diagnostics.find((d) => d.fix === fix)?.rule ?? "?";
    const rules = [...new Set(applied.map(ruleOf))].sort().join(", ");
    if (next === text) {
      found.push(`pass ${pass + 1}: the fixes of ${rules} change nothing`);
      return { found, text, applied: total };
    }
    const after = lint(c, next);
    if (syntaxErrors(after) > syntaxErrors(diagnostics)) {
      // Name the fixes that do it on their own, so one bug gives one signature whatever else was fixed.
      const alone = applied.filter((fix) => syntaxErrors(lint(c, applyEdits(text, fix.edits))) > syntaxErrors(diagnostics));
      if (alone.length === 0) found.push(`pass ${pass + 1}: the fixes of ${rules} add a syntax error together`);
      for (const rule of new Set(alone.map(ruleOf))) found.push(`pass ${pass + 1}: a fix of ${rule} adds a syntax error`);
    }
    found.push(...findingViolations(next, after).map((v) => `after pass ${pass + 1}: ${v}`));
    text = next;
    diagnostics = after;
  }
  const left = applyFixes(text, diagnostics, { unsafe: true }).applied.length;
  if (left > 0) found.push(`still ${left} fixes to apply after ${MAX_PASSES} passes`);
  return { found, text, applied: total };
}

/**
 * The fix loop, then, when it changed the text and nothing broke, a second
 * round on its result, which must change nothing (`--fix` run twice).
 */
export function fixRounds(c: FuzzCase, first: readonly Diagnostic[]): { found: string[]; applied: number } {
  const loop = fixLoop(c, first);
  if (loop.text !== c.text && loop.found.length === 0) {
    const again = fixLoop({ ...c, text: loop.text }, lint(c, loop.text));
    if (again.text !== loop.text) loop.found.push("a second round of fixes changes the text again");
  }
  return { found: loop.found, applied: loop.applied };
}
