/**
 * A minimal LSP client for the harness: spawns the built server over stdio
 * and talks to it with vscode-languageserver-protocol, as an editor does.
 */
import { fork, spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  ConfigurationRequest,
  DidOpenTextDocumentNotification,
  ExitNotification,
  createProtocolConnection,
  IPCMessageReader,
  IPCMessageWriter,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from "vscode-languageserver-protocol/node";

const here = path.dirname(fileURLToPath(import.meta.url));
export const LAUNCHER = path.join(here, "..", "bin", "xl-language-server.cjs");
export const BUILD_SCRIPT = path.join(here, "..", "build.mjs");

export class LspClient {
  readonly connection: ProtocolConnection;
  readonly stderr: string[] = [];
  /** What the server logged (window/logMessage). */
  readonly logs: string[] = [];
  /** What the client answers to workspace/configuration, by section, as an editor's settings (tests change it). */
  settings: Record<string, unknown> = {};
  /** How many workspace/configuration requests the server sent. */
  configurationRequests = 0;
  private readonly latest = new Map<string, PublishDiagnosticsParams>();
  private readonly waiters: (() => void)[] = [];

  private constructor(
    private readonly child: ChildProcess,
    connect: (child: ChildProcess) => ProtocolConnection,
  ) {
    child.stderr?.on("data", (chunk: Buffer) => this.stderr.push(chunk.toString("utf8")));
    this.connection = connect(child);
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.latest.set(params.uri, params);
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.connection.onRequest(ConfigurationRequest.type, (params) => {
      this.configurationRequests++;
      return params.items.map((item) => (item.section === undefined ? this.settings : (this.settings[item.section] ?? null)));
    });
    this.connection.onNotification(LogMessageNotification.type, (params) => {
      this.logs.push(params.message);
    });
    this.connection.listen();
  }

  /** The server over its standard input and output, as most editors run it (`program`: another build of it). */
  static start(program: string = LAUNCHER): LspClient {
    return new LspClient(spawn(process.execPath, [program, "--stdio"], { stdio: "pipe" }), (child) => {
      if (child.stdout === null || child.stdin === null) throw new Error("the server was spawned without pipes");
      return createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    });
  }

  /** The server over Node's IPC channel, as VS Code's client runs it (TransportKind.ipc). */
  static startIpc(): LspClient {
    return new LspClient(fork(LAUNCHER, ["--node-ipc"], { silent: true }), (child) => createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child)));
  }

  /** The latest diagnostics published for `uri`, once `accept` takes them (within `timeoutMs`). */
  async diagnostics(uri: string, accept: (p: PublishDiagnosticsParams) => boolean, timeoutMs = 10_000): Promise<PublishDiagnosticsParams> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const known = this.latest.get(uri);
      if (known !== undefined && accept(known)) return known;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no acceptable diagnostics for ${uri}; last: ${JSON.stringify(known)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** The orderly end a client makes: `shutdown`, `exit`, then the process is let go. */
  async shutdown(): Promise<void> {
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    await this.stop();
  }

  /** Opens a document as a client does (`didOpen`, version 1, language `xl`). */
  async open(uri: string, text: string): Promise<void> {
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: "xl", version: 1, text } });
  }

  async stop(): Promise<void> {
    this.connection.dispose();
    this.child.stdin?.end();
    if (this.child.exitCode === null) this.child.kill();
  }

  get alive(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }
}
