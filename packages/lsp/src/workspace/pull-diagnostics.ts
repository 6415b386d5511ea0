/**
 * Pull diagnostics, for clients that ask for them (`textDocument.diagnostic`
 * in their capabilities) instead of taking pushed ones:
 *
 * - `textDocument/diagnostic`: an open document's findings at its current
 *   version (linted first when stale), with a result id that changes exactly
 *   when its diagnostics do, so an unchanged document is answered
 *   "unchanged";
 * - `workspace/diagnostic`: the indexed configs that are not open
 *   (workspace-diagnostics.ts). A client that pulls again although nothing
 *   changed since its last answer waits for the next change (or its
 *   cancellation) rather than making the server lint every file again.
 *
 * When what one open document's findings depend on changes without its own
 * version changing (another document, a file on disk), the client is asked
 * to pull again (`workspace/diagnostic/refresh`).
 */
import type { ConfigResolver } from "@xlint/files";
import type { Rule } from "@xlint/linter";
import { ResponseError } from "vscode-languageserver";
import type {
  Connection,
  DiagnosticServerCancellationData,
  Diagnostic,
  DocumentDiagnosticReport,
  ServerCapabilities,
  ClientCapabilities,
  WorkspaceDiagnosticReport,
} from "vscode-languageserver";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { runSafe, runSafeAsync, type Log } from "../safe-handler";
import type { DocumentPaths } from "./document-paths";
import type { DocumentFindings } from "./lint-open-documents";
import type { PublishedDiagnostics } from "./published-diagnostics";
import type { WorkspaceBinding } from "./workspace-binding";
import { workspaceReports } from "./workspace-diagnostics";
import type { Diagnostic as Finding } from "@xlint/linter";

export interface PullDependencies {
  readonly connection: Connection;
  readonly log: Log;
  readonly documents: { get(uri: string): TextDocument | undefined; all(): TextDocument[] };
  readonly findingsOf: (document: TextDocument) => DocumentFindings | undefined;
  /** A document's findings as LSP diagnostics (the same as pushed ones). */
  readonly diagnosticsOf: (result: DocumentFindings) => Diagnostic[];
  readonly toDiagnostics: (findings: readonly Finding[], text: string) => Diagnostic[];
  readonly published: PublishedDiagnostics;
  readonly workspace: () => WorkspaceBinding;
  readonly paths: DocumentPaths;
  readonly resolver: () => ConfigResolver;
  readonly rules: readonly Rule[];
}

/** Whether the client pulls diagnostics: then the server answers pulls and pushes nothing. */
export function clientPullsDiagnostics(capabilities: ClientCapabilities): boolean {
  return capabilities.textDocument?.diagnostic !== undefined;
}

export const PULL_DIAGNOSTICS_CAPABILITY: NonNullable<ServerCapabilities["diagnosticProvider"]> = {
  identifier: "xlint",
  // An open document's cross-file findings follow other files.
  interFileDependencies: true,
  workspaceDiagnostics: true,
};

export function bindPullDiagnostics(deps: PullDependencies): void {
  const { connection, log } = deps;
  connection.languages.diagnostics.on((params, token) =>
    withRetrigger(runSafe(log, "document diagnostics", token, (): DocumentDiagnosticReport => {
      const document = deps.documents.get(params.textDocument.uri);
      if (document === undefined) return { kind: "full", items: [] };
      const current = deps.findingsOf(document);
      if (current === undefined) return { kind: "full", items: [] };
      const items = deps.diagnosticsOf(current);
      const { resultId } = deps.published.update(document.uri, current.version, items);
      return params.previousResultId === resultId ? { kind: "unchanged", resultId } : { kind: "full", resultId, items };
    })),
  );

  /** The index generation of the latest workspace answer. */
  let answered: number | undefined;
  connection.languages.diagnostics.onWorkspace(async (params, token) =>
    withRetrigger(await runSafeAsync(log, "workspace diagnostics", token, async (): Promise<WorkspaceDiagnosticReport> => {
      const binding = deps.workspace();
      await binding.index.settled();
      if (answered !== undefined && params.previousResultIds.length > 0) await binding.waitForChange(answered, () => token.isCancellationRequested);
      if (token.isCancellationRequested) return { items: [] };
      const generation = binding.generation;
      const openPaths = new Set(deps.documents.all().map((d) => deps.paths.pathOf(d.uri)));
      const items = await workspaceReports({
        index: binding.index,
        resolver: deps.resolver(),
        rules: deps.rules,
        isOpen: (shown) => openPaths.has(shown),
        toDiagnostics: deps.toDiagnostics,
        previous: new Map(params.previousResultIds.map((p) => [p.uri, p.value])),
        token,
      });
      answered = generation;
      return { items };
    })),
  );
}

/** A failed or cancelled pull, in the form diagnostic requests answer errors: the client may pull again. */
function withRetrigger<R>(result: R | ResponseError<void>): R | ResponseError<DiagnosticServerCancellationData> {
  return result instanceof ResponseError ? new ResponseError(result.code, result.message, { retriggerRequest: true }) : result;
}

/** After a lint in pull mode: asks the client to pull again when a document's findings changed without its text changing. */
export function refreshWhenOthersChanged(connection: Connection, capabilities: ClientCapabilities, crossFileChange: boolean): void {
  if (!crossFileChange || capabilities.workspace?.diagnostics?.refreshSupport !== true) return;
  void connection.languages.diagnostics.refresh().catch(() => undefined);
}
