/**
 * The JSON report: the contract other tools read, described by
 * `schema/xlint-output.schema.json`. Every linted file is listed, clean ones
 * too; positions are 1-based with exclusive ends (the column after the
 * span), columns in UTF-16 code units; `fix` is null when there is none,
 * `help` absent when the rule gave none.
 * Under `quiet` only errors are listed, but the summary counts everything.
 */
import type { Diagnostic, Fix, PlacedFix } from "@xlint/linter";
import { oneBased, type OneBasedRange } from "./positions";
import { countRun, shownDiagnostics } from "./summary";
import type { FormatOptions, Formatter, ReportedFile } from "./types";

export interface JsonReport {
  readonly version: 1;
  readonly files: readonly JsonFile[];
  readonly summary: { readonly files: number; readonly errors: number; readonly warnings: number; readonly infos: number; readonly skipped: number };
}

export interface JsonFile {
  readonly path: string;
  readonly diagnostics: readonly JsonDiagnostic[];
}

export interface JsonDiagnostic extends OneBasedRange {
  readonly rule: string;
  readonly severity: Diagnostic["severity"];
  /** One short line: what is wrong. */
  readonly message: string;
  /** Why it matters and what to do; absent when the message says it all. */
  readonly help?: string;
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

/**
 * Written a file at a time, byte for byte what `JSON.stringify(report, null, 2)`
 * would print for the whole report, without ever holding it.
 */
export const formatJson: Formatter = (report, options, write) => {
  const counts = countRun(report);
  write('{\n  "version": 1,\n  "files": [');
  let first = true;
  for (const file of report.files) {
    write(`${first ? "\n" : ",\n"}${indented(JSON.stringify(jsonFile(file, options), null, 2), "    ")}`);
    first = false;
  }
  write(first ? "],\n" : "\n  ],\n");
  const summary: JsonReport["summary"] = { files: counts.filesChecked, errors: counts.errors, warnings: counts.warnings, infos: counts.infos, skipped: counts.skipped };
  write(`  "summary": ${indented(JSON.stringify(summary, null, 2), "  ").trimStart()}\n}\n`);
};

/** A JSON text moved right by `indent`, as it prints nested in a larger document (JSON strings hold no raw newlines). */
export function indented(json: string, indent: string): string {
  return indent + json.replace(/\n/g, `\n${indent}`);
}

function jsonFile(file: ReportedFile, options: FormatOptions): JsonFile {
  const diagnostics = shownDiagnostics(file, options.quiet).map(
    (d): JsonDiagnostic => ({
      rule: d.rule,
      severity: d.severity,
      message: d.message,
      ...(d.help === undefined ? {} : { help: d.help }),
      ...oneBased(d.range),
      fix: d.fix ? jsonFix(d.fix) : null,
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

function jsonFix(fix: PlacedFix): JsonFix {
  return {
    title: fix.title,
    safety: fix.safety,
    edits: fix.edits.map((edit) => ({ ...oneBased(edit.range), newText: edit.newText })),
  };
}
