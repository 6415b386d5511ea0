// The editor side of bench/lsp.mjs: starts the built language server over
// stdio and talks to it with vscode-languageserver-protocol, as an editor
// does, timing each round trip on the client's clock.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import protocol from "vscode-languageserver-protocol/node";

const {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  InitializeRequest,
  InitializedNotification,
  DidOpenTextDocumentNotification,
  DidChangeTextDocumentNotification,
  PublishDiagnosticsNotification,
  LogMessageNotification,
  ShutdownRequest,
  ExitNotification,
} = protocol;

export const now = () => performance.now();

export class BenchClient {
  /** Every `$/progress` notification with its arrival time: { token, kind, title, message, at }. */
  progress = [];
  /** Server log lines of type error (window/logMessage) and standard error, for reporting failures. */
  errors = [];
  /** Latest publishDiagnostics per URI. */
  latest = new Map();
  /** uri → { version, resolve } waiting for diagnostics of one version. */
  waiting = new Map();
  /** Requests the server sent us, by method (workspace/configuration, window/workDoneProgress/create, …). */
  serverRequests = new Map();
  progressWaiters = [];
  /** Set by stop(): the server's exit from then on is expected. */
  stopping = false;

  constructor(bundle, folders) {
    this.folders = folders;
    this.child = spawn(process.execPath, [bundle, "--stdio"], { stdio: ["pipe", "pipe", "pipe"] });
    this.child.stderr.on("data", (chunk) => this.errors.push(chunk.toString("utf8").trim()));
    this.exited = new Promise((resolve) => this.child.on("exit", (code, signal) => resolve({ code, signal })));
    const c = createProtocolConnection(new StreamMessageReader(this.child.stdout), new StreamMessageWriter(this.child.stdin));
    this.connection = c;
    c.onNotification(PublishDiagnosticsNotification.type, (params) => {
      const at = now();
      this.latest.set(params.uri, { ...params, at });
      const waiter = this.waiting.get(params.uri);
      if (waiter !== undefined && params.version === waiter.version) {
        this.waiting.delete(params.uri);
        waiter.resolve({ ...params, at });
      }
    });
    c.onNotification(LogMessageNotification.type, (params) => {
      if (params.type === 1) this.errors.push(params.message);
    });
    // Any token: a progress the server created (window/workDoneProgress/create) has no handler of ours.
    c.onUnhandledProgress((params) => {
      const value = params?.value ?? {};
      this.progress.push({ token: params?.token, kind: value.kind, title: value.title, message: value.message, percentage: value.percentage, at: now() });
      for (const wake of this.progressWaiters.splice(0)) wake();
    });
    // Answer what the server asks of the editor the way an editor that
    // supports it would: no settings (the server's defaults), yes to progress
    // tokens and to registrations.
    c.onRequest((method, params) => {
      this.serverRequests.set(method, (this.serverRequests.get(method) ?? 0) + 1);
      if (method === "workspace/configuration") return (params?.items ?? []).map(() => null);
      if (method === "workspace/workspaceFolders") return this.folders;
      return null;
    });
    c.listen();
  }

  get pid() {
    return this.child.pid;
  }

  /** initialize with the capabilities of a full editor (progress, configuration, watched files); returns the server's capabilities. */
  async initialize() {
    const rootUri = this.folders[0]?.uri ?? null;
    const result = await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri,
      workspaceFolders: this.folders,
      capabilities: {
        window: { workDoneProgress: true },
        workspace: { configuration: true, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true } },
        textDocument: {
          synchronization: { didSave: true },
          publishDiagnostics: { versionSupport: true, relatedInformation: true },
          hover: { contentFormat: ["markdown", "plaintext"] },
          completion: { completionItem: { documentationFormat: ["markdown", "plaintext"] } },
        },
      },
    });
    return result.capabilities;
  }

  /** Sends `initialized`; returns the client time it was sent at. */
  async initialized() {
    const at = now();
    await this.connection.sendNotification(InitializedNotification.type, {});
    return at;
  }

  async open(uri, text, version = 1) {
    const diagnostics = this.diagnosticsFor(uri, version);
    const sent = now();
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: "xl", version, text } });
    return { sent, diagnostics };
  }

  /** Sends one incremental change; resolves when diagnostics for that version arrive: { ms, diagnostics } or { timedOut }. */
  async change(uri, version, range, text, timeoutMs) {
    const diagnostics = this.diagnosticsFor(uri, version, timeoutMs);
    const sent = now();
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ range, text }] });
    const result = await diagnostics;
    return result.timedOut ? result : { ms: result.at - sent, diagnostics: result.diagnostics };
  }

  /** Diagnostics of `uri` at `version` (or { timedOut: true } after timeoutMs). */
  diagnosticsFor(uri, version, timeoutMs = 60_000) {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(uri);
        resolve({ timedOut: true });
      }, timeoutMs);
      this.waiting.set(uri, {
        version,
        resolve: (params) => {
          clearTimeout(timer);
          resolve(params);
        },
      });
    });
  }

  /** One request, timed: { ms, result }, { ms, error } or, after timeoutMs without an answer, { ms, timedOut }. */
  async timed(type, params, timeoutMs = 60_000) {
    const sent = now();
    let timer;
    const late = new Promise((resolve) => (timer = setTimeout(() => resolve({ timedOut: true }), timeoutMs)));
    try {
      const answer = await Promise.race([this.connection.sendRequest(type, params).then((result) => ({ result })), late]);
      return { ms: now() - sent, ...answer };
    } catch (error) {
      return { ms: now() - sent, error };
    } finally {
      clearTimeout(timer);
    }
  }

  /** Resolves at the next `$/progress` notification, or after `ms`. */
  nextProgress(ms) {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.progressWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** VmHWM and VmRSS of the server process, in MB (10^6 bytes), from /proc. */
  memory() {
    try {
      const status = readFileSync(`/proc/${this.pid}/status`, "utf8");
      const kb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1]);
      return { hwm: (kb("VmHWM") * 1024) / 1e6, rss: (kb("VmRSS") * 1024) / 1e6 };
    } catch {
      return { hwm: NaN, rss: NaN };
    }
  }

  get alive() {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** shutdown + exit; kills the server (this process's own child) if it does not leave within 5 s. */
  async stop() {
    this.stopping = true;
    if (this.alive) {
      try {
        await Promise.race([this.connection.sendRequest(ShutdownRequest.type), new Promise((resolve) => setTimeout(resolve, 5000))]);
        await this.connection.sendNotification(ExitNotification.type);
      } catch {
        // the server is gone already
      }
      const left = await Promise.race([this.exited, new Promise((resolve) => setTimeout(() => resolve(undefined), 5000))]);
      if (left === undefined && this.alive) this.child.kill();
    }
    this.connection.dispose();
  }
}

/** p50, p99 (nearest rank), max and count of a list of milliseconds. */
export function summarize(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];
  return { n: sorted.length, p50: rank(0.5), p99: rank(0.99), max: sorted.at(-1) };
}
