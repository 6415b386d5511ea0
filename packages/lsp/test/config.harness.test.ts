/**
 * The configuration through the built server over stdio, as an editor drives
 * it: an xlint.json in the workspace folder applies; the client's `xlint`
 * settings, pulled with workspace/configuration after each
 * didChangeConfiguration, change a severity over it, turn a rule off, and give
 * the host's bridges (vif-missing-bridge fires, then clears); the
 * `xlint.refreshHostFacts` command answers. A second server gets its
 * settings pushed in didChangeConfiguration and in initializationOptions,
 * as clients without workspace/configuration send them.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import {
  DidChangeConfigurationNotification,
  DidOpenTextDocumentNotification,
  ExecuteCommandRequest,
  InitializedNotification,
  InitializeRequest,
  type ClientCapabilities,
  type Diagnostic,
  type PublishDiagnosticsParams,
} from "vscode-languageserver-protocol/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LspClient } from "./lsp-client";

/** `memory` twice (duplicate-key, a warning by default) and a vif on bridge br-dmz. */
const GUEST = ['name = "alpha"', "memory = 512", "memory = 1024", 'kernel = "/boot/vmlinuz"', 'vif = [ "mac=00:16:3e:00:00:01,bridge=br-dmz" ]', ""].join("\n");

const INFORMATION = 3;
const ERROR = 1;
const the = (rule: string, p: PublishDiagnosticsParams): Diagnostic | undefined => p.diagnostics.find((d) => d.code === rule);

let folder: string;
let folderUri: string;
let guestUri: string;

beforeAll(() => {
  // The bundle is built once per run, by test/global-setup.ts.
  folder = mkdtempSync(path.join(os.tmpdir(), "xlint-config-harness-"));
  folderUri = pathToFileURL(folder).href;
  guestUri = pathToFileURL(path.join(folder, "alpha.cfg")).href;
  // The machine running the tests is no dom0 to reason about: every server here is told "off".
  writeFileSync(path.join(folder, "xlint.json"), JSON.stringify({ rules: { "duplicate-key": "info" } }));
}, 60_000);

afterAll(() => rmSync(folder, { recursive: true, force: true }));

async function startServer(capabilities: ClientCapabilities, initializationOptions?: unknown, settings?: Record<string, unknown>): Promise<{ client: LspClient; commands: readonly string[] }> {
  const client = LspClient.start();
  if (settings !== undefined) client.settings = settings;
  const init = await client.connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: folderUri,
    workspaceFolders: [{ uri: folderUri, name: "configs" }],
    capabilities,
    initializationOptions,
  });
  await client.connection.sendNotification(InitializedNotification.type, {});
  await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: guestUri, languageId: "xl", version: 1, text: GUEST } });
  return { client, commands: init.capabilities.executeCommandProvider?.commands ?? [] };
}

async function stop(client: LspClient): Promise<void> {
  await client.shutdown();
}

describe("settings pulled with workspace/configuration", () => {
  let client: LspClient;
  let commands: readonly string[];

  beforeAll(async () => {
    ({ client, commands } = await startServer({ workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: false } } }, undefined, { xlint: { hostFromSystem: "off" } }));
  }, 60_000);

  afterAll(async () => {
    if (client !== undefined) await stop(client);
  });

  const change = async (xlint: Record<string, unknown>): Promise<void> => {
    client.settings = { xlint: { hostFromSystem: "off", ...xlint } };
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
  };

  it("applies the workspace folder's xlint.json", async () => {
    const published = await client.diagnostics(guestUri, (p) => the("duplicate-key", p)?.severity === INFORMATION);
    expect(the("vif-missing-bridge", published)).toBeUndefined();
    expect(client.configurationRequests).toBeGreaterThanOrEqual(1);
  });

  it("changes a severity over xlint.json, then turns the rule off", async () => {
    await change({ rules: { "duplicate-key": "error" } });
    await client.diagnostics(guestUri, (p) => the("duplicate-key", p)?.severity === ERROR);
    await change({ rules: { "duplicate-key": "off" } });
    await client.diagnostics(guestUri, (p) => the("duplicate-key", p) === undefined);
    await change({});
    await client.diagnostics(guestUri, (p) => the("duplicate-key", p)?.severity === INFORMATION);
  });

  it("reports a bridge the host lacks once host.bridges says so, and stops when it has it", async () => {
    await change({ host: { bridges: ["xenbr0"] } });
    const fired = await client.diagnostics(guestUri, (p) => the("vif-missing-bridge", p) !== undefined);
    expect(the("vif-missing-bridge", fired)?.message).toContain("br-dmz");
    expect(the("vif-missing-bridge", fired)?.range.start.line).toBe(4);
    await change({ host: { bridges: ["xenbr0", "br-dmz"] } });
    await client.diagnostics(guestUri, (p) => the("vif-missing-bridge", p) === undefined && the("duplicate-key", p) !== undefined);
  });

  it("logs a wrong setting once and carries on", async () => {
    await change({ rules: { "no-such-rule": "off", "duplicate-key": "error" } });
    await client.diagnostics(guestUri, (p) => the("duplicate-key", p)?.severity === ERROR);
    await change({ rules: { "no-such-rule": "off", "duplicate-key": "warning" } });
    await client.diagnostics(guestUri, (p) => the("duplicate-key", p)?.severity === 2);
    expect(client.logs.filter((l) => l.includes('unknown rule "no-such-rule"'))).toHaveLength(1);
    expect(client.alive).toBe(true);
  });

  it("advertises and answers xlint.refreshHostFacts", async () => {
    expect(commands).toContain("xlint.refreshHostFacts");
    const answer = await client.connection.sendRequest(ExecuteCommandRequest.type, { command: "xlint.refreshHostFacts" });
    expect(answer).toEqual({ summary: expect.stringContaining('hostFromSystem is "off"'), failures: null });
    expect(client.logs.some((l) => l.includes('hostFromSystem is "off"'))).toBe(true);
  });
});

describe("settings pushed, for clients without workspace/configuration", () => {
  let client: LspClient;

  beforeAll(async () => {
    ({ client } = await startServer({}, { xlint: { hostFromSystem: "off", rules: { "duplicate-key": "error" } } }));
  }, 60_000);

  afterAll(async () => {
    if (client !== undefined) await stop(client);
  });

  it("takes initializationOptions, then the settings of didChangeConfiguration over them", async () => {
    await client.diagnostics(guestUri, (p) => the("duplicate-key", p)?.severity === ERROR);
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { xlint: { host: { bridges: ["xenbr0"] } } } });
    const published = await client.diagnostics(guestUri, (p) => the("vif-missing-bridge", p) !== undefined);
    // initializationOptions' rules still apply under the pushed host.
    expect(the("duplicate-key", published)?.severity).toBe(ERROR);
    expect(client.configurationRequests).toBe(0);
  });
});
