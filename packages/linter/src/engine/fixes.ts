/**
 * Applying fixes to a text. Edits of one fix never overlap (rules build them
 * that way); edits of different fixes may, so fixes are taken in order of
 * position and one that touches text an earlier one already changed waits
 * for the next pass, after a re-lint. The caller loops: lint, apply, lint
 * again, until nothing is applied.
 */
import type { Diagnostic, Fix, TextEdit } from "./types";

export interface FixSelection {
  /** Also apply fixes marked `unsafe`. */
  readonly unsafe: boolean;
}

export interface AppliedFixes {
  readonly text: string;
  /** The fixes applied, in file order. */
  readonly applied: readonly Fix[];
}

/** Whether `--fix` (or `--unsafe-fixes` with `unsafe`) would apply this diagnostic's fix. */
export function isApplicable(diagnostic: Pick<Diagnostic, "fix"> | { readonly fix: Fix | undefined }, selection: FixSelection): boolean {
  const fix = diagnostic.fix;
  return fix !== undefined && fix.edits.length > 0 && (fix.safety === "safe" || selection.unsafe);
}

/** Applies every non-overlapping applicable fix of one file's diagnostics, in one pass. */
export function applyFixes(text: string, diagnostics: readonly { readonly fix: Fix | undefined }[], selection: FixSelection): AppliedFixes {
  const candidates = diagnostics.filter((d) => isApplicable(d, selection)).map((d) => d.fix as Fix);
  candidates.sort((a, b) => firstStart(a) - firstStart(b));
  const taken: TextEdit[] = [];
  const applied: Fix[] = [];
  for (const fix of candidates) {
    if (!fix.edits.every((edit) => withinText(edit, text))) continue;
    if (fix.edits.some((edit) => taken.some((other) => overlaps(edit, other)))) continue;
    taken.push(...fix.edits);
    applied.push(fix);
  }
  return { text: applyEdits(text, taken), applied };
}

/** Applies edits that do not overlap, whatever their order. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const ordered = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const edit of ordered) out = out.slice(0, edit.start) + edit.newText + out.slice(edit.end);
  return out;
}

function firstStart(fix: Fix): number {
  return Math.min(...fix.edits.map((e) => e.start));
}

function withinText(edit: TextEdit, text: string): boolean {
  return edit.start >= 0 && edit.start <= edit.end && edit.end <= text.length;
}

/**
 * Two edits conflict when their ranges share text, or when both insert at the
 * same point (their order would be arbitrary).
 */
function overlaps(a: TextEdit, b: TextEdit): boolean {
  if (a.start === a.end && b.start === b.end) return a.start === b.start;
  // For an insertion this means: strictly inside the other edit's range.
  return a.start < b.end && b.start < a.end;
}
