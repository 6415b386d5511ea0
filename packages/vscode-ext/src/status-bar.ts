/**
 * The status bar item for xl documents: the guest type xl will build for the
 * active file (and why), and the server's state (starting, indexing, running,
 * stopped). The facts come from the server's `xlint/status` request, asked
 * again when the active editor, its text or its diagnostics change.
 */
import * as vscode from "vscode";
import type { DocumentStatus } from "./protocol";
import type { XlintClient } from "./client";
import { requestStatus } from "./requests";
import { XL_LANGUAGE } from "./language";
import { describeStatus, type StatusView } from "./status-text";

/** How long the text must rest before the status is asked again. */
const TYPING_PAUSE_MS = 300;
/** While the server is indexing, ask again this often, so the item says when it is done. */
const INDEXING_POLL_MS = 1000;

export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem("xlint.status", vscode.StatusBarAlignment.Right, 100);
  private readonly subscriptions: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Only the latest question's answer is shown. */
  private generation = 0;

  constructor(private readonly client: XlintClient) {
    this.item.name = "xlint";
    this.subscriptions.push(
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => this.refreshSoon(0)),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document === vscode.window.activeTextEditor?.document) this.refreshSoon(TYPING_PAUSE_MS);
      }),
      vscode.languages.onDidChangeDiagnostics((event) => {
        const active = vscode.window.activeTextEditor?.document.uri.toString();
        if (event.uris.some((uri) => uri.toString() === active)) this.refreshSoon(0);
      }),
      client.onDidChangeState(() => this.refreshSoon(0)),
    );
    this.refreshSoon(0);
  }

  private refreshSoon(delay: number): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), delay);
  }

  private async refresh(): Promise<void> {
    const generation = ++this.generation;
    const document = vscode.window.activeTextEditor?.document;
    if (document === undefined || document.languageId !== XL_LANGUAGE) {
      this.item.hide();
      return;
    }
    let status: DocumentStatus | null | undefined;
    const running = this.client.running;
    if (running !== undefined) {
      try {
        status = await requestStatus(running, document.uri.toString());
      } catch (error) {
        this.client.output.appendLine(`xlint: asking the server for the status failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    if (generation !== this.generation) return;
    this.show(describeStatus(this.client.state, status ?? undefined));
    if (status?.indexing === true) this.refreshSoon(INDEXING_POLL_MS);
  }

  private show(view: StatusView): void {
    this.item.text = view.text;
    this.item.tooltip = new vscode.MarkdownString(view.tooltip);
    this.item.command = view.command;
    this.item.backgroundColor = view.warning ? new vscode.ThemeColor("statusBarItem.warningBackground") : undefined;
    this.item.show();
  }

  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    for (const s of this.subscriptions) s.dispose();
  }
}
