/**
 * Copies of what rules produce that outlive the file they came from. The
 * parser's ranges compute their line and column on demand from the file's
 * text, and V8 keeps a whole string alive behind any slice or concatenation
 * of it, so a finding that simply kept a range or a substring would keep its
 * file's text (and often its syntax tree) in memory until the end of a run.
 * Everything a run keeps per file goes through these functions first.
 */
import type { LineIndex, Position, Range } from "@xlint/parser";
import type { Diagnostic, PlacedFix, RelatedLocation, Report } from "./types";

/** A string with no hidden reference to a larger one (V8 flattens the concatenation into a new string). */
export function detachString(text: string): string {
  return text.length === 0 ? "" : (" " + text).slice(1);
}

function plainPosition(position: Position): Position {
  return { offset: position.offset, line: position.line, column: position.column };
}

/** A range made of plain numbers. */
export function plainRange(range: Range): Range {
  return { start: plainPosition(range.start), end: plainPosition(range.end) };
}

/**
 * A deep copy of plain data (objects, arrays, strings, numbers, booleans,
 * null) with every string detached: what project rules keep of a file.
 */
export function detachFacts<T>(value: T): T {
  if (typeof value === "string") return detachString(value) as T;
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((item: unknown) => detachFacts(item)) as T;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) copy[key] = detachFacts(item);
  return copy as T;
}

function plainRelated(related: RelatedLocation): RelatedLocation {
  return { path: related.path, range: plainRange(related.range), message: detachString(related.message) };
}

/** A finding as a run keeps it; `lines` places fix edits (none when the report has no fix). */
export function plainDiagnostic(path: string, rule: string, severity: Diagnostic["severity"], report: Report, lines: LineIndex | undefined): Diagnostic {
  let fix: PlacedFix | undefined;
  if (report.fix && lines) {
    fix = {
      title: detachString(report.fix.title),
      safety: report.fix.safety,
      edits: report.fix.edits.map((edit) => ({
        start: edit.start,
        end: edit.end,
        newText: detachString(edit.newText),
        range: { start: lines.position(edit.start), end: lines.position(edit.end) },
      })),
    };
  }
  return {
    path,
    rule,
    severity,
    message: detachString(report.message),
    range: plainRange(report.range),
    fix,
    related: (report.related ?? []).map(plainRelated),
  };
}
