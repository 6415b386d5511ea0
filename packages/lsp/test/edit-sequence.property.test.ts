/**
 * Property (issue 13): random edit sequences sent through `didChange` as
 * incremental changes (some notifications carrying several changes) leave the
 * server with the text the test computes itself; its diagnostics for the last
 * version equal `xlint --format json` on that text; requests after the edits
 * all answer; the server never dies.
 *
 * The server is bundled from source into a temporary folder (the harness
 * rebuilds dist/ while this file runs beside it, and a bundle being rewritten
 * cannot be loaded) and spawned once for all runs, each run opening a fresh
 * document and closing it at the end. The CLI is the built one (`npm run build`).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import fc from "fast-check";
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
  type Diagnostic,
} from "vscode-languageserver-protocol/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyChange, concretize, notificationArb, positionAt, snapOffset, type Change } from "./edit-model";
import { EditorLines } from "../src/features/positions";
import { LspClient } from "./lsp-client";

const here = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.join(here, "..", "..", "..");
const XLINT = path.join(REPO, "packages", "cli-lint", "bin", "xlint.cjs");
const SHARED_CORPUS = path.join(REPO, "..", "shared", "corpus");
const RUNS = 80;
const SEED = 13_2026;

/**
 * What both sides report of a finding, in the CLI's JSON form: 1-based lines
 * and columns with exclusive ends (the server's 0-based LSP ranges plus one),
 * severities by name, and the other places the finding names (the CLI's
 * `related`: path, start, message). Left out, by design: what only one side
 * has (the server's `source`, rule link and tags; the CLI's `fix`, which the
 * server offers as code actions, and the related places' ends, which the CLI
 * does not print). A related place in the document itself is named by its
 * URI in the server and by its path in the CLI; and the CLI counts lines as
 * xl does (at \n only) while the server counts them as editors do (a lone \r
 * ends a line too), so the CLI's positions in the document are moved to the
 * editor's lines (`editorPlace`).
 */
interface Compared {
  readonly rule: string;
  readonly severity: string;
  readonly message: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly related: readonly { readonly path: string; readonly line: number; readonly column: number; readonly message: string }[];
}

const SEVERITY_NAMES: Readonly<Record<number, string>> = { 1: "error", 2: "warning", 3: "info" };

function fromServer(d: Diagnostic, uri: string, name: string): Compared {
  return {
    rule: typeof d.code === "string" ? d.code : `<no rule: ${String(d.code)}>`,
    severity: SEVERITY_NAMES[d.severity ?? 0] ?? `<severity ${String(d.severity)}>`,
    message: typeof d.message === "string" ? d.message : d.message.value,
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    endLine: d.range.end.line + 1,
    endColumn: d.range.end.character + 1,
    related: (d.relatedInformation ?? []).map((r) => ({
      path: r.location.uri === uri ? name : r.location.uri,
      line: r.location.range.start.line + 1,
      column: r.location.range.start.character + 1,
      message: r.message,
    })),
  };
}

/**
 * `xlint --format json` on `text` as standard input named `name` (relative to
 * `cwd`, the path the server gives the document too, so both tell the same
 * kind and name it alike). `--no-repo-context`: the server compares the open
 * documents only, and `cwd` is a fresh folder without xlint.json, so both use
 * the linter's defaults.
 */
function fromCli(text: string, name: string, cwd: string): Compared[] {
  const run = spawnSync(process.execPath, [XLINT, "--format", "json", "--no-repo-context", "--stdin-filename", name, "-"], { input: text, cwd, encoding: "utf8" });
  if (run.status !== 0 && run.status !== 1) throw new Error(`xlint exited ${String(run.status)}: ${run.stderr}`);
  const report = JSON.parse(run.stdout) as { files: { path: string; diagnostics: (Compared & Record<string, unknown>)[] }[] };
  expect(report.files.map((f) => f.path)).toEqual([name]);
  const place = editorPlace(text);
  return (report.files[0]?.diagnostics ?? []).map(({ rule, severity, message, line, column, endLine, endColumn, related }) => {
    const start = place(line, column);
    const end = place(endLine, endColumn);
    const relatedHere = related.map((r) => (r.path === name ? { ...r, ...place(r.line, r.column) } : r));
    return { rule, severity, message, line: start.line, column: start.column, endLine: end.line, endColumn: end.column, related: relatedHere };
  });
}

/**
 * 1-based line and column as the parser counts lines (at \n) → the same place
 * as an editor counts them. Only a lone \r makes them differ; an offset between
 * the \r and the \n of a CRLF (the end of a "stray \r" finding) is no place an
 * editor can name, and the server keeps the parser's column there, as here.
 */
function editorPlace(text: string): (line: number, column: number) => { line: number; column: number } {
  const lines = EditorLines.of(text);
  if (lines === undefined) return (line, column) => ({ line, column });
  const parserLineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") parserLineStarts.push(i + 1);
  const document = TextDocument.create("file:///x.cfg", "xl", 1, text);
  return (line, column) => {
    const offset = (parserLineStarts[line - 1] ?? 0) + column - 1;
    const between = text[offset - 1] === "\r" && text[offset] === "\n";
    const position = between ? lines.position(offset) : document.positionAt(offset);
    return { line: position.line + 1, column: position.character + 1 };
  };
}

/** Start texts: our corpus's examples and syntax cases, a few third-party configs of the shared corpus (read in place), one in CRLF, and nothing. */
function startTexts(): string[] {
  const fromFolder = (folder: string, pick: (name: string) => boolean, limit: number): string[] =>
    existsSync(folder)
      ? readdirSync(folder)
          .filter(pick)
          .sort()
          .slice(0, limit)
          .map((f) => readFileSync(path.join(folder, f), "utf8"))
      : [];
  const cfg = (f: string): boolean => f.endsWith(".cfg");
  const ours = [
    ...fromFolder(path.join(REPO, "test-corpus", "examples"), cfg, 10),
    ...fromFolder(path.join(REPO, "test-corpus", "syntax"), cfg, 6),
    ...fromFolder(path.join(REPO, "test-corpus", "netbsd-howto"), cfg, 2),
  ];
  const shared = fromFolder(path.join(SHARED_CORPUS, "libvirt-xlconfigdata"), cfg, 4);
  expect(ours.length).toBeGreaterThan(3);
  return [...ours, ...shared, (ours[0] as string).replace(/\r?\n/g, "\r\n"), ""];
}

let client: LspClient;
let folder: string;

beforeAll(async () => {
  expect(existsSync(path.join(REPO, "packages", "cli-lint", "dist", "xlint.cjs")), "the CLI is not built: run `npm run build`").toBe(true);
  folder = mkdtempSync(path.join(os.tmpdir(), "xlint-edit-property-"));
  const server = path.join(folder, "xl-language-server.cjs");
  const bundle = `import { bundleNodeProgram } from ${JSON.stringify(pathToFileURL(path.join(REPO, "scripts", "bundle.mjs")).href)};
await bundleNodeProgram(${JSON.stringify(path.join(here, "..", "src", "main.ts"))}, ${JSON.stringify(server)});`;
  const build = spawnSync(process.execPath, ["--input-type=module", "-e", bundle], { encoding: "utf8" });
  expect(build.status, build.stderr).toBe(0);
  client = LspClient.start(server);
  const folderUri = pathToFileURL(folder).href;
  await client.connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: folderUri,
    workspaceFolders: [{ uri: folderUri, name: "edits" }],
    capabilities: {},
  });
  await client.connection.sendNotification(InitializedNotification.type, {});
}, 60_000);

afterAll(async () => {
  if (client !== undefined) {
    await client.shutdown();
  }
  if (folder !== undefined) rmSync(folder, { recursive: true, force: true });
});

describe("random edit sequences through incremental didChange", () => {
  it("leave the server's diagnostics equal to xlint --format json on the final text, and the server alive", async () => {
    const starts = startTexts();
    let runNumber = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...starts), fc.array(notificationArb, { minLength: 1, maxLength: 12 }), fc.nat(), async (start, notifications, probe) => {
        runNumber++;
        const name = `run-${runNumber}/guest.cfg`;
        mkdirSync(path.join(folder, `run-${runNumber}`), { recursive: true });
        const uri = pathToFileURL(path.join(folder, name)).href;
        let text = start;
        let version = 1;
        await client.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: "xl", version, text } });
        try {
          for (const edits of notifications) {
            const contentChanges: Change[] = [];
            for (const edit of edits) {
              const change = concretize(text, edit);
              text = applyChange(text, change);
              contentChanges.push(change);
            }
            version++;
            await client.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges });
          }
          const last = version;
          const published = await client.diagnostics(uri, (p) => p.version === last);
          expect(published.diagnostics.map((d) => fromServer(d, uri, name))).toEqual(fromCli(text, name, folder));

          // Requests on the edited text all answer (none fails): hover and completion at some position, code actions, formatting.
          const position = positionAt(text, snapOffset(text, probe % (text.length + 1)));
          await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position });
          await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position });
          await client.connection.sendRequest(CodeActionRequest.type, {
            textDocument: { uri },
            range: { start: { line: 0, character: 0 }, end: position },
            context: { diagnostics: published.diagnostics },
          });
          await client.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri }, options: { tabSize: 4, insertSpaces: true } });
          expect(client.alive).toBe(true);
        } finally {
          await client.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
        }
      }),
      { numRuns: RUNS, seed: SEED },
    );
    expect(client.alive, client.stderr.join("")).toBe(true);
    // Nothing failed inside the server either (a failing handler or lint is logged with "failed").
    expect(client.logs.filter((l) => /failed/.test(l))).toEqual([]);
  }, 120_000);
});
