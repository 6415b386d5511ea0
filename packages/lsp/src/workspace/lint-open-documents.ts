/**
 * Lints the open documents together, in one in-memory run, so that the
 * cross-file rules (duplicate MAC, name, UUID, disk target) compare them with
 * each other and, through the workspace index's prepared context, with every
 * config on disk that is not open.
 *
 * A rule that throws would take the whole run down, and with it the
 * diagnostics of every open document; so a failed run is redone one document
 * at a time, and a document that still fails alone carries the failure
 * (shown as one diagnostic, logged in full) instead of findings.
 */
import { allRules, LintRun, type Diagnostic as Finding, type FileResult, type LintInput, type ParsedText, type PreparedContext, type Rule } from "@xlint/linter";
import { documentKind } from "../features/document-analysis";
import { DocumentPaths } from "./document-paths";

export interface OpenDocument {
  readonly uri: string;
  readonly version: number;
  readonly text: string;
  /** The text already parsed and evaluated (the server's analysis of this version, which hovers and symbols read), so the lint does not parse it again. */
  readonly parsed?: ParsedText;
}

export interface LintFailure {
  /** One line, for the diagnostic. */
  readonly message: string;
  /** The stack, for the log. */
  readonly detail: string;
}

export interface DocumentFindings {
  readonly uri: string;
  /** The version of the text the findings are about (code actions check it). */
  readonly version: number;
  readonly text: string;
  readonly findings: readonly Finding[];
  /** Set when xlint failed on this document (a bug of ours): then `findings` is empty. */
  readonly failure?: LintFailure;
}

/** A document's severities, host and stated guest OS (config/: ServerConfiguration.lintSettingsOf); none: the linter's defaults. */
export type DocumentSettingsOf = (uri: string) => Pick<LintInput, "severities" | "host" | "guestOs">;

/**
 * `rules`: every rule unless a test says otherwise. `context`: the workspace
 * index's facts of the configs on disk (an open document replaces its file's).
 */
export function lintOpenDocuments(documents: readonly OpenDocument[], paths: DocumentPaths, rules: readonly Rule[] = allRules, settingsOf?: DocumentSettingsOf, context?: PreparedContext): DocumentFindings[] {
  const inputs = documents.map((d) => inputOf(d, paths, settingsOf));
  try {
    const results = lintTogether(inputs, rules, context, documents.map((d) => d.parsed));
    return documents.map((d, i) => ({ uri: d.uri, version: d.version, text: d.text, findings: results[i]?.diagnostics ?? [] }));
  } catch {
    return documents.map((d, i) => lintAlone(d, inputs[i] as LintInput, rules, context));
  }
}

/** One run over the inputs, with the index's context when there is one; `parsed`: by input, its text already parsed, if it is. */
export function lintTogether(inputs: readonly LintInput[], rules: readonly Rule[], context: PreparedContext | undefined, parsed?: readonly (ParsedText | undefined)[]): FileResult[] {
  const run = new LintRun({ rules });
  inputs.forEach((input, i) => run.add(input, parsed?.[i]));
  if (context !== undefined) run.usePreparedContext(context);
  return run.finish();
}

function lintAlone(document: OpenDocument, input: LintInput, rules: readonly Rule[], context: PreparedContext | undefined): DocumentFindings {
  const base = { uri: document.uri, version: document.version, text: document.text };
  try {
    return { ...base, findings: lintTogether([input], rules, context, [document.parsed])[0]?.diagnostics ?? [] };
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "";
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    return { ...base, findings: [], failure: { message, detail } };
  }
}

export function inputOf(document: OpenDocument, paths: DocumentPaths, settingsOf: DocumentSettingsOf | undefined): LintInput {
  return { path: paths.pathOf(document.uri), text: document.text, kind: documentKind(DocumentPaths.baseName(document.uri), document.text), ...settingsOf?.(document.uri) };
}
