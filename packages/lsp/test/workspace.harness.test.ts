/**
 * The workspace index through the built server, over stdio: an open config
 * that collides (same MAC, same name) with a config on disk that is not open
 * gets the cross-file findings, with related places in the unopened file;
 * editing the open one clears them; changing and deleting the unopened one on
 * disk (reported with workspace/didChangeWatchedFiles) updates them. The index
 * is built with work-done progress while the server answers requests, and a
 * client that pulls diagnostics gets document and workspace reports.
 */
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import {
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidChangeWorkspaceFoldersNotification,
  DidOpenTextDocumentNotification,
  DocumentDiagnosticRequest,
  FileChangeType,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  RegistrationRequest,
  WorkDoneProgressCreateRequest,
  WorkspaceDiagnosticRequest,
  type ClientCapabilities,
  type Diagnostic,
  type PublishDiagnosticsParams,
} from "vscode-languageserver-protocol/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LspClient } from "./lsp-client";

const config = (name: string, mac: string): string => [`name = "${name}"`, 'type = "pvh"', 'kernel = "/boot/vmlinuz"', "memory = 512", `vif = [ "mac=${mac},bridge=xenbr0" ]`, ""].join("\n");
const OPEN_TEXT = config("alpha", "00:16:3e:00:00:01");
/** How many configs the big folder holds: enough that indexing it outlasts a hover. */
const BIG = 3000;

let root: string;
let small: string;
let big: string;
const uriOf = (file: string): string => pathToFileURL(file).href;
const rules = (p: PublishDiagnosticsParams): (string | number | undefined)[] => p.diagnostics.map((d) => d.code);
const crossFile = (d: Diagnostic): boolean => d.code === "duplicate-mac" || d.code === "duplicate-name";

interface Session {
  readonly client: LspClient;
  readonly progress: string[];
  readonly registrations: string[];
}

async function startSession(folders: readonly string[], capabilities: ClientCapabilities): Promise<Session> {
  const client = LspClient.start();
  const progress: string[] = [];
  const registrations: string[] = [];
  client.connection.onRequest(WorkDoneProgressCreateRequest.type, () => undefined);
  client.connection.onRequest(RegistrationRequest.type, (params) => {
    registrations.push(...params.registrations.map((r) => r.method));
  });
  client.connection.onNotification("$/progress", (params: { value: { kind: string } }) => {
    progress.push(params.value.kind);
  });
  await client.connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: null,
    workspaceFolders: folders.map((f) => ({ uri: uriOf(f), name: path.basename(f) })),
    capabilities,
  });
  await client.connection.sendNotification(InitializedNotification.type, {});
  return { client, progress, registrations };
}

async function stopSession(session: Session | undefined): Promise<void> {
  if (session === undefined) return;
  await session.client.shutdown();
}

async function until(condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

beforeAll(() => {
  // The bundle is built once per run, by test/global-setup.ts.
  root = mkdtempSync(path.join(tmpdir(), "xlint-ws-"));
  small = path.join(root, "configs");
  big = path.join(root, "fleet");
  mkdirSync(path.join(small, "guests"), { recursive: true });
  writeFileSync(path.join(small, "alpha.cfg"), OPEN_TEXT);
  writeFileSync(path.join(small, "guests", "beta.cfg"), config("alpha", "00:16:3e:00:00:01"));
  writeFileSync(path.join(small, "guests", "gamma.cfg"), config("gamma", "00:16:3e:00:00:03"));
  for (let i = 0; i < BIG; i++) {
    const folder = path.join(big, `rack${Math.floor(i / 500)}`);
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, `g${i}.cfg`), config(`fleet${i}`, `00:16:3e:01:${((i >> 8) & 0xff).toString(16).padStart(2, "0")}:${(i & 0xff).toString(16).padStart(2, "0")}`));
  }
}, 120_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("the workspace index, pushing diagnostics", () => {
  let session: Session | undefined;
  const alpha = () => uriOf(path.join(small, "alpha.cfg"));
  const beta = () => path.join(small, "guests", "beta.cfg");

  beforeAll(async () => {
    session = await startSession([small, big], {
      window: { workDoneProgress: true },
      workspace: { didChangeWatchedFiles: { dynamicRegistration: true }, workspaceFolders: true },
    });
    await session.client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: alpha(), languageId: "xl", version: 1, text: OPEN_TEXT } });
  }, 60_000);
  afterAll(() => stopSession(session));

  it("answers a hover while it indexes, and reports the indexing as work-done progress", async () => {
    const s = session as Session;
    const hover = await s.client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: alpha() }, position: { line: 3, character: 1 } });
    expect(JSON.stringify(hover)).toContain("memory");
    // Answered before the index of 3,000 configs was done.
    expect(s.progress).not.toContain("end");
    await until(() => s.progress.includes("end"), 120_000);
    expect(s.progress[0]).toBe("begin");
    expect(s.progress).toContain("report");
    expect(s.registrations).toContain(DidChangeWatchedFilesNotification.method);
  }, 130_000);

  it("reports the open config's collisions with an unopened one, pointing into it", async () => {
    const s = session as Session;
    const found = await s.client.diagnostics(alpha(), (p) => rules(p).includes("duplicate-mac") && rules(p).includes("duplicate-name"), 60_000);
    for (const diagnostic of found.diagnostics.filter(crossFile)) {
      expect(diagnostic.relatedInformation?.[0]?.location.uri).toBe(uriOf(beta()));
      expect(diagnostic.relatedInformation?.[0]?.location.range.start.line).toBe(diagnostic.code === "duplicate-name" ? 0 : 4);
    }
  }, 70_000);

  it("clears them when the open config is edited apart, and follows the unopened file on disk", async () => {
    const s = session as Session;
    await s.client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: alpha(), version: 2 },
      contentChanges: [{ text: config("alpha2", "00:16:3e:00:00:02") }],
    });
    const cleared = await s.client.diagnostics(alpha(), (p) => p.version === 2);
    expect(cleared.diagnostics.filter(crossFile)).toEqual([]);

    // beta.cfg takes the open file's new MAC on disk.
    writeFileSync(beta(), config("beta", "00:16:3e:00:00:02"));
    await s.client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf(beta()), type: FileChangeType.Changed }] });
    const again = await s.client.diagnostics(alpha(), (p) => rules(p).includes("duplicate-mac"));
    expect(again.diagnostics.find((d) => d.code === "duplicate-mac")?.relatedInformation?.[0]?.location.uri).toBe(uriOf(beta()));
    expect(rules(again)).not.toContain("duplicate-name");

    unlinkSync(beta());
    await s.client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf(beta()), type: FileChangeType.Deleted }] });
    const gone = await s.client.diagnostics(alpha(), (p) => !rules(p).includes("duplicate-mac"));
    expect(gone.diagnostics.filter(crossFile)).toEqual([]);
  }, 60_000);

  it("reads the configuration again and re-indexes when an xlint.json appears", async () => {
    const s = session as Session;
    writeFileSync(beta(), config("beta", "00:16:3e:00:00:02"));
    await s.client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf(beta()), type: FileChangeType.Created }] });
    await s.client.diagnostics(alpha(), (p) => rules(p).includes("duplicate-mac"));
    const settings = path.join(small, "xlint.json");
    writeFileSync(settings, '{ "ignore": ["guests/**"] }\n');
    try {
      await s.client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf(settings), type: FileChangeType.Created }] });
      // guests/ is ignored now, like `xlint DIR` would: beta.cfg is no longer compared.
      const ignored = await s.client.diagnostics(alpha(), (p) => !rules(p).includes("duplicate-mac"), 30_000);
      expect(ignored.diagnostics.filter(crossFile)).toEqual([]);
    } finally {
      unlinkSync(settings);
      await s.client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf(settings), type: FileChangeType.Deleted }] });
    }
    // Without it guests/ is indexed again: beta.cfg's MAC is back.
    await s.client.diagnostics(alpha(), (p) => rules(p).includes("duplicate-mac"), 30_000);
  }, 60_000);

  it("follows workspace folders that go and come back", async () => {
    const s = session as Session;
    await s.client.diagnostics(alpha(), (p) => rules(p).includes("duplicate-mac"));
    const folder = { uri: uriOf(small), name: "configs" };
    await s.client.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, { event: { added: [], removed: [folder] } });
    await s.client.diagnostics(alpha(), (p) => !rules(p).includes("duplicate-mac"), 30_000);
    await s.client.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, { event: { added: [folder], removed: [] } });
    const back = await s.client.diagnostics(alpha(), (p) => rules(p).includes("duplicate-mac"), 30_000);
    expect(back.diagnostics.find((d) => d.code === "duplicate-mac")?.relatedInformation?.[0]?.location.uri).toBe(uriOf(beta()));
  }, 70_000);

  afterAll(() => writeFileSync(beta(), config("alpha", "00:16:3e:00:00:01")));
});

describe("the workspace index, for a client that pulls diagnostics", () => {
  let session: Session | undefined;
  const alpha = () => uriOf(path.join(small, "alpha.cfg"));

  beforeAll(async () => {
    session = await startSession([small], { textDocument: { diagnostic: {} } });
    await session.client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: alpha(), languageId: "xl", version: 1, text: OPEN_TEXT } });
  }, 60_000);
  afterAll(() => stopSession(session));

  it("answers document pulls with result ids, and workspace pulls with the unopened files' findings", async () => {
    const s = session as Session;
    const pull = (previousResultId?: string) => s.client.connection.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: alpha() }, ...(previousResultId ? { previousResultId } : {}) });
    // The index is built after initialized: pull until the collision with beta.cfg shows.
    let first = await pull();
    const deadline = Date.now() + 30_000;
    while (!(first.kind === "full" && first.items.some((d) => d.code === "duplicate-mac")) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      first = await pull();
    }
    expect(first.kind).toBe("full");
    if (first.kind !== "full") return;
    expect(first.items.find((d) => d.code === "duplicate-mac")?.relatedInformation?.[0]?.location.uri).toBe(uriOf(path.join(small, "guests", "beta.cfg")));
    const second = await pull(first.resultId);
    expect(second).toEqual({ kind: "unchanged", resultId: first.resultId });

    const workspace = await s.client.connection.sendRequest(WorkspaceDiagnosticRequest.type, { previousResultIds: [] });
    const reported = workspace.items.map((item) => item.uri);
    expect(reported).toContain(uriOf(path.join(small, "guests", "beta.cfg")));
    // The open document is pulled per document; gamma.cfg has no findings.
    expect(reported).not.toContain(alpha());
    expect(reported).not.toContain(uriOf(path.join(small, "guests", "gamma.cfg")));
    const betaReport = workspace.items.find((item) => item.uri === uriOf(path.join(small, "guests", "beta.cfg")));
    expect(betaReport?.kind === "full" && betaReport.items.some((d) => d.code === "duplicate-mac" && d.relatedInformation?.[0]?.location.uri === alpha())).toBe(true);
  }, 60_000);
});
