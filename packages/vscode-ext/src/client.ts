/**
 * The language client: one server process for the window, started on demand,
 * restartable, with its state observable by the status bar.
 */
import * as vscode from "vscode";
import { LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from "vscode-languageclient/node";
import { XL_DOCUMENTS } from "./language";
import { withoutExtensionSettings } from "./server-settings";

export type ServerState = "stopped" | "starting" | "running";

export class XlintClient {
  private client: LanguageClient | undefined;
  private starting: Promise<LanguageClient | undefined> | undefined;
  private readonly stateEmitter = new vscode.EventEmitter<ServerState>();
  /** Fires when the server starts, stops or is restarted. */
  readonly onDidChangeState = this.stateEmitter.event;
  private currentState: ServerState = "stopped";

  constructor(
    private readonly context: vscode.ExtensionContext,
    readonly output: vscode.LogOutputChannel,
  ) {
    context.subscriptions.push(this.stateEmitter);
  }

  get state(): ServerState {
    return this.currentState;
  }

  /** The running client, or undefined while it is not running. */
  get running(): LanguageClient | undefined {
    return this.currentState === "running" ? this.client : undefined;
  }

  /** Starts the server once; later calls wait for the same start. */
  start(): Promise<LanguageClient | undefined> {
    this.starting ??= this.create().catch((error: unknown) => {
      this.output.appendLine(`xlint: the language server did not start: ${error instanceof Error ? error.message : String(error)}`);
      void vscode.window.showErrorMessage("xlint: the language server did not start; see the xlint output for why.", "Show Output").then((choice) => {
        if (choice !== undefined) this.output.show(true);
      });
      this.starting = undefined;
      this.setState("stopped");
      return undefined;
    });
    return this.starting;
  }

  async restart(): Promise<void> {
    if (this.client === undefined) {
      await this.start();
      return;
    }
    this.output.appendLine("xlint: restarting the language server");
    await this.client.restart();
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.starting = undefined;
    if (client !== undefined && client.isRunning()) await client.stop();
  }

  private async create(): Promise<LanguageClient> {
    this.setState("starting");
    const module = this.context.asAbsolutePath("dist/server.cjs");
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ["--nolazy", "--inspect=6011"] } },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: XL_DOCUMENTS,
      outputChannel: this.output,
      // The server asks for the `xlint` section itself (workspace/configuration); this
      // tells it when the section changed.
      synchronize: { configurationSection: "xlint" },
      middleware: {
        workspace: {
          configuration: async (params, token, next) => withoutExtensionSettings(params, await next(params, token)),
        },
      },
    };
    const client = new LanguageClient("xlint", "xlint", serverOptions, clientOptions);
    this.client = client;
    this.context.subscriptions.push(
      client.onDidChangeState((event) => {
        if (event.newState === State.Running) this.setState("running");
        else if (event.newState === State.Starting) this.setState("starting");
        else this.setState("stopped");
      }),
    );
    await client.start();
    this.setState("running");
    return client;
  }

  private setState(state: ServerState): void {
    if (state === this.currentState) return;
    this.currentState = state;
    this.stateEmitter.fire(state);
  }
}
