/**
 * Linter findings as LSP diagnostics: `code` is the rule id and
 * `codeDescription.href` its page; severities map one to one; findings about
 * something deprecated or something xl never uses carry the matching tag, so
 * editors strike it through or fade it; the other places a finding names
 * (the other guests that use a MAC) become `relatedInformation`.
 */
import { ruleById, ruleDocsUrl, type Diagnostic as Finding, type Severity } from "@xlint/linter";
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic, type DiagnosticRelatedInformation } from "vscode-languageserver";
import type { EditorLines } from "./positions";
import { toLspRange } from "./ranges";

export const DIAGNOSTIC_SOURCE = "xlint";

/** Where findings' paths lead: the URI of a path of the run (undefined when it is no document we know). */
export type UriOfPath = (path: string) => string | undefined;

export interface DiagnosticOptions {
  /** The URL of the rule pages' folder (see @xlint/files docs-base.ts). */
  readonly docsBase: string;
  readonly uriOfPath: UriOfPath;
  /** The document's lines as the editor counts them, when they differ from the parser's (`EditorLines.of(text)`). */
  readonly lines?: EditorLines;
}

const SEVERITIES: Readonly<Record<Severity, DiagnosticSeverity>> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/**
 * Rules whose findings mark text that changes nothing: a key of xm that xl
 * never reads, a suppression comment that hides nothing. Editors fade such
 * text. (Not `duplicate-key`: it marks the assignment that wins.)
 */
const UNNECESSARY_RULES: ReadonlySet<string> = new Set(["xm-only-key", "unused-suppression"]);

export function toLspDiagnostic(finding: Finding, options: DiagnosticOptions): Diagnostic {
  const diagnostic: Diagnostic = {
    range: toLspRange(finding.range, options.lines),
    severity: SEVERITIES[finding.severity],
    code: finding.rule,
    codeDescription: { href: ruleDocsUrl(finding.rule, options.docsBase) },
    source: DIAGNOSTIC_SOURCE,
    message: finding.message,
  };
  const tags = tagsOf(finding.rule);
  if (tags.length > 0) diagnostic.tags = tags;
  const related = relatedOf(finding, options);
  if (related.length > 0) diagnostic.relatedInformation = related;
  return diagnostic;
}

export function toLspDiagnostics(findings: readonly Finding[], options: DiagnosticOptions): Diagnostic[] {
  return findings.map((f) => toLspDiagnostic(f, options));
}

function tagsOf(ruleId: string): DiagnosticTag[] {
  const tags: DiagnosticTag[] = [];
  if (ruleById(ruleId)?.category === "deprecated") tags.push(DiagnosticTag.Deprecated);
  if (UNNECESSARY_RULES.has(ruleId)) tags.push(DiagnosticTag.Unnecessary);
  return tags;
}

function relatedOf(finding: Finding, options: DiagnosticOptions): DiagnosticRelatedInformation[] {
  const out: DiagnosticRelatedInformation[] = [];
  for (const place of finding.related) {
    const uri = options.uriOfPath(place.path);
    if (uri === undefined) continue;
    // A place in the same file is placed with its lines; one in another file keeps the parser's (that file's text is not here).
    const lines = place.path === finding.path ? options.lines : undefined;
    out.push({ location: { uri, range: toLspRange(place.range, lines) }, message: place.message });
  }
  return out;
}

/** The one diagnostic of a document xlint failed to check (a bug of ours, not of the file). */
export function lintFailureDiagnostic(message: string): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Warning,
    source: DIAGNOSTIC_SOURCE,
    message: `xlint could not check this file: ${message}. This is a bug in xlint; the server's log has the details.`,
  };
}
