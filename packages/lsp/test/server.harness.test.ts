/**
 * Drives the built server over stdio as an editor does: two open documents
 * that share a MAC (a cross-file finding with its related place), hover,
 * completion, a code action, formatting, a failing request, a change that
 * fixes the error and a close; then once more over Node IPC.
 */
import {
  CodeActionRequest,
  CompletionRequest,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentFormattingRequest,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  LSPErrorCodes,
  type CodeActionParams,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
} from "vscode-languageserver-protocol/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GUEST_A, GUEST_B } from "./fixtures";
import { LspClient } from "./lsp-client";

const FOLDER = "file:///srv/xen-configs";
const A = `${FOLDER}/alpha.cfg`;
const B = `${FOLDER}/beta.cfg`;
const MESSY = `${FOLDER}/messy.cfg`;

const hasRule = (rule: string) => (diagnostics: readonly Diagnostic[]) => diagnostics.some((d) => d.code === rule);
const itemsOf = (result: CompletionItem[] | CompletionList | null): CompletionItem[] => (result === null ? [] : Array.isArray(result) ? result : result.items);

let client: LspClient;

beforeAll(async () => {
  // The bundle is built once per run, by test/global-setup.ts.
  client = LspClient.start();
  const init = await client.connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: FOLDER,
    workspaceFolders: [{ uri: FOLDER, name: "xen-configs" }],
    capabilities: {},
  });
  expect(init.capabilities).toMatchObject({ hoverProvider: true, documentFormattingProvider: true, textDocumentSync: { change: 2 } });
  await client.connection.sendNotification(InitializedNotification.type, {});
  await client.open(A, GUEST_A);
  await client.open(B, GUEST_B);
}, 60_000);

afterAll(async () => {
  if (client === undefined) return;
  await client.shutdown();
});

describe("xl-language-server over stdio", () => {
  it("reports the shared MAC in both documents, each pointing at the other", async () => {
    const a = await client.diagnostics(A, (p) => hasRule("duplicate-mac")(p.diagnostics));
    const b = await client.diagnostics(B, (p) => hasRule("duplicate-mac")(p.diagnostics));
    const inA = a.diagnostics.find((d) => d.code === "duplicate-mac");
    expect(inA?.severity).toBe(1);
    expect(inA?.message).toContain("is also used by another vif");
    expect(inA?.codeDescription?.href).toMatch(/duplicate-mac\.md$/);
    expect(inA?.relatedInformation?.[0]?.location).toEqual({ uri: B, range: { start: { line: 3, character: 13 }, end: { line: 3, character: 30 } } });
    expect(b.diagnostics.find((d) => d.code === "duplicate-mac")?.relatedInformation?.[0]?.location.uri).toBe(A);
    expect(a.diagnostics.some((d) => d.code === "duplicate-key")).toBe(true);
  });

  it("answers a hover on a key with its docs", async () => {
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: A }, position: { line: 1, character: 2 } });
    expect(JSON.stringify(hover?.contents)).toContain("**memory**");
  });

  it("completes a key", async () => {
    const result = await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: A }, position: { line: 1, character: 3 } });
    expect(itemsOf(result).find((i) => i.label === "memory")?.textEdit).toMatchObject({ newText: "memory" });
  });

  it("offers the safe fix of a finding as the preferred quick fix", async () => {
    const range = { start: { line: 2, character: 0 }, end: { line: 2, character: 13 } };
    const actions = await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: A }, range, context: { diagnostics: [] } });
    const preferred = (actions ?? []).find((a) => "isPreferred" in a && a.isPreferred === true);
    expect(preferred).toMatchObject({ kind: "quickfix", diagnostics: [{ code: "duplicate-key" }] });
    expect((actions ?? []).map((a) => a.title)).toContain("Disable duplicate-key for this line");
  });

  it("formats a document", async () => {
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: MESSY, languageId: "xl", version: 1, text: 'name="messy"\nmemory   =   512\n' },
    });
    const edits = await client.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri: MESSY }, options: { tabSize: 2, insertSpaces: true } });
    expect(edits).toEqual([{ range: { start: { line: 0, character: 0 }, end: { line: 2, character: 0 } }, newText: 'name = "messy"\nmemory = 512\n' }]);
  });

  it("answers a request it cannot handle with an error, and lives on", async () => {
    // A code action request without its `context`: the handler fails inside; the client gets an error answer.
    const broken = { textDocument: { uri: A }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } } as unknown as CodeActionParams;
    await expect(client.connection.sendRequest(CodeActionRequest.type, broken)).rejects.toMatchObject({ code: LSPErrorCodes.RequestFailed });
    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: A }, position: { line: 0, character: 1 } });
    expect(JSON.stringify(hover?.contents)).toContain("**name**");
    expect(client.logs.join("\n")).toContain("code actions failed");
  });

  it("updates both documents' diagnostics when a change removes the shared MAC", async () => {
    const macLine = 3;
    const start = GUEST_B.split("\n")[macLine]?.indexOf("00:16:3e:00:00:01") ?? -1;
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: B, version: 2 },
      contentChanges: [{ range: { start: { line: macLine, character: start + 16 }, end: { line: macLine, character: start + 17 } }, text: "2" }],
    });
    const b = await client.diagnostics(B, (p) => p.version === 2);
    expect(hasRule("duplicate-mac")(b.diagnostics)).toBe(false);
    const a = await client.diagnostics(A, (p) => !hasRule("duplicate-mac")(p.diagnostics));
    expect(hasRule("duplicate-key")(a.diagnostics)).toBe(true);
    expect(client.alive).toBe(true);
  });

  it("clears a closed document's diagnostics and drops it from the other documents' comparisons", async () => {
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: B, version: 3 }, contentChanges: [{ text: GUEST_B }] });
    await client.diagnostics(A, (p) => hasRule("duplicate-mac")(p.diagnostics));
    await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: B } });
    await client.diagnostics(B, (p) => p.diagnostics.length === 0);
    await client.diagnostics(A, (p) => !hasRule("duplicate-mac")(p.diagnostics));
    expect(client.alive).toBe(true);
  });
});

describe("xl-language-server over Node IPC", () => {
  it("initializes and publishes diagnostics", async () => {
    const ipc = LspClient.startIpc();
    try {
      const init = await ipc.connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: {} });
      expect(init.serverInfo?.name).toBe("xl-language-server");
      await ipc.connection.sendNotification(InitializedNotification.type, {});
      const uri = "file:///srv/guest.cfg";
      await ipc.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: "xl", version: 1, text: "memroy = 1\n" } });
      const published = await ipc.diagnostics(uri, (p) => p.diagnostics.length > 0);
      expect(published.diagnostics.map((d) => d.code)).toContain("unknown-key");
    } finally {
      await ipc.stop();
    }
  });
});
