/**
 * Copies of what rules produce that outlive the file they came from. The
 * parser's ranges compute their line and column on demand from the file's
 * text, and V8 keeps a whole string alive behind any slice or concatenation
 * of it, so a finding that simply kept a range or a substring would keep its
 * file's text (and often its syntax tree) in memory until the end of a run.
 * Everything a run keeps per file goes through these functions first.
 */
import type { LineIndex, Position, Range } from "@xlint/parser";
import type { Diagnostic, FactRange, PlacedFix, RelatedLocation, Report } from "./types";

/**
 * A string with no hidden reference to a larger one. A JSON round trip makes
 * V8 allocate a new flat string of exactly this length (a slice of a
 * concatenation would still be a slice, with a parent of its own).
 */
export function detachString(text: string): string {
  return text.length < 13 ? text.slice(0) : (JSON.parse(JSON.stringify(text)) as string);
}

function plainPosition(position: Position): Position {
  return { offset: position.offset, line: position.line, column: position.column };
}

/** A range made of plain numbers. */
export function plainRange(range: Range): Range {
  return { start: plainPosition(range.start), end: plainPosition(range.end) };
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
    ...(report.help === undefined ? {} : { help: detachString(report.help) }),
    range: plainRange(report.range),
    fix,
    related: (report.related ?? []).map(plainRelated),
  };
}

/** A range as facts keep it (see FactRange). */
export function factRange(range: Range): FactRange {
  const { start, end } = range;
  return [start.offset, start.line, start.column, end.offset, end.line, end.column];
}

/** A kept range as a Range again, for a report. */
export function rangeOfFact(fact: FactRange): Range {
  return { start: { offset: fact[0], line: fact[1], column: fact[2] }, end: { offset: fact[3], line: fact[4], column: fact[5] } };
}
