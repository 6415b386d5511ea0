/**
 * The VS Code extension's entry point. It starts the xlint language server
 * (dist/server.cjs, the same server every LSP editor uses) when the first xl
 * document opens or the workspace has an xlint.json, and adds what only VS Code
 * shows: the status bar item, the commands, and `.cfg` files recognised by
 * their content. Everything about the configs themselves comes from the server.
 */
import * as vscode from "vscode";
import { XlintClient } from "./client";
import { registerCommands } from "./commands";
import { ContentDetection } from "./content-detection";
import { StatusBar } from "./status-bar";
import { XL_LANGUAGE } from "./language";

let client: XlintClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel("xlint", { log: true });
  context.subscriptions.push(output);
  const xlint = new XlintClient(context, output);
  client = xlint;
  context.subscriptions.push(new StatusBar(xlint));
  registerCommands(context, xlint);
  context.subscriptions.push(new ContentDetection());

  // The server is started lazily: activation on a properties or plaintext file
  // (for the content check) must not index a workspace that has no xl configs.
  const startIfWanted = (): void => {
    if (vscode.workspace.textDocuments.some((d) => d.languageId === XL_LANGUAGE)) void xlint.start();
  };
  context.subscriptions.push(vscode.workspace.onDidOpenTextDocument((d) => d.languageId === XL_LANGUAGE && void xlint.start()));
  // Either name of xlint's project file (the linter's CONFIG_FILE_NAMES) marks a workspace of configs.
  const hasProjectFile = (await vscode.workspace.findFiles("**/{xlint.json,.xlint.json}", "**/node_modules/**", 1)).length > 0;
  if (hasProjectFile) void xlint.start();
  else startIfWanted();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
