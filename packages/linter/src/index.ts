/**
 * @xlint/linter: the rule engine over the parser's AST. Pure: it takes text
 * and returns findings; reading files and printing are the callers' job.
 *
 * For now it runs the one rule every file needs, `syntax`: everything
 * libxlu rejects, plus the quirks it accepts silently, straight from the
 * parser and evaluator.
 */
import { evaluate, parse, type ByteEncoding, type Evaluation, type ParseResult, type Range, type Severity } from "@xlint/parser";

export interface LintDiagnostic {
  /** The rule id, e.g. `syntax`. */
  readonly rule: string;
  /** The finer kind within the rule, e.g. `crlf` or `bad-escape`. */
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly range: Range;
}

export interface LintResult {
  readonly parse: ParseResult;
  readonly evaluation: Evaluation;
  readonly diagnostics: LintDiagnostic[];
}

export interface LintOptions {
  readonly encoding?: ByteEncoding;
}

export function lintText(text: string, options: LintOptions = {}): LintResult {
  const parsed = parse(text, { encoding: options.encoding ?? "utf8" });
  const evaluation = evaluate(parsed.file);
  const diagnostics: LintDiagnostic[] = [...parsed.diagnostics, ...evaluation.diagnostics]
    .map((d) => ({ rule: "syntax", code: d.code, severity: d.severity, message: d.message, range: d.range }))
    .sort((a, b) => a.range.start.offset - b.range.start.offset);
  return { parse: parsed, evaluation, diagnostics };
}

/** Whether xl would refuse a file with these findings. */
export function hasErrors(diagnostics: readonly LintDiagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}
