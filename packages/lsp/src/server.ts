/**
 * The language server: binds the pure features (src/features) to an LSP
 * connection. Documents sync incrementally; diagnostics are pushed for every
 * open document after each open, change or close, linted together so that
 * the cross-file rules compare the open documents (files on disk that are
 * not open join with the workspace index, not built yet). Every request
 * handler runs through `runSafe`.
 */
import { fileURLToPath } from "node:url";
import {
  CodeActionKind,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
import { ruleDocsBase } from "@xlint/files";
import { codeActionsFor } from "./features/code-actions";
import { completeAt } from "./features/completion";
import { lintFailureDiagnostic, toLspDiagnostics, type DiagnosticOptions } from "./features/diagnostics";
import { formatDocument } from "./features/formatting";
import { hoverAt } from "./features/hover";
import { runLogged, runSafe } from "./safe-handler";
import { DocumentPaths } from "./workspace/document-paths";
import type { DocumentFindings } from "./workspace/lint-open-documents";
import { OpenDocumentsState } from "./workspace/open-documents-state";
import { EMPTY_WORKSPACE, type WorkspaceView } from "./workspace/workspace-view";

export const SERVER_NAME = "xl-language-server";

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const log = (message: string): void => connection.console.error(message);
  let state: OpenDocumentsState | undefined;
  const docsBase = ruleDocsBase();
  /** What features read of the whole workspace (names, MACs, disk targets, bridges of every config). */
  let workspace: WorkspaceView = EMPTY_WORKSPACE;

  const diagnosticOptions = (paths: DocumentPaths): DiagnosticOptions => ({ docsBase, uriOfPath: (p) => paths.uriOf(p) });

  connection.onInitialize((params): InitializeResult => {
    const paths = new DocumentPaths(workspaceFolderPaths(params));
    const publish = (result: DocumentFindings): void => {
      if (result.failure !== undefined) log(`xlint: linting ${result.uri} failed: ${result.failure.detail}`);
      const diagnostics = result.failure === undefined ? toLspDiagnostics(result.findings, diagnosticOptions(paths)) : [lintFailureDiagnostic(result.failure.message)];
      void connection.sendDiagnostics({ uri: result.uri, version: result.version, diagnostics });
    };
    state = new OpenDocumentsState(paths, {
      openDocuments: () => documents.all(),
      onLinted: (results) => results.forEach(publish),
      onScheduledLintFailed: (error) => log(`xlint: linting the open documents failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
    });
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['"'] },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        documentFormattingProvider: true,
      },
      serverInfo: { name: SERVER_NAME, version: "0.1.0" },
    };
  });

  const ready = (): OpenDocumentsState => {
    if (state === undefined) throw new Error("the client sent a request before initialize");
    return state;
  };

  documents.onDidOpen(() => runLogged(log, "linting after open", () => ready().scheduleLint()));
  documents.onDidChangeContent(() => runLogged(log, "linting after a change", () => ready().scheduleLint()));
  documents.onDidClose((event) =>
    runLogged(log, "closing a document", () => {
      ready().forget(event.document.uri);
      void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
      ready().scheduleLint();
    }),
  );

  connection.onHover((params, token) =>
    runSafe(log, "hover", token, () => {
      const document = documents.get(params.textDocument.uri);
      if (document === undefined) return null;
      return hoverAt(ready().analysisOf(document), document.offsetAt(params.position));
    }),
  );

  connection.onCompletion((params, token) =>
    runSafe(log, "completion", token, () => {
      const document = documents.get(params.textDocument.uri);
      if (document === undefined) return [];
      const { line, character } = params.position;
      const lineText = document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$/, "");
      return completeAt({ analysis: ready().analysisOf(document), offset: document.offsetAt(params.position), line, lineText, column: character });
    }),
  );

  connection.onCodeAction((params, token) =>
    runSafe(log, "code actions", token, () => {
      const document = documents.get(params.textDocument.uri);
      if (document === undefined) return [];
      const current = ready().findingsOf(document);
      if (current === undefined) return [];
      return codeActionsFor({
        uri: document.uri,
        text: current.text,
        findings: current.findings,
        range: params.range,
        only: params.context.only,
        diagnosticOptions: diagnosticOptions(ready().paths),
      });
    }),
  );

  connection.onDocumentFormatting((params, token) =>
    runSafe(log, "formatting", token, () => {
      const document = documents.get(params.textDocument.uri);
      if (document === undefined) return [];
      const result = formatDocument(document.getText());
      if ("refused" in result) {
        connection.console.info(`xlint: not formatting ${params.textDocument.uri}: ${result.refused}`);
        return [];
      }
      return result.edits;
    }),
  );

  documents.listen(connection);
  connection.listen();
}

/** The file system paths of the workspace folders (or the root), for naming documents relative to them. */
function workspaceFolderPaths(params: InitializeParams): string[] {
  const uris = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  const paths: string[] = [];
  for (const uri of uris) {
    if (!uri.startsWith("file:")) continue;
    try {
      paths.push(fileURLToPath(uri));
    } catch {
      // A folder URI we cannot turn into a path names documents by absolute path instead.
    }
  }
  return paths;
}
