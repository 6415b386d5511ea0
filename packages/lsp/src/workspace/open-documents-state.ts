/**
 * What the server knows of the open documents: the findings of the latest
 * lint of all of them together, and each one's analysis for hovers and
 * completion, both for a given version of the text. A change schedules one
 * lint of every open document (changes arriving together are linted once);
 * a request that needs findings for a newer version lints at once.
 */
import type { TextDocument } from "vscode-languageserver-textdocument";
import { analyzeDocument, type DocumentAnalysis } from "../features/document-analysis";
import { DocumentPaths } from "./document-paths";
import type { LintInput, PreparedContext } from "@xlint/linter";
import { inputOf, lintOpenDocuments, type DocumentFindings, type DocumentSettingsOf } from "./lint-open-documents";

export interface OpenDocumentsHooks {
  /** The documents the client has open, at their latest versions. */
  readonly openDocuments: () => readonly TextDocument[];
  /** Called after each lint with the findings of every open document. */
  readonly onLinted: (results: readonly DocumentFindings[]) => void;
  /** Called when a scheduled lint fails outside the linter (publishing, say): no request is there to answer. */
  readonly onScheduledLintFailed: (error: unknown) => void;
  /** Each document's severities, host and guest OS from the configuration (config/); none: the linter's defaults. */
  readonly settingsOf?: DocumentSettingsOf;
  /** The workspace index's facts of the configs on disk, the open documents' context; none before there is an index. */
  readonly context?: () => PreparedContext | undefined;
}

export class OpenDocumentsState {
  private findings = new Map<string, DocumentFindings>();
  private readonly analyses = new Map<string, { readonly version: number; readonly analysis: DocumentAnalysis }>();
  private pending = false;

  constructor(
    readonly paths: DocumentPaths,
    private readonly hooks: OpenDocumentsHooks,
  ) {}

  /** Schedules a lint of the open documents after the current burst of notifications. */
  scheduleLint(): void {
    if (this.pending) return;
    this.pending = true;
    setImmediate(() => {
      if (!this.pending) return;
      try {
        this.lintNow();
      } catch (error) {
        this.hooks.onScheduledLintFailed(error);
      }
    });
  }

  /** Lints every open document now and reports the results. */
  lintNow(): readonly DocumentFindings[] {
    this.pending = false;
    // Each document's analysis (kept for hovers, symbols and semantic tokens) is also what the lint reads: one parse per version, not two.
    const documents = this.hooks.openDocuments().map((d) => ({ uri: d.uri, version: d.version, text: d.getText(), parsed: this.analysisOf(d) }));
    const results = lintOpenDocuments(documents, this.paths, undefined, this.hooks.settingsOf, this.hooks.context?.());
    this.findings = new Map(results.map((r) => [r.uri, r]));
    this.hooks.onLinted(results);
    return results;
  }

  /** The findings of the document's current version (linting first when they are stale). */
  findingsOf(document: TextDocument): DocumentFindings | undefined {
    const known = this.findings.get(document.uri);
    if (known !== undefined && known.version === document.version) return known;
    return this.lintNow().find((r) => r.uri === document.uri);
  }

  analysisOf(document: TextDocument): DocumentAnalysis {
    const cached = this.analyses.get(document.uri);
    if (cached !== undefined && cached.version === document.version) return cached.analysis;
    const analysis = analyzeDocument(document.getText(), DocumentPaths.baseName(document.uri));
    this.analyses.set(document.uri, { version: document.version, analysis });
    return analysis;
  }

  /** The document as the linter reads it: the same input the latest lint used (fix-all lints it again). */
  inputOf(uri: string, text: string): LintInput {
    return inputOf({ uri, version: 0, text }, this.paths, this.hooks.settingsOf);
  }

  forget(uri: string): void {
    this.findings.delete(uri);
    this.analyses.delete(uri);
  }
}
