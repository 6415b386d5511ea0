/**
 * The WorkspaceView the features read once the index exists: every open
 * document at its current text (SYMBOLS' open-documents view), then every
 * indexed config that is not open (an open document replaces its file on
 * disk, matched by the path both are named by).
 */
import { openDocumentsView, type OpenDocument } from "../features/open-documents-view";
import type { WorkspaceIndex } from "./workspace-index";
import type { WorkspaceFileSymbols, WorkspaceView } from "./workspace-view";

export function indexView(index: WorkspaceIndex, openDocuments: () => Iterable<OpenDocument>): WorkspaceView {
  const open = openDocumentsView(openDocuments);
  return {
    *files(): Iterable<WorkspaceFileSymbols> {
      const openPaths = new Set<string>();
      for (const file of open.files()) {
        openPaths.add(file.path);
        yield file;
      }
      for (const file of index.files()) if (!openPaths.has(file.path)) yield file;
    },
  };
}
