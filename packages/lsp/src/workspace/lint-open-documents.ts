/**
 * Lints the open documents together, in one in-memory run, so that the
 * cross-file rules (duplicate MAC, name, UUID, disk target) compare them with
 * each other. Files on disk that are not open are not seen yet: the workspace
 * index (every config of the workspace folders, reduced to its facts and
 * added to the run as context) comes next.
 *
 * A rule that throws would take the whole run down, and with it the
 * diagnostics of every open document; so a failed run is redone one document
 * at a time, and a document that still fails alone carries the failure
 * (shown as one diagnostic, logged in full) instead of findings.
 */
import { allRules, lintFiles, type Diagnostic as Finding, type LintInput, type Rule } from "@xlint/linter";
import { documentKind } from "../features/document-analysis";
import { DocumentPaths } from "./document-paths";

export interface OpenDocument {
  readonly uri: string;
  readonly version: number;
  readonly text: string;
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

/** `rules`: every rule unless a test says otherwise. */
export function lintOpenDocuments(documents: readonly OpenDocument[], paths: DocumentPaths, rules: readonly Rule[] = allRules): DocumentFindings[] {
  const inputs = documents.map((d) => inputOf(d, paths));
  try {
    const results = lintFiles(inputs, { rules });
    return documents.map((d, i) => ({ uri: d.uri, version: d.version, text: d.text, findings: results[i]?.diagnostics ?? [] }));
  } catch {
    return documents.map((d, i) => lintAlone(d, inputs[i] as LintInput, rules));
  }
}

function lintAlone(document: OpenDocument, input: LintInput, rules: readonly Rule[]): DocumentFindings {
  const base = { uri: document.uri, version: document.version, text: document.text };
  try {
    return { ...base, findings: lintFiles([input], { rules })[0]?.diagnostics ?? [] };
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "";
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    return { ...base, findings: [], failure: { message, detail } };
  }
}

function inputOf(document: OpenDocument, paths: DocumentPaths): LintInput {
  return { path: paths.pathOf(document.uri), text: document.text, kind: documentKind(DocumentPaths.baseName(document.uri), document.text) };
}
