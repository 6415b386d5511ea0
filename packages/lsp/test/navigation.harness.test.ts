/**
 * Drives the built server over stdio for the navigation features, with two
 * open guests that share a MAC (written differently), a bridge and a disk
 * image, one of them named with an astral character so that every column is
 * checked in UTF-16 units: document and workspace symbols, folding and
 * selection ranges, semantic tokens against the declared legend, document
 * links, inlay hints, and references across the open documents, which follow
 * an edit and a close; then, in a folder on disk, workspace symbols and
 * references that reach a config that is not open (through the index).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import {
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentLinkRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  InitializedNotification,
  InitializeRequest,
  InlayHintRequest,
  ReferencesRequest,
  SelectionRangeRequest,
  SemanticTokensRequest,
  WorkspaceSymbolRequest,
  type DocumentSymbol,
  type InitializeResult,
  type Location,
  type SelectionRange,
  type SymbolInformation,
} from "vscode-languageserver-protocol/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LspClient } from "./lsp-client";
import { offsetOf, positionAt, rangeOf } from "./text-places";

const FOLDER = "file:///srv/xen-configs";
const WEB = `${FOLDER}/web.cfg`;
const DB = `${FOLDER}/db.cfg`;

const WEB_TEXT = [
  "# the web guest",
  "# (front end)",
  'name = "🦊web"; memory = 2048',
  'kernel = "/boot/vmlinuz-6.1"',
  'vif = [ "mac=00:16:3E:0A:00:01,bridge=xenbr0",',
  '        "bridge=xenbr1" ]',
  'disk = [ "/srv/xen/shared.img,raw,xvda,w", "/srv/xen/🦊.img,raw,0x301,r" ]',
  "",
].join("\n");

const DB_TEXT = ['name = "db"', 'type = "pvh"', 'vif = [ "bridge=xenbr0,mac=0:16:3e:a:0:1" ]', 'disk = [ "/srv/xen/shared.img,raw,xvdb,r" ]', ""].join("\n");

let client: LspClient;
let init: InitializeResult;

beforeAll(async () => {
  // The bundle is built once per run, by test/global-setup.ts.
  client = LspClient.start();
  init = await client.connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: FOLDER,
    workspaceFolders: [{ uri: FOLDER, name: "xen-configs" }],
    capabilities: {},
  });
  await client.connection.sendNotification(InitializedNotification.type, {});
  await client.open(WEB, WEB_TEXT);
  await client.open(DB, DB_TEXT);
}, 60_000);

afterAll(async () => {
  if (client === undefined) return;
  await client.shutdown();
});

const web = { uri: WEB };
const at = (text: string, needle: string, plus = 0) => positionAt(text, offsetOf(text, needle) + plus);

describe("navigation over stdio", () => {
  it("declares each capability", () => {
    expect(init.capabilities).toMatchObject({
      documentSymbolProvider: true,
      workspaceSymbolProvider: true,
      foldingRangeProvider: true,
      selectionRangeProvider: true,
      documentLinkProvider: { resolveProvider: false },
      inlayHintProvider: true,
      referencesProvider: true,
      semanticTokensProvider: { full: true },
    });
    expect(init.capabilities.semanticTokensProvider?.legend.tokenTypes).toContain("property");
  });

  it("outlines a document: settings, with vifs and disks as children", async () => {
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: web })) as DocumentSymbol[];
    expect(symbols.map((s) => s.name)).toEqual(["name", "memory", "kernel", "vif", "disk"]);
    expect(symbols[1]?.selectionRange).toEqual(rangeOf(WEB_TEXT, "memory"));
    expect(symbols[3]?.children?.map((c) => c.name)).toEqual(["00:16:3e:0a:00:01 (xenbr0)", "bridge xenbr1"]);
    expect(symbols[4]?.children?.map((c) => c.name)).toEqual(["xvda → /srv/xen/shared.img", "0x301 → /srv/xen/🦊.img"]);
  });

  it("finds guests, MACs and disk targets across the open documents", async () => {
    const found = (await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: "00:16:3E:0A" })) as SymbolInformation[];
    expect(found.map((s) => [s.name, s.location.uri, s.location.range])).toEqual([
      ["00:16:3e:0a:00:01", WEB, rangeOf(WEB_TEXT, "00:16:3E:0A:00:01")],
      ["00:16:3e:0a:00:01", DB, rangeOf(DB_TEXT, "0:16:3e:a:0:1")],
    ]);
    const guests = (await client.connection.sendRequest(WorkspaceSymbolRequest.type, { query: "WEB" })) as SymbolInformation[];
    expect(guests[0]).toMatchObject({ name: "🦊web", location: { uri: WEB, range: rangeOf(WEB_TEXT, "🦊web") }, containerName: "web.cfg" });
  });

  it("folds the comment run and the list that spans lines", async () => {
    const folds = await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: web });
    expect(folds).toEqual([
      { startLine: 0, endLine: 1, kind: "comment" },
      { startLine: 4, endLine: 5 },
    ]);
  });

  it("expands a selection from a vif's bridge to the whole assignment", async () => {
    const [selection] = (await client.connection.sendRequest(SelectionRangeRequest.type, { textDocument: web, positions: [at(WEB_TEXT, "xenbr1", 2)] })) as SelectionRange[];
    const chain = [];
    for (let s: SelectionRange | undefined = selection; s !== undefined; s = s.parent) chain.push(s.range);
    expect(chain[0]).toEqual(rangeOf(WEB_TEXT, "xenbr1"));
    expect(chain[1]).toEqual(rangeOf(WEB_TEXT, "bridge=xenbr1"));
    expect(chain.at(-1)).toEqual({ start: at(WEB_TEXT, "vif"), end: at(WEB_TEXT, '" ]', 3) });
  });

  it("colours the document with the declared legend, in UTF-16 columns", async () => {
    const data = (await client.connection.sendRequest(SemanticTokensRequest.type, { textDocument: web }))?.data ?? [];
    expect(data.length).toBeGreaterThan(0);
    const legend = init.capabilities.semanticTokensProvider?.legend.tokenTypes ?? [];
    const lines = WEB_TEXT.split("\n");
    const tokens: string[] = [];
    let line = 0;
    let column = 0;
    for (let i = 0; i < data.length; i += 5) {
      const [dl, dc, length, type] = data.slice(i, i + 4) as [number, number, number, number];
      line += dl;
      column = dl === 0 ? column + dc : dc;
      tokens.push(`${legend[type]}:${(lines[line] ?? "").slice(column, column + length)}`);
    }
    expect(tokens.slice(0, 9)).toEqual(["comment:# the web guest", "comment:# (front end)", "property:name", "operator:=", 'string:"🦊web"', "property:memory", "operator:=", "number:2048", "property:kernel"]);
    expect(tokens).toContain("variable:0x301");
    expect(tokens).toContain("enumMember:/srv/xen/🦊.img");
    expect(tokens).toContain("parameter:bridge");
  });

  it("links the kernel and the disk images as file URIs", async () => {
    const links = await client.connection.sendRequest(DocumentLinkRequest.type, { textDocument: web });
    expect(links?.map((l) => [l.target, l.range])).toEqual([
      ["file:///boot/vmlinuz-6.1", rangeOf(WEB_TEXT, "/boot/vmlinuz-6.1")],
      ["file:///srv/xen/shared.img", rangeOf(WEB_TEXT, "/srv/xen/shared.img")],
      ["file:///srv/xen/%F0%9F%A6%8A.img", rangeOf(WEB_TEXT, "/srv/xen/🦊.img")],
    ]);
  });

  it("hints the memory in GiB, the decoded vdevs and the default guest type, within the range asked", async () => {
    const all = await client.connection.sendRequest(InlayHintRequest.type, { textDocument: web, range: { start: { line: 0, character: 0 }, end: { line: 8, character: 0 } } });
    expect(all?.map((h) => [h.label, h.position])).toEqual([
      ['type = "pv"', at(WEB_TEXT, '"🦊web"', 7)],
      ["2 GiB", at(WEB_TEXT, "2048", 4)],
      [`→ ${(202 << 8) | 0}`, at(WEB_TEXT, "xvda", 4)],
      ["→ hda1", at(WEB_TEXT, "0x301", 5)],
    ]);
    const line2 = await client.connection.sendRequest(InlayHintRequest.type, { textDocument: web, range: { start: { line: 2, character: 20 }, end: { line: 2, character: 40 } } });
    expect(line2?.map((h) => h.label)).toEqual(["2 GiB"]);
  });

  it("finds references to a MAC, a bridge and a disk target in both documents, and follows edits and closes", async () => {
    const refs = async (needle: string) =>
      ((await client.connection.sendRequest(ReferencesRequest.type, { textDocument: web, position: at(WEB_TEXT, needle, 1), context: { includeDeclaration: true } })) ?? []) as Location[];
    expect(await refs("00:16:3E:0A:00:01")).toEqual([
      { uri: WEB, range: rangeOf(WEB_TEXT, "00:16:3E:0A:00:01") },
      { uri: DB, range: rangeOf(DB_TEXT, "0:16:3e:a:0:1") },
    ]);
    expect((await refs("xenbr0")).map((l) => l.uri)).toEqual([WEB, DB]);
    expect((await refs("/srv/xen/shared.img")).map((l) => [l.uri, l.range])).toEqual([
      [WEB, rangeOf(WEB_TEXT, "/srv/xen/shared.img")],
      [DB, rangeOf(DB_TEXT, "/srv/xen/shared.img")],
    ]);
    const edited = DB_TEXT.replace("xenbr0", "xenbr1");
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: DB, version: 2 }, contentChanges: [{ text: edited }] });
    expect((await refs("xenbr1")).map((l) => [l.uri, l.range])).toEqual([
      [WEB, rangeOf(WEB_TEXT, "xenbr1")],
      [DB, rangeOf(edited, "xenbr1")],
    ]);
    await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: DB } });
    expect((await refs("00:16:3E:0A:00:01")).map((l) => l.uri)).toEqual([WEB]);
    expect(client.alive).toBe(true);
  });

  it("answers nothing for a document that is not open", async () => {
    const gone = { uri: `${FOLDER}/gone.cfg` };
    expect(await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: gone })).toEqual([]);
    expect(await client.connection.sendRequest(ReferencesRequest.type, { textDocument: gone, position: { line: 0, character: 0 }, context: { includeDeclaration: true } })).toBeNull();
    expect(await client.connection.sendRequest(SemanticTokensRequest.type, { textDocument: gone })).toEqual({ data: [] });
  });
});

describe("navigation with configs on disk", () => {
  it("finds a guest and a MAC of a config that is not open, through the workspace index", async () => {
    const folder = mkdtempSync(path.join(tmpdir(), "xlint-nav-"));
    const onDisk = 'name = "disk-only"\nvif = [ "mac=00:16:3e:0a:00:01,bridge=xenbr0" ]\n';
    writeFileSync(path.join(folder, "disk-only.cfg"), onDisk);
    const folderUri = pathToFileURL(folder).href;
    const openUri = `${folderUri}/open.cfg`;
    const diskUri = `${folderUri}/disk-only.cfg`;
    const server = LspClient.start();
    try {
      await server.connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: folderUri, workspaceFolders: [{ uri: folderUri, name: "nav" }], capabilities: {} });
      await server.connection.sendNotification(InitializedNotification.type, {});
      await server.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: openUri, languageId: "xl", version: 1, text: WEB_TEXT } });
      // The index is built in the background: ask until the config on disk shows up.
      let guests: SymbolInformation[] = [];
      for (let tries = 0; tries < 100 && guests.length === 0; tries++) {
        guests = ((await server.connection.sendRequest(WorkspaceSymbolRequest.type, { query: "disk-ONLY" })) ?? []) as SymbolInformation[];
        if (guests.length === 0) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(guests.map((g) => [g.name, g.location.uri, g.location.range])).toEqual([["disk-only", diskUri, rangeOf(onDisk, "disk-only")]]);
      const references = (await server.connection.sendRequest(ReferencesRequest.type, {
        textDocument: { uri: openUri },
        position: at(WEB_TEXT, "00:16:3E:0A:00:01", 3),
        context: { includeDeclaration: true },
      })) as Location[];
      expect(references).toEqual([
        { uri: openUri, range: rangeOf(WEB_TEXT, "00:16:3E:0A:00:01") },
        { uri: diskUri, range: rangeOf(onDisk, "00:16:3e:0a:00:01") },
      ]);
    } finally {
      await server.stop();
      rmSync(folder, { recursive: true, force: true });
    }
  }, 30_000);
});
