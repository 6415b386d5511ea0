/**
 * What every human-facing format says at the end of a run: how many findings
 * of each severity, in how many files, and what `--fix` could do about them.
 * Counts always cover every finding, even when `quiet` hides non-errors.
 */
import type { Diagnostic } from "@xlint/linter";
import type { ReportedFile, RunReport } from "./types";

export interface RunCounts {
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
  /** Files with at least one finding. */
  readonly filesWithFindings: number;
  readonly filesChecked: number;
  /** Files a walk or a pattern met and left out. */
  readonly skipped: number;
  /** Findings `--fix` would fix. */
  readonly safeFixes: number;
  /** Findings only `--unsafe-fixes` would fix. */
  readonly unsafeFixes: number;
  /** Fixes `--fix` applied in this run. */
  readonly fixed: number;
  readonly filesFixed: number;
}

export function countRun(report: RunReport): RunCounts {
  let filesChecked = 0;
  let filesWithFindings = 0;
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  let safeFixes = 0;
  let unsafeFixes = 0;
  let fixed = 0;
  let filesFixed = 0;
  for (const file of report.files) {
    filesChecked++;
    if (file.diagnostics.length > 0) filesWithFindings++;
    for (const d of file.diagnostics) {
      if (d.severity === "error") errors++;
      else if (d.severity === "warning") warnings++;
      else infos++;
      const safety = fixSafety(d);
      if (safety === "safe") safeFixes++;
      else if (safety === "unsafe") unsafeFixes++;
    }
    fixed += file.fixed ?? 0;
    if ((file.fixed ?? 0) > 0) filesFixed++;
  }
  return { errors, warnings, infos, filesWithFindings, filesChecked, skipped: report.skipped ?? 0, safeFixes, unsafeFixes, fixed, filesFixed };
}

/** How a finding's fix can be applied; none when it has no fix or the fix has no edits. */
export function fixSafety(d: Diagnostic): "safe" | "unsafe" | undefined {
  return d.fix && d.fix.edits.length > 0 ? d.fix.safety : undefined;
}

/** The findings a format prints: all of them, or only errors under `quiet`. */
export function shownDiagnostics(file: ReportedFile, quiet: boolean): readonly Diagnostic[] {
  return quiet ? file.diagnostics.filter((d) => d.severity === "error") : file.diagnostics;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/**
 * "2 errors, 1 warning, 0 infos in 2 files (3 files checked)", or the
 * all-clean sentence; files left out by a walk are counted, so that nobody
 * takes an unchecked file for a clean one.
 */
export function summarySentence(counts: RunCounts): string {
  const skipped = counts.skipped > 0 ? `${plural(counts.skipped, "other file")} skipped (--verbose says why)` : "";
  if (counts.filesChecked === 0) return skipped ? `No files were checked; ${skipped}.` : "No files were checked.";
  if (counts.errors + counts.warnings + counts.infos === 0) {
    const clean = counts.filesChecked === 1 ? "1 file checked: it is clean" : `All ${counts.filesChecked} files are clean`;
    return skipped ? `${clean}; ${skipped}.` : `${clean}.`;
  }
  const found = [plural(counts.errors, "error"), plural(counts.warnings, "warning"), plural(counts.infos, "info")].join(", ");
  return `${found} in ${plural(counts.filesWithFindings, "file")} (${plural(counts.filesChecked, "file")} checked${skipped ? `, ${counts.skipped} skipped: --verbose says why` : ""})`;
}

/** "3 fixable with --fix (1 more with --unsafe-fixes)", or nothing when no fix is on offer. */
export function fixableSentence(counts: RunCounts): string | undefined {
  if (counts.safeFixes > 0 && counts.unsafeFixes > 0) {
    return `${counts.safeFixes} fixable with --fix (${counts.unsafeFixes} more with --unsafe-fixes)`;
  }
  if (counts.safeFixes > 0) return `${counts.safeFixes} fixable with --fix`;
  if (counts.unsafeFixes > 0) return `${counts.unsafeFixes} fixable with --unsafe-fixes`;
  return undefined;
}

/** "Fixed 3 problems in 2 files.", when --fix changed something. */
export function fixedSentence(counts: RunCounts): string | undefined {
  if (counts.fixed === 0) return undefined;
  return `Fixed ${plural(counts.fixed, "problem")} in ${plural(counts.filesFixed, "file")}.`;
}
