/**
 * What every output format receives: the files of one run with their
 * findings (after severities, suppressions and the baseline), and how to
 * print them. Formatters are pure functions of this that hand their output
 * to `write` piece by piece (at most one file's worth at a time), so a
 * report of 100,000 files is never one string in memory.
 */
import type { Diagnostic } from "@xlint/linter";

export interface ReportedFile {
  /** The path as shown to the user: relative to the working directory when inside it, else absolute; `-` input shows --stdin-filename or `<stdin>`. */
  readonly path: string;
  /** 0-based line → text, for the lines findings start on (source excerpts; only the stylish format needs them). */
  readonly sourceLines?: ReadonlyMap<number, string>;
  /** Sorted by position; `range` is 0-based (line, column in UTF-16 code units, offset). */
  readonly diagnostics: readonly Diagnostic[];
  /** How many fixes --fix applied to this file (0 without --fix). */
  readonly fixed?: number;
}

export interface RunReport {
  /**
   * Every linted file, clean ones included, in the order they were
   * given/found. It may be walked more than once (counts, then the report),
   * and a large run makes each file's findings anew on every walk rather
   * than hold them all.
   */
  readonly files: Iterable<ReportedFile>;
  /** Files a folder walk or a pattern met and left out (not an xl config, binary, a link, …). */
  readonly skipped?: number;
}

export interface FormatOptions {
  /** ANSI colours (stylish only). */
  readonly color: boolean;
  /** Only errors are printed (summary counts still count everything). */
  readonly quiet: boolean;
  /** The documentation URL of a rule. */
  readonly docsUrl: (rule: string) => string;
  /** The xlint version (SARIF tool.driver.version). */
  readonly version: string;
  /** Paths in diagnostics' `related` are as the linter got them; this maps them to the shown form. */
  readonly displayPath: (path: string) => string;
}

export type Formatter = (report: RunReport, options: FormatOptions, write: (chunk: string) => void) => void;

/** A whole report as one string: for tests and small runs only. */
export function formatToString(formatter: Formatter, report: RunReport, options: FormatOptions): string {
  const chunks: string[] = [];
  formatter(report, options, (chunk) => chunks.push(chunk));
  return chunks.join("");
}

export const FORMAT_NAMES = ["stylish", "json", "sarif", "github", "gcc"] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];
