/**
 * `--fix` / `--diff`: lint, apply the fixes that do not overlap, lint again,
 * until nothing more applies (or MAX_PASSES, so two rules that undo each
 * other cannot loop forever). All files are re-linted together each pass, so
 * cross-file rules see the fixed texts. A pass that would give a file more
 * syntax errors than it had is thrown away for that file: a fix must never
 * make a config unreadable.
 */
import { allRules, applyFixes, lintFiles, SYNTAX, type FileResult, type LintInput } from "@xlint/linter";
import type { Target } from "./discover";

const MAX_PASSES = 10;

export interface FixOutcome {
  /** Per target: the fixed text and how many fixes went into it (only targets with fixes). */
  readonly fixed: Map<Target, { text: string; count: number }>;
  /** The findings on the final texts, in target order. */
  readonly results: FileResult[];
}

export function fixTargets(targets: readonly Target[], inputs: readonly LintInput[], selection: { unsafe: boolean }): FixOutcome {
  let current = [...inputs];
  const counts = new Array<number>(inputs.length).fill(0);
  const frozen = new Set<number>();
  let results = lintFiles(current, { rules: allRules });
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const passCounts = new Array<number>(inputs.length).fill(0);
    const next = current.map((input, i) => {
      if (frozen.has(i)) return input;
      const { text, applied } = applyFixes(input.text, (results[i] as FileResult).diagnostics, selection);
      if (applied.length === 0) return input;
      passCounts[i] = applied.length;
      return { ...input, text };
    });
    if (next.every((input, i) => input === current[i])) break;
    const nextResults = lintFiles(next, { rules: allRules });
    // Undo a file's pass when it made the file worse to read.
    let undone = false;
    next.forEach((input, i) => {
      if (input === current[i]) return;
      if (syntaxErrors(nextResults[i] as FileResult) > syntaxErrors(results[i] as FileResult)) {
        next[i] = current[i] as LintInput;
        frozen.add(i);
        undone = true;
      } else {
        counts[i] = (counts[i] ?? 0) + (passCounts[i] ?? 0);
      }
    });
    current = next;
    results = undone ? lintFiles(current, { rules: allRules }) : nextResults;
  }
  const fixed = new Map<Target, { text: string; count: number }>();
  current.forEach((input, i) => {
    const target = targets[i] as Target;
    if (input.text !== target.text) fixed.set(target, { text: input.text, count: counts[i] ?? 0 });
  });
  return { fixed, results };
}

function syntaxErrors(result: FileResult): number {
  return result.diagnostics.filter((d) => d.rule === SYNTAX && d.severity === "error").length;
}
