/**
 * A WorkspaceView over the open documents only: each open document's symbol
 * facts, from its analysis at its current version. The workspace index's view
 * (workspace/index-view.ts) puts it before the configs on disk, so an open
 * document counts at its current text; before initialize it is the view.
 * Facts are kept per analysis object, and the server keeps one analysis per
 * document version, so a request reads each open document's facts once per
 * change.
 */
import type { SymbolFact, WorkspaceFileSymbols, WorkspaceView } from "../workspace/workspace-view";
import type { DocumentAnalysis } from "./document-analysis";
import { symbolFactsOf } from "./symbol-facts";

export interface OpenDocument {
  readonly uri: string;
  /** The path shown in messages (relative to the workspace folder). */
  readonly path: string;
  readonly analysis: () => DocumentAnalysis;
}

export function openDocumentsView(openDocuments: () => Iterable<OpenDocument>): WorkspaceView {
  const factsByAnalysis = new WeakMap<DocumentAnalysis, readonly SymbolFact[]>();
  const factsOf = (analysis: DocumentAnalysis): readonly SymbolFact[] => {
    let facts = factsByAnalysis.get(analysis);
    if (facts === undefined) {
      facts = symbolFactsOf(analysis);
      factsByAnalysis.set(analysis, facts);
    }
    return facts;
  };
  return {
    *files(): Iterable<WorkspaceFileSymbols> {
      for (const document of openDocuments()) yield { uri: document.uri, path: document.path, symbols: factsOf(document.analysis()) };
    },
  };
}
