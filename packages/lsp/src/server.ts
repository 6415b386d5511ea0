/**
 * The language server: binds the pure features (src/features) to an LSP
 * connection. Documents sync incrementally; the open documents are linted
 * together after each open, change or close, with the workspace index's facts
 * of every config on disk as context (src/workspace), and their diagnostics
 * pushed (only those that changed) or pulled. Every request handler runs
 * through `runSafe`.
 */
import { fileURLToPath } from "node:url";
import {
  CodeActionKind,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type ClientCapabilities,
  type Connection,
  type InlayHintParams,
  type ReferenceParams,
  type SelectionRangeParams,
  type InitializeParams,
  type InitializeResult,
} from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
import { allRules, DEFAULT_HOST } from "@xlint/linter";
import { ruleDocsBase } from "@xlint/files";
import { codeActionsFor } from "./features/code-actions";
import { completeAt } from "./features/completion";
import { lintFailureDiagnostic, toLspDiagnostics, type DiagnosticOptions } from "./features/diagnostics";
import { fixAllAction, FIX_ALL_KIND } from "./features/fix-all";
import { formatDocument, formatRange, type FormattingResult } from "./features/formatting";
import { EditorLines } from "./features/positions";
import { hoverAt } from "./features/hover";
import { documentLinks } from "./features/document-links";
import { documentDump, documentStatus, ruleDoc } from "./features/extension-requests";
import { documentSymbols } from "./features/document-symbols";
import { foldingRanges } from "./features/folding-ranges";
import { inlayHints } from "./features/inlay-hints";
import { openDocumentsView } from "./features/open-documents-view";
import { referencesAt } from "./features/references";
import { selectionRanges } from "./features/selection-ranges";
import { SEMANTIC_TOKENS_LEGEND, semanticTokens } from "./features/semantic-tokens";
import { workspaceSymbols } from "./features/workspace-symbols";
import { ConfigurationBinding, CONFIGURATION_COMMANDS, ServerConfiguration } from "./config";
import { DUMP_REQUEST, RULE_DOC_REQUEST, STATUS_REQUEST, type DumpParams, type DumpResult, type RuleDocParams, type RuleDocResult, type StatusParams, type StatusResult } from "./protocol";
import { runLogged, runSafe } from "./safe-handler";
import { indexView } from "./workspace/index-view";
import { PublishedDiagnostics } from "./workspace/published-diagnostics";
import { bindPullDiagnostics, clientPullsDiagnostics, PULL_DIAGNOSTICS_CAPABILITY, refreshWhenOthersChanged } from "./workspace/pull-diagnostics";
import { WorkspaceBinding } from "./workspace/workspace-binding";
import { DocumentPaths } from "./workspace/document-paths";
import type { DocumentFindings } from "./workspace/lint-open-documents";
import { OpenDocumentsState } from "./workspace/open-documents-state";
import { EMPTY_WORKSPACE, type WorkspaceView } from "./workspace/workspace-view";

export const SERVER_NAME = "xl-language-server";

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const log = (message: string): void => connection.console.error(message);
  let state: OpenDocumentsState | undefined;
  /** Client settings, this machine's host facts and xlint.json (src/config); made at initialize. */
  let configuration: ServerConfiguration | undefined;
  let configBinding: ConfigurationBinding | undefined;
  /** The workspace index (src/workspace): every config of the folders as facts and symbols; made at initialize. */
  let workspaceBinding: WorkspaceBinding | undefined;
  /** What the client was last given per document: only changes are pushed; pulled reports' result ids. */
  const published = new PublishedDiagnostics();
  let clientCapabilities: ClientCapabilities | undefined;
  const docsBase = ruleDocsBase();
  /** What features read of the whole workspace (names, MACs, disk targets, bridges of every config). */
  let workspace: WorkspaceView = EMPTY_WORKSPACE;

  /** `text`: the document the findings are about, whose lines the editor may count differently (positions.ts). */
  const diagnosticOptions = (paths: DocumentPaths, text: string): DiagnosticOptions => ({ docsBase, uriOfPath: (p) => paths.uriOf(p), lines: EditorLines.of(text) });

  /** Whether the client takes snippets in completions (set from its capabilities at initialize). */
  let snippetSupport = false;
  connection.onInitialize((params): InitializeResult => {
    snippetSupport = params.capabilities.textDocument?.completion?.completionItem?.snippetSupport === true;
    const folders = workspaceFolderPaths(params);
    const paths = new DocumentPaths(folders);
    const config = new ServerConfiguration({ workspaceFolders: folders, log: { info: (m) => connection.console.info(m), warn: (m) => connection.console.warn(m) } });
    config.setInitializationOptions(params.initializationOptions);
    config.onDidChange(() => state?.scheduleLint());
    configuration = config;
    configBinding = new ConfigurationBinding(connection, config, params.capabilities);
    clientCapabilities = params.capabilities;
    const pulls = clientPullsDiagnostics(params.capabilities);
    const index = new WorkspaceBinding({
      connection,
      capabilities: params.capabilities,
      paths,
      resolver: () => config.resolver(),
      reloadConfiguration: () => config.reload(),
      onContextChanged: () => {
        state?.scheduleLint();
        refreshWhenOthersChanged(connection, params.capabilities, pulls);
      },
      log,
    });
    workspaceBinding = index;
    workspace = indexView(index.index, () => openDocumentsNow());
    // Settings, host facts or an xlint.json changed: every indexed file is read again under them.
    config.onDidChange(() => void index.rebuild().catch((error: unknown) => log(`xlint: indexing failed: ${String(error)}`)));
    const diagnosticsOf = (result: DocumentFindings) =>
      result.failure === undefined ? toLspDiagnostics(result.findings, diagnosticOptions(paths, result.text)) : [lintFailureDiagnostic(result.failure.message)];
    const publish = (result: DocumentFindings): boolean => {
      if (result.failure !== undefined) log(`xlint: linting ${result.uri} failed: ${result.failure.detail}`);
      const diagnostics = diagnosticsOf(result);
      const update = published.update(result.uri, result.version, diagnostics);
      if (!pulls && update.push) void connection.sendDiagnostics({ uri: result.uri, version: result.version, diagnostics });
      return update.changed && !update.versionChanged;
    };
    if (pulls) {
      bindPullDiagnostics({
        connection,
        log,
        documents,
        findingsOf: (document) => ready().findingsOf(document),
        diagnosticsOf,
        toDiagnostics: (findings, text) => toLspDiagnostics(findings, diagnosticOptions(paths, text)),
        published,
        workspace: () => index,
        paths,
        resolver: () => config.resolver(),
        rules: allRules,
      });
    }
    state = new OpenDocumentsState(paths, {
      openDocuments: () => documents.all(),
      // Every open document is linted; only those whose diagnostics changed (or whose text did) are sent.
      onLinted: (results) => {
        const crossFileChanges = results.map(publish).some((crossFile) => crossFile);
        refreshWhenOthersChanged(connection, params.capabilities, pulls && crossFileChanges);
      },
      context: () => index.index.context,
      onScheduledLintFailed: (error) => log(`xlint: linting the open documents failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
      settingsOf: (uri) => config.lintSettingsOf(uri),
    });
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        // `=` and `,` open the menus inside disk, vif and pci specs (values after `key=`, the next parameter).
        completionProvider: { triggerCharacters: ['"', "=", ","] },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        documentFormattingProvider: true,
        documentRangeFormattingProvider: true,
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        foldingRangeProvider: true,
        selectionRangeProvider: true,
        semanticTokensProvider: { legend: SEMANTIC_TOKENS_LEGEND, full: true },
        documentLinkProvider: { resolveProvider: false },
        inlayHintProvider: true,
        referencesProvider: true,
        executeCommandProvider: { commands: [...CONFIGURATION_COMMANDS] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
        ...(pulls ? { diagnosticProvider: PULL_DIAGNOSTICS_CAPABILITY } : {}),
      },
      serverInfo: { name: SERVER_NAME, version: "0.1.0" },
    };
  });

  const ready = (): OpenDocumentsState => {
    if (state === undefined) throw new Error("the client sent a request before initialize");
    return state;
  };

  connection.onInitialized(() => {
    // The settings first, so that the index reads the files under them.
    void configBinding
      ?.initialized()
      .catch((error: unknown) => log(`xlint: reading the settings failed: ${String(error)}`))
      .then(() => workspaceBinding?.initialized())
      .catch((error: unknown) => log(`xlint: indexing the workspace failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`));
    if (clientCapabilities?.workspace?.workspaceFolders === true) {
      connection.workspace.onDidChangeWorkspaceFolders((event) => runLogged(log, "changing workspace folders", () => workspaceBinding?.didChangeWorkspaceFolders(event)));
    }
  });
  connection.onDidChangeWatchedFiles((params) => runLogged(log, "following changed files", () => workspaceBinding?.didChangeWatchedFiles(params)));
  connection.onDidChangeConfiguration((params) => void configBinding?.didChangeConfiguration(params).catch((error: unknown) => log(`xlint: applying the settings failed: ${String(error)}`)));
  connection.onExecuteCommand((params, token) =>
    runSafe(log, `command ${params.command}`, token, () => {
      const answer = configBinding?.executeCommand(params);
      if (answer === undefined) throw new Error(`unknown command ${params.command}`);
      return answer;
    }),
  );
  /** The host profile features show (hover, completion): the document's, as its lint sees it. */
  const hostOf = (uri: string) => configuration?.lintSettingsOf(uri).host ?? DEFAULT_HOST;

  documents.onDidOpen(() => runLogged(log, "linting after open", () => ready().scheduleLint()));
  documents.onDidChangeContent(() => runLogged(log, "linting after a change", () => ready().scheduleLint()));
  documents.onDidClose((event) =>
    runLogged(log, "closing a document", () => {
      ready().forget(event.document.uri);
      published.forget(event.document.uri);
      void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
      ready().scheduleLint();
    }),
  );

  connection.onHover((params, token) =>
    runSafe(log, "hover", token, () => {
      const document = documents.get(params.textDocument.uri);
      if (document === undefined) return null;
      return hoverAt(ready().analysisOf(document), document.offsetAt(params.position), { findings: ready().findingsOf(document)?.findings ?? [], docsBase, host: hostOf(document.uri) });
    }),
  );

  connection.onCompletion((params, token) =>
    runSafe(log, "completion", token, () => {
      const document = documents.get(params.textDocument.uri);
      if (document === undefined) return [];
      const { line, character } = params.position;
      const lineText = document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$/, "");
      const analysis = ready().analysisOf(document);
      return completeAt({ analysis, offset: document.offsetAt(params.position), line, lineText, column: character, host: hostOf(document.uri), workspace, random: Math.random, snippets: snippetSupport });
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
        diagnosticOptions: diagnosticOptions(ready().paths, current.text),
        fixAll: () => fixAllAction({ uri: document.uri, input: ready().inputOf(document.uri, current.text), rules: allRules }),
      });
    }),
  );

  const formattingEdits = (uri: string, format: (text: string) => FormattingResult) => {
    const document = documents.get(uri);
    if (document === undefined) return [];
    const result = format(document.getText());
    if ("refused" in result) {
      connection.console.info(`xlint: not formatting ${uri}: ${result.refused}`);
      return [];
    }
    return result.edits;
  };
  connection.onDocumentFormatting((params, token) => runSafe(log, "formatting", token, () => formattingEdits(params.textDocument.uri, formatDocument)));
  connection.onDocumentRangeFormatting((params, token) =>
    runSafe(log, "range formatting", token, () => formattingEdits(params.textDocument.uri, (text) => formatRange(text, params.range))),
  );

  // The open documents at their current text, then every indexed config that is not open.
  const openDocumentsNow = () => documents.all().map((d) => ({ uri: d.uri, path: ready().paths.pathOf(d.uri), analysis: () => ready().analysisOf(d) }));
  // Before initialize there is no index; onInitialize puts the index's view in its place.
  workspace = openDocumentsView(openDocumentsNow);

  /** Binds a navigation request on one document: no answer for a document the client has not opened. */
  const onDocument =
    <P extends { textDocument: { uri: string } }, R>(name: string, none: R, answer: (document: TextDocument, params: P) => R) =>
    (params: P, token: CancellationToken) =>
      runSafe(log, name, token, () => {
        const document = documents.get(params.textDocument.uri);
        return document === undefined ? none : answer(document, params);
      });
  connection.onDocumentSymbol(onDocument("document symbols", [], (d) => documentSymbols(ready().analysisOf(d))));
  connection.onWorkspaceSymbol((params, token) => runSafe(log, "workspace symbols", token, () => workspaceSymbols(workspace, params.query)));
  connection.onFoldingRanges(onDocument("folding ranges", [], (d) => foldingRanges(ready().analysisOf(d))));
  connection.onSelectionRanges(onDocument("selection ranges", [], (d, p: SelectionRangeParams) => selectionRanges(ready().analysisOf(d), p.positions.map((q) => d.offsetAt(q)))));
  connection.languages.semanticTokens.on(onDocument("semantic tokens", { data: [] }, (d) => semanticTokens(ready().analysisOf(d))));
  connection.onDocumentLinks(onDocument("document links", [], (d) => documentLinks(ready().analysisOf(d))));
  connection.languages.inlayHint.on(onDocument("inlay hints", [], (d, p: InlayHintParams) => inlayHints(ready().analysisOf(d), p.range)));
  connection.onReferences(
    onDocument("references", null, (d, p: ReferenceParams) =>
      referencesAt({ analysis: ready().analysisOf(d), uri: d.uri, offset: d.offsetAt(p.position), workspace, includeDeclaration: p.context.includeDeclaration }),
    ),
  );

  // The server's own requests (src/protocol.ts), for the VS Code extension's status bar and commands.
  /** The settings a document is linted under (host profile, stated guest OS): the assumptions they report are the findings'. */
  const documentSettingsOf = (uri: string) => configuration?.lintSettingsOf(uri) ?? {};
  connection.onRequest(
    STATUS_REQUEST,
    onDocument<StatusParams, StatusResult | null>("xlint status", null, (d) => documentStatus(ready().analysisOf(d), documentSettingsOf(d.uri), workspaceBinding?.index ?? { isBuilding: false, size: 0 })),
  );
  connection.onRequest(RULE_DOC_REQUEST, (params: RuleDocParams, token: CancellationToken) =>
    runSafe(log, "xlint rule doc", token, (): RuleDocResult | null => (typeof params?.ruleId === "string" ? (ruleDoc(params.ruleId) ?? null) : null)),
  );
  connection.onRequest(
    DUMP_REQUEST,
    onDocument<DumpParams, DumpResult | null>("xlint dump", null, (d) => documentDump(ready().analysisOf(d), documentSettingsOf(d.uri), ready().paths.pathOf(d.uri))),
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
