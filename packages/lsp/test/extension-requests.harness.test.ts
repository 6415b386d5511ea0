/**
 * The server's own requests (src/protocol.ts) through the built server over
 * stdio, as the VS Code extension sends them: `xlint/status` of PV, PVH and
 * HVM guests (from `type`, from `builder`, by default, refused), of a guest
 * whose OS xlint.json states and of an xl.conf; `xlint/ruleDoc` against
 * `xlint explain RULE`; `xlint/dump` against `xlint dump FILE` and `xlint dump
 * --explain FILE` run on the same text (the built command,
 * packages/cli-lint/dist), before and after an unsaved edit, and for a text
 * with a syntax error; and `null` for a document that is not open. The
 * settings come in the shape VS Code sends (every setting, unset host fields
 * null, `host.fromSystem`). The protocol is imported by the name the
 * extension uses, `@xlint/lsp/protocol`.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { DidChangeTextDocumentNotification, InitializedNotification, InitializeRequest } from "vscode-languageserver-protocol/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DUMP_REQUEST,
  RULE_DOC_REQUEST,
  STATUS_REQUEST,
  type DumpParams,
  type DumpResult,
  type RuleDocParams,
  type RuleDocResult,
  type StatusParams,
  type StatusResult,
} from "@xlint/lsp/protocol";
import { LspClient } from "./lsp-client";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const XLINT = path.join(REPO, "packages", "cli-lint", "bin", "xlint.cjs");

const XLINT_JSON = JSON.stringify({ root: true, guests: [{ files: ["bsd/*.cfg"], os: "netbsd" }] });

/** The configs on disk (and opened), by path in the workspace folder. */
const FILES: Record<string, string> = {
  "pv.cfg": 'name = "pv"\ntype = "pv"\nkernel = "/netbsd-XEN3_DOMU.gz"\nmemory = 512\n',
  "pvh.cfg": 'name = "pvh"\ntype = "pvh"\nkernel = "/srv/xen/vmlinuz"\nmemory = 512\n',
  "hvm.cfg": 'name = "hvm"\nbuilder = "hvm"\nmemory = 2048\n',
  "default.cfg": 'name = "plain"\nmemory = 256\nvcpus = 1\n',
  "refused.cfg": 'name = "odd"\ntype = "HVM"\nmemory = 512\n',
  "arm.cfg": 'name = "arm"\ntype = "pvh"\nkernel = "/srv/xen/Image"\ndtdev = [ "/soc/ethernet@ff0e0000" ]\nmemory = 512\n',
  "bsd/stated.cfg": 'name = "stated"\ntype = "pvh"\nkernel = "/srv/xen/kernel.gz"\nmemory = 512\n',
  "xl.conf": 'autoballoon = "off"\nvif.default.bridge = "xenbr1"\n',
};

/** A text only the editor has (not on disk): its dump must be of this text. */
const UNSAVED = 'name = "draft"\ntype = "hvm"\nmemory = 1024\nvif = [ "mac=00:16:3e:00:00:07,bridge=xenbr0" ]\n# a comment\nvcpus = 2\n';
const BROKEN = 'name = "broken"\nmemory = = 512\nvcpus = 2\ndisk = [ "phy:/dev/vg/x,xvda,w"\n';

/** VS Code's `workspace.getConfiguration("xlint")` with the user's `xlint.host.fromSystem: "off"` (the test machine is no dom0 to reason about). */
const VSCODE_SETTINGS = {
  rules: {},
  host: { bridges: null, fromSystem: "off", arch: null, xenVersion: null, os: null, defaultBridge: null, cpus: null },
  xlConf: null,
  trace: { server: "off" },
};

let folder: string;
let cliFolder: string;
let client: LspClient;
const uriOf = (file: string): string => pathToFileURL(path.join(folder, file)).href;

const status = (file: string) => client.connection.sendRequest<StatusResult | null>(STATUS_REQUEST, { textDocument: { uri: uriOf(file) } } satisfies StatusParams);
const dump = (file: string) => client.connection.sendRequest<DumpResult | null>(DUMP_REQUEST, { textDocument: { uri: uriOf(file) } } satisfies DumpParams);
const ruleDoc = (ruleId: string) => client.connection.sendRequest<RuleDocResult | null>(RULE_DOC_REQUEST, { ruleId } satisfies RuleDocParams);

/** The built `xlint` on `text` saved as `name` in a folder with the same xlint.json (so that the same guests apply). */
function xlint(args: readonly string[], name?: string, text?: string): { code: number | null; stdout: string; stderr: string } {
  if (name !== undefined && text !== undefined) writeFileSync(path.join(cliFolder, name), text);
  const run = spawnSync(process.execPath, [XLINT, ...args], { cwd: cliFolder, encoding: "utf8", env: { PATH: process.env["PATH"] ?? "", HOME: cliFolder }, timeout: 60_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Polls `xlint/status` until `accept` takes it (the index is built in the background). */
async function statusUntil(file: string, accept: (s: StatusResult | null) => boolean, timeoutMs = 15_000): Promise<StatusResult | null> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await status(file);
    if (accept(answer) || Date.now() > deadline) return answer;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  // The server is built once per run by test/global-setup.ts; the command has to be built already.
  expect(existsSync(path.join(REPO, "packages", "cli-lint", "dist", "xlint.cjs")), "the CLI is not built: run `npm run build`").toBe(true);
  folder = mkdtempSync(path.join(os.tmpdir(), "xlint-extension-requests-"));
  cliFolder = mkdtempSync(path.join(os.tmpdir(), "xlint-extension-requests-cli-"));
  writeFileSync(path.join(folder, "xlint.json"), XLINT_JSON);
  writeFileSync(path.join(cliFolder, "xlint.json"), XLINT_JSON);
  for (const [file, text] of Object.entries(FILES)) {
    mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
    writeFileSync(path.join(folder, file), text);
  }
  client = LspClient.start();
  client.settings = { xlint: VSCODE_SETTINGS };
  const folderUri = pathToFileURL(folder).href;
  await client.connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: folderUri,
    workspaceFolders: [{ uri: folderUri, name: "guests" }],
    capabilities: { workspace: { configuration: true } },
  });
  await client.connection.sendNotification(InitializedNotification.type, {});
  for (const [file, text] of Object.entries(FILES)) await client.open(uriOf(file), text);
  await client.open(uriOf("draft.cfg"), UNSAVED);
  await client.open(uriOf("broken.cfg"), BROKEN);
}, 60_000);

afterAll(async () => {
  if (client !== undefined) await client.shutdown();
  if (folder !== undefined) rmSync(folder, { recursive: true, force: true });
  if (cliFolder !== undefined) rmSync(cliFolder, { recursive: true, force: true });
});

describe("xlint/status", () => {
  it("tells the guest type, where it comes from, the guest OS and the arch", async () => {
    expect(await status("pv.cfg")).toMatchObject({ kind: "domain", guestType: "pv", guestTypeSource: "type", guestOs: "netbsd", guestOsSource: "inferred", arch: "x86" });
    expect(await status("pvh.cfg")).toMatchObject({ kind: "domain", guestType: "pvh", guestTypeSource: "type", arch: "x86" });
    expect(await status("hvm.cfg")).toMatchObject({ kind: "domain", guestType: "hvm", guestTypeSource: "builder" });
    expect(await status("arm.cfg")).toMatchObject({ kind: "domain", guestType: "pvh", arch: "arm" });
  });

  it("says when xl's default decides, and leaves the type out when xl refuses it", async () => {
    const plain = await status("default.cfg");
    expect(plain).toMatchObject({ kind: "domain", guestType: "pv", guestTypeSource: "default", arch: "x86" });
    // Nothing in it tells the OS: no guess is given.
    expect(plain).not.toHaveProperty("guestOs");
    const refused = await status("refused.cfg");
    expect(refused).toMatchObject({ kind: "domain", guestTypeSource: "type" });
    expect(refused).not.toHaveProperty("guestType");
  });

  it("takes the guest OS xlint.json states, as the lint does", async () => {
    expect(await status("bsd/stated.cfg")).toMatchObject({ guestType: "pvh", guestOs: "netbsd", guestOsSource: "config" });
  });

  it("gives an xl.conf its kind and no guest", async () => {
    const answer = await status("xl.conf");
    expect(answer).toMatchObject({ kind: "xl-conf" });
    expect(answer).not.toHaveProperty("guestType");
    expect(answer).not.toHaveProperty("arch");
  });

  it("counts the configs of the workspace index once it is built", async () => {
    const settled = await statusUntil("pv.cfg", (s) => s !== null && !s.indexing && s.indexedConfigs >= Object.keys(FILES).length);
    expect(settled).toMatchObject({ indexing: false });
    // Every config on disk (the documents only open in the editor are not on disk).
    expect(settled?.indexedConfigs).toBe(Object.keys(FILES).length);
  });

  it("answers null for a document that is not open", async () => {
    expect(await status("nowhere.cfg")).toBeNull();
  });
});

describe("xlint/ruleDoc", () => {
  it("gives a rule's page exactly as `xlint explain RULE` prints it", async () => {
    const answer = await ruleDoc("vif-missing-bridge");
    const cli = xlint(["explain", "vif-missing-bridge"]);
    expect(cli.code).toBe(0);
    expect(answer).toEqual({ ruleId: "vif-missing-bridge", markdown: cli.stdout });
    expect(answer?.markdown).toContain("vif-missing-bridge");
  });

  it("answers null for an unknown rule", async () => {
    expect(await ruleDoc("no-such-rule")).toBeNull();
  });
});

describe("xlint/dump", () => {
  it("prints what `xlint dump` and `xlint dump --explain` print for the document's text", async () => {
    const answer = await dump("pv.cfg");
    const settings = xlint(["dump", "pv.cfg"], "pv.cfg", FILES["pv.cfg"]);
    const explained = xlint(["dump", "--explain", "pv.cfg"]);
    expect(settings.code).toBe(0);
    expect(explained.code).toBe(0);
    expect(answer).toEqual({ settingsJson: settings.stdout, explanation: explained.stdout });
    expect(answer?.settingsJson).toContain('"kernel"');
    expect(answer?.explanation).toMatch(/^pv\.cfg\nguest type: pv/);
  });

  it("dumps the editor's text, unsaved edits included", async () => {
    const before = await dump("draft.cfg");
    expect(before).toEqual({ settingsJson: xlint(["dump", "draft.cfg"], "draft.cfg", UNSAVED).stdout, explanation: xlint(["dump", "--explain", "draft.cfg"]).stdout });
    const edited = `${UNSAVED}on_crash = "preserve"\n`;
    await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: uriOf("draft.cfg"), version: 2 }, contentChanges: [{ text: edited }] });
    const after = await dump("draft.cfg");
    expect(after?.settingsJson).toContain('"on_crash"');
    expect(after?.settingsJson).toBe(xlint(["dump", "draft.cfg"], "draft.cfg", edited).stdout);
  });

  it("gives the syntax errors instead of settings, as the command does", async () => {
    const answer = await dump("broken.cfg");
    const cli = xlint(["dump", "broken.cfg"], "broken.cfg", BROKEN);
    expect(cli.code).toBe(1);
    const cliErrors = cli.stderr.trimEnd().split("\n").map((line) => line.replace(/^broken\.cfg:/, ""));
    expect(cliErrors.length).toBeGreaterThan(0);
    expect(answer?.settingsJson).toBeUndefined();
    expect(answer?.errors).toEqual(cliErrors);
    expect(answer?.errors?.[0]).toMatch(/^2:\d+: /);
    expect(answer?.explanation).toBe(xlint(["dump", "--explain", "broken.cfg"]).stdout);
  });

  it("answers null for a document that is not open", async () => {
    expect(await dump("nowhere.cfg")).toBeNull();
  });
});
