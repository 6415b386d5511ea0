/**
 * The commands of the palette and the editor's context menu. The server's own
 * command (xlint.refreshHostFacts) is registered by the client library from the
 * server's capabilities; the manifest only gives it a title.
 */
import * as vscode from "vscode";
import type { XlintClient } from "./client";
import { DIAGNOSTIC_SOURCE, XL_LANGUAGE } from "./language";
import { requestDump, requestRuleDoc } from "./requests";
import { dumpDocumentText } from "./dump-text";
import { VirtualDocuments } from "./virtual-documents";
import { ruleIdOf } from "./rule-id";

/** The code action kind of the server's fix-all (features/fix-all.ts). */
const FIX_ALL_KIND = "source.fixAll.xlint";

export function registerCommands(context: vscode.ExtensionContext, client: XlintClient): void {
  const documents = new VirtualDocuments();
  context.subscriptions.push(
    documents,
    vscode.commands.registerCommand("xlint.restartServer", () => client.restart()),
    vscode.commands.registerCommand("xlint.showOutput", () => client.output.show(true)),
    vscode.commands.registerCommand("xlint.explainRule", (ruleId?: unknown) => explainRule(client, documents, typeof ruleId === "string" ? ruleId : undefined)),
    vscode.commands.registerCommand("xlint.fixAll", () => fixAll()),
    vscode.commands.registerCommand("xlint.showSettingsXlReads", () => showSettingsXlReads(client, documents)),
  );
}

/** The server, started if need be; undefined (after saying so) when it cannot run. */
async function server(client: XlintClient) {
  const running = client.running ?? (await client.start());
  if (running === undefined) void vscode.window.showErrorMessage("xlint: the language server is not running.");
  return running;
}

/** The xl document of the active editor, or undefined after saying there is none. */
function activeXlEditor(): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  if (editor?.document.languageId === XL_LANGUAGE) return editor;
  void vscode.window.showInformationMessage("xlint: open an xl config first.");
  return undefined;
}

async function explainRule(client: XlintClient, documents: VirtualDocuments, given: string | undefined): Promise<void> {
  const ruleId = given ?? (await ruleAtCursor());
  if (ruleId === undefined) return;
  const running = await server(client);
  if (running === undefined) return;
  const doc = await requestRuleDoc(running, ruleId);
  if (doc === null) {
    void vscode.window.showWarningMessage(`xlint: there is no rule \`${ruleId}\`.`);
    return;
  }
  const uri = documents.put(`rules/${doc.ruleId}.md`, doc.markdown);
  // The built-in Markdown preview renders the page offline; without it, the Markdown text itself.
  try {
    await vscode.commands.executeCommand("markdown.showPreviewToSide", uri);
  } catch {
    await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.Beside, preview: true });
  }
}

/** The rule of the finding under the cursor; several: the user picks; none: says so. */
async function ruleAtCursor(): Promise<string | undefined> {
  const editor = activeXlEditor();
  if (editor === undefined) return undefined;
  const cursor = editor.selection.active;
  const here = vscode.languages
    .getDiagnostics(editor.document.uri)
    .filter((d) => d.source === DIAGNOSTIC_SOURCE && d.range.contains(cursor))
    .map((d) => ({ id: ruleIdOf(d.code), message: d.message }))
    .filter((d): d is { id: string; message: string } => d.id !== undefined);
  const ids = [...new Set(here.map((d) => d.id))];
  if (ids.length === 0) {
    void vscode.window.showInformationMessage("xlint: there is no xlint finding at the cursor.");
    return undefined;
  }
  if (ids.length === 1) return ids[0];
  const picked = await vscode.window.showQuickPick(
    ids.map((id) => ({ label: id, detail: here.find((d) => d.id === id)?.message })),
    { placeHolder: "Several findings are at the cursor: which rule?" },
  );
  return picked?.label;
}

async function fixAll(): Promise<void> {
  const editor = activeXlEditor();
  if (editor === undefined) return;
  await vscode.commands.executeCommand("editor.action.sourceAction", { kind: FIX_ALL_KIND, apply: "first" });
}

async function showSettingsXlReads(client: XlintClient, documents: VirtualDocuments): Promise<void> {
  const editor = activeXlEditor();
  if (editor === undefined) return;
  const running = await server(client);
  if (running === undefined) return;
  const dump = await requestDump(running, editor.document.uri.toString());
  if (dump === null) {
    void vscode.window.showWarningMessage("xlint: the server does not have this document.");
    return;
  }
  const name = editor.document.uri.path.slice(editor.document.uri.path.lastIndexOf("/") + 1);
  const uri = documents.put(`settings/${name}.jsonc`, dumpDocumentText(name, dump));
  const shown = await vscode.workspace.openTextDocument(uri);
  await vscode.languages.setTextDocumentLanguage(shown, "jsonc");
  await vscode.window.showTextDocument(shown, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: true });
}
