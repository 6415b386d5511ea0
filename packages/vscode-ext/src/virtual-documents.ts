/**
 * Read-only documents the extension shows (rule pages, the settings xl reads)
 * under its own `xlint:` scheme, so nothing is written to disk and the same
 * address shows the latest text.
 */
import * as vscode from "vscode";

export const XLINT_SCHEME = "xlint";

export class VirtualDocuments implements vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  private readonly registration: vscode.Disposable;

  constructor() {
    this.registration = vscode.workspace.registerTextDocumentContentProvider(XLINT_SCHEME, {
      onDidChange: this.changed.event,
      provideTextDocumentContent: (uri) => this.texts.get(uri.path) ?? "",
    });
  }

  /** Sets the text at `xlint:/PATH` and returns that address. */
  put(relativePath: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: XLINT_SCHEME, path: `/${relativePath}` });
    this.texts.set(uri.path, text);
    this.changed.fire(uri);
    return uri;
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
  }
}
