/**
 * Workspace symbols: the guests of the workspace by name, their MACs and
 * their disk targets, read from the WorkspaceView (so configs on disk count
 * once the index holds them). A symbol matches when the query is part of its
 * value, case ignored (an empty query matches everything); at most `limit`
 * symbols are returned, since a workspace may hold thousands of guests.
 */
import { SymbolKind, type SymbolInformation } from "vscode-languageserver";
import type { WorkspaceSymbolKind, WorkspaceView } from "../workspace/workspace-view";
import { lspRangeOfPlace } from "./symbol-facts";

export const WORKSPACE_SYMBOL_LIMIT = 500;

const SHOWN: ReadonlyMap<WorkspaceSymbolKind, SymbolKind> = new Map([
  ["guest-name", SymbolKind.Module],
  ["mac", SymbolKind.Constant],
  ["disk-target", SymbolKind.File],
]);

export function workspaceSymbols(view: WorkspaceView, query: string, limit = WORKSPACE_SYMBOL_LIMIT): SymbolInformation[] {
  const wanted = query.trim().toLowerCase();
  const found: SymbolInformation[] = [];
  for (const file of view.files()) {
    const guest = file.symbols.find((s) => s.kind === "guest-name")?.value;
    for (const fact of file.symbols) {
      const kind = SHOWN.get(fact.kind);
      if (kind === undefined || !fact.value.toLowerCase().includes(wanted)) continue;
      const container = fact.kind === "guest-name" || guest === undefined ? file.path : `${guest} (${file.path})`;
      found.push({ name: fact.value, kind, location: { uri: file.uri, range: lspRangeOfPlace(fact.place) }, containerName: container });
      if (found.length >= limit) return found;
    }
  }
  return found;
}
