/**
 * The fix loop of `xlint --fix` / `--diff` and of the editor's "fix all":
 * lint, apply the fixes that do not overlap, lint again,
 * until nothing more applies (or MAX_PASSES, so two rules that undo each
 * other cannot loop forever). All files are re-linted together each pass, so
 * cross-file rules see the fixed texts (and the repository's other configs,
 * whose facts do not change). A pass that would give a file more syntax
 * errors than it had is thrown away for that file: a fix must never make a
 * config unreadable. Unlike a plain run, this one keeps every text: it has
 * to write them back. Pure like the rest of the engine: texts in, texts out.
 */
import type { FileFacts, LintInput } from "./file-pass";
import { applyFixes } from "./fixes";
import type { HostProfile } from "./host";
import { SYNTAX } from "./plan";
import { LintRun, type FileResult } from "./run";
import type { Rule } from "./types";

const MAX_PASSES = 10;

export interface FixOutcome {
  /** Per input (same order): the fixed text and how many fixes went into it, or undefined when unchanged. */
  readonly fixed: ({ text: string; count: number } | undefined)[];
  /** The findings on the final texts, in input order. */
  readonly results: FileResult[];
}

export interface FixSettings {
  readonly rules: readonly Rule[];
  /** The run's host profile (each input may carry its own). */
  readonly host?: HostProfile;
  /** Also apply the fixes that may change what xl builds. */
  readonly unsafe: boolean;
  /** Facts of the repository's other configs, for the cross-file rules. */
  readonly context: readonly FileFacts[];
  readonly sourceLines?: boolean;
}

export function fixInputs(inputs: readonly LintInput[], settings: FixSettings): FixOutcome {
  const lintAll = (current: readonly LintInput[]): FileResult[] => {
    const run = new LintRun({ rules: settings.rules, host: settings.host, sourceLines: settings.sourceLines });
    for (const input of current) run.add(input);
    for (const facts of settings.context) run.addContext(facts);
    return run.finish();
  };
  let current = [...inputs];
  const counts = new Array<number>(inputs.length).fill(0);
  const frozen = new Set<number>();
  let results = lintAll(current);
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const passCounts = new Array<number>(inputs.length).fill(0);
    const next = current.map((input, i) => {
      if (frozen.has(i)) return input;
      const { text, applied } = applyFixes(input.text, (results[i] as FileResult).diagnostics, { unsafe: settings.unsafe });
      if (applied.length === 0) return input;
      passCounts[i] = applied.length;
      return { ...input, text };
    });
    if (next.every((input, i) => input === current[i])) break;
    const nextResults = lintAll(next);
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
    results = undone ? lintAll(current) : nextResults;
  }
  const fixed = current.map((input, i) => (input.text !== (inputs[i] as LintInput).text ? { text: input.text, count: counts[i] ?? 0 } : undefined));
  return { fixed, results };
}

function syntaxErrors(result: FileResult): number {
  return result.diagnostics.filter((d) => d.rule === SYNTAX && d.severity === "error").length;
}
