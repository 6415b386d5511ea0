/**
 * The JSON report: the contract other tools read, described by
 * `schema/xlint-output.schema.json`. Every linted file is listed, clean ones
 * too; positions are 1-based with exclusive ends (the column after the
 * span), columns in UTF-16 code units; `fix` is null when there is none.
 * Under `quiet` only errors are listed, but the summary counts everything.
 */
import type { Diagnostic, Fix } from "@xlint/linter";
import { LineIndex } from "@xlint/parser";
import { editRange, oneBased, type OneBasedRange } from "./positions";
import { countRun, shownDiagnostics } from "./summary";
import type { FormatOptions, Formatter, ReportedFile } from "./types";

export interface JsonReport {
  readonly version: 1;
  readonly files: readonly JsonFile[];
  readonly summary: { readonly files: number; readonly errors: number; readonly warnings: number; readonly infos: number };
}

export interface JsonFile {
  readonly path: string;
  readonly diagnostics: readonly JsonDiagnostic[];
}

export interface JsonDiagnostic extends OneBasedRange {
  readonly rule: string;
  readonly severity: Diagnostic["severity"];
  readonly message: string;
  readonly fix: JsonFix | null;
  readonly related: readonly JsonRelated[];
}

export interface JsonFix {
  readonly title: string;
  readonly safety: Fix["safety"];
  readonly edits: readonly (OneBasedRange & { readonly newText: string })[];
}

export interface JsonRelated {
  readonly path: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

export const formatJson: Formatter = (report, options) => {
  const counts = countRun(report.files);
  const output: JsonReport = {
    version: 1,
    files: report.files.map((file) => jsonFile(file, options)),
    summary: { files: counts.filesChecked, errors: counts.errors, warnings: counts.warnings, infos: counts.infos },
  };
  return JSON.stringify(output, null, 2) + "\n";
};

function jsonFile(file: ReportedFile, options: FormatOptions): JsonFile {
  const lines = new LineIndex(file.text);
  const diagnostics = shownDiagnostics(file, options.quiet).map(
    (d): JsonDiagnostic => ({
      rule: d.rule,
      severity: d.severity,
      message: d.message,
      ...oneBased(d.range),
      fix: d.fix ? jsonFix(d.fix, lines) : null,
      related: d.related.map((r) => ({
        path: options.displayPath(r.path),
        line: r.range.start.line + 1,
        column: r.range.start.column + 1,
        message: r.message,
      })),
    }),
  );
  return { path: file.path, diagnostics };
}

function jsonFix(fix: Fix, lines: LineIndex): JsonFix {
  return {
    title: fix.title,
    safety: fix.safety,
    edits: fix.edits.map((edit) => ({ ...editRange(lines, edit), newText: edit.newText })),
  };
}
