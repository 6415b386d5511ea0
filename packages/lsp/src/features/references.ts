/**
 * References: on a guest name, UUID, MAC, bridge or disk target, every place
 * with the same value (compared as the symbol facts compare them: MACs as xl
 * reads them, whatever their case or separators), in this document and in
 * every other config of the WorkspaceView. The document at hand is read from
 * its current analysis, the others from the view; the place under the
 * cursor is left out unless the client asks for the declaration.
 */
import type { Location } from "vscode-languageserver";
import type { SymbolFact, WorkspaceView } from "../workspace/workspace-view";
import type { DocumentAnalysis } from "./document-analysis";
import { lspRangeOfPlace, symbolFactsOf } from "./symbol-facts";

export interface ReferencesRequest {
  readonly analysis: DocumentAnalysis;
  readonly uri: string;
  readonly offset: number;
  readonly workspace: WorkspaceView;
  readonly includeDeclaration: boolean;
}

export function referencesAt(request: ReferencesRequest): Location[] | null {
  const { analysis, uri, offset, workspace } = request;
  const here = symbolFactsOf(analysis);
  const atCursor = here.find((f) => f.place.startOffset <= offset && offset <= f.place.endOffset);
  if (atCursor === undefined) return null;
  const same = (f: SymbolFact): boolean => f.kind === atCursor.kind && f.value === atCursor.value;
  const locations: Location[] = here
    .filter((f) => same(f) && (request.includeDeclaration || f !== atCursor))
    .map((f) => ({ uri, range: lspRangeOfPlace(f.place) }));
  for (const file of workspace.files()) {
    if (file.uri === uri) continue;
    for (const fact of file.symbols) if (same(fact)) locations.push({ uri: file.uri, range: lspRangeOfPlace(fact.place) });
  }
  return locations;
}
