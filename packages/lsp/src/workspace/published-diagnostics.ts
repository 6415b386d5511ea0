/**
 * What the client was last given for each document, so that a change to one
 * open document republishes only the documents whose diagnostics changed
 * (the changed document always: its version is new), and pulled reports can
 * answer "unchanged" with a result id that changes exactly when the
 * diagnostics do.
 */
import type { Diagnostic } from "vscode-languageserver";

interface Published {
  readonly version: number | undefined;
  readonly key: string;
  readonly resultId: string;
}

export interface Update {
  /** The diagnostics differ from those last recorded (or none were). */
  readonly changed: boolean;
  /** They are about another version of the text than those last recorded. */
  readonly versionChanged: boolean;
  /** Push them: they changed, or they are about a new version of the text. */
  readonly push: boolean;
  readonly resultId: string;
}

export class PublishedDiagnostics {
  private readonly byUri = new Map<string, Published>();
  private nextId = 1;

  update(uri: string, version: number | undefined, diagnostics: readonly Diagnostic[]): Update {
    const key = JSON.stringify(diagnostics);
    const last = this.byUri.get(uri);
    if (last !== undefined && last.key === key) {
      if (last.version !== version) this.byUri.set(uri, { ...last, version });
      return { changed: false, versionChanged: last.version !== version, push: last.version !== version, resultId: last.resultId };
    }
    const resultId = String(this.nextId++);
    this.byUri.set(uri, { version, key, resultId });
    return { changed: true, versionChanged: last?.version !== version, push: true, resultId };
  }

  resultIdOf(uri: string): string | undefined {
    return this.byUri.get(uri)?.resultId;
  }

  forget(uri: string): void {
    this.byUri.delete(uri);
  }
}
