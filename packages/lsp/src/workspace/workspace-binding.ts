/**
 * The workspace index's side of the LSP conversation, so that server.ts only
 * wires handlers: the build after `initialized` with work-done progress, the
 * file watchers (dynamically registered when the client can), watched-file
 * and workspace-folder changes, and a rebuild when the configuration
 * changes. Whatever changes what the open documents' cross-file rules see
 * calls `onContextChanged`, which re-lints them (publishing only the ones
 * whose findings changed).
 */
import { statSync } from "node:fs";
import path from "node:path";
import type { ConfigResolver } from "@xlint/files";
import { CONFIG_FILE_NAMES } from "@xlint/linter";
import {
  DidChangeWatchedFilesNotification,
  FileChangeType,
  type ClientCapabilities,
  type Connection,
  type DidChangeWatchedFilesParams,
  type WorkspaceFoldersChangeEvent,
} from "vscode-languageserver";
import { DocumentPaths } from "./document-paths";
import { WorkspaceIndex, type IndexProgress } from "./workspace-index";

export interface WorkspaceBindingOptions {
  readonly connection: Connection;
  readonly capabilities: ClientCapabilities;
  readonly paths: DocumentPaths;
  /** The configuration to read files with now (config/: ServerConfiguration.resolver). */
  readonly resolver: () => ConfigResolver;
  /** An xlint.json or xl.conf changed on disk: the configuration must read it again (config/: ServerConfiguration.reload). */
  readonly reloadConfiguration: () => void;
  /** The index changed in a way the open documents' cross-file findings may follow. */
  readonly onContextChanged: () => void;
  readonly log: (message: string) => void;
}

/** Files whose change alters which files are indexed or how all of them read: the index is built again. */
const REBUILD_NAMES = new Set<string>([...CONFIG_FILE_NAMES, ".gitignore", "xl.conf"]);

export class WorkspaceBinding {
  readonly index: WorkspaceIndex;
  private builds = 0;
  private changes = 0;
  private readonly waiters = new Set<() => void>();

  constructor(private readonly options: WorkspaceBindingOptions) {
    this.index = new WorkspaceIndex({ paths: options.paths, resolver: options.resolver, log: options.log });
  }

  /** After `initialized`: watch the folders and build the index. */
  async initialized(): Promise<void> {
    // Side by side: the build does not wait on the client's answer to the registration.
    await Promise.all([this.registerWatchers(), this.rebuild()]);
  }

  /** Builds the index again (configuration changed, folders changed, an xlint.json or .gitignore changed). */
  async rebuild(): Promise<void> {
    const build = ++this.builds;
    const progress = await this.progress();
    // A newer rebuild asked meanwhile: it will do the work.
    if (build !== this.builds) {
      progress.end();
      return;
    }
    const started = performance.now();
    await this.index.build(this.options.paths.workspaceFolders, progress);
    if (build !== this.builds) return;
    this.options.log(`xlint: indexed ${this.index.size} configs of ${this.options.paths.workspaceFolders.length} workspace folder(s) in ${Math.round(performance.now() - started)} ms`);
    this.contextChanged();
  }

  /** Counts the changes of the index (a workspace pull that saw no change since its last answer waits for the next). */
  get generation(): number {
    return this.changes;
  }

  /** Resolves at the next change after `generation`, or when `cancelled` says so (checked every `pollMs`). */
  async waitForChange(generation: number, cancelled: () => boolean, pollMs = 250): Promise<void> {
    while (this.changes === generation && !cancelled()) {
      await new Promise<void>((resolve) => {
        const wake = (): void => {
          clearTimeout(timer);
          this.waiters.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, pollMs);
        this.waiters.add(wake);
      });
    }
  }

  private contextChanged(): void {
    this.changes++;
    for (const wake of [...this.waiters]) wake();
    this.options.onContextChanged();
  }

  didChangeWatchedFiles(params: DidChangeWatchedFilesParams): void {
    let changed = false;
    let rebuild = false;
    let reload = false;
    for (const change of params.changes) {
      const file = DocumentPaths.fileSystemPath(change.uri);
      if (file === undefined) continue;
      const name = path.basename(file);
      if (REBUILD_NAMES.has(name) || file.endsWith(`${path.sep}.git${path.sep}info${path.sep}exclude`)) {
        rebuild = true;
        reload = true;
        continue;
      }
      // A folder moved or copied in: its files may not be reported one by one, so the walk finds them.
      if (change.type === FileChangeType.Created && isFolder(file)) {
        rebuild = true;
        continue;
      }
      if (change.type === FileChangeType.Deleted) changed = this.index.removeFile(file) || this.index.removeFolder(file) || changed;
      else changed = this.index.refreshFile(file) || changed;
    }
    if (rebuild) {
      if (reload) this.options.reloadConfiguration();
      void this.rebuild().catch((error: unknown) => this.options.log(`xlint: indexing failed: ${describe(error)}`));
    } else if (changed) this.contextChanged();
  }

  didChangeWorkspaceFolders(event: WorkspaceFoldersChangeEvent): void {
    const removed = new Set(event.removed.map((f) => DocumentPaths.fileSystemPath(f.uri)).filter((p): p is string => p !== undefined));
    const added = event.added.map((f) => DocumentPaths.fileSystemPath(f.uri)).filter((p): p is string => p !== undefined);
    const folders = [...this.options.paths.workspaceFolders.filter((f) => !removed.has(f)), ...added.filter((f) => !this.options.paths.workspaceFolders.includes(f))];
    this.options.paths.setWorkspaceFolders(folders);
    void this.rebuild().catch((error: unknown) => this.options.log(`xlint: indexing failed: ${describe(error)}`));
  }

  /** Every file under the folders (configs have no fixed extension), plus the files that change how they are found and read. */
  private async registerWatchers(): Promise<void> {
    if (this.options.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration !== true) return;
    const watchers = ["**/*", ...[...REBUILD_NAMES].map((name) => `**/${name}`)].map((globPattern) => ({ globPattern }));
    await this.options.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers }).catch((error: unknown) => {
      this.options.log(`xlint: could not register file watchers: ${describe(error)}`);
    });
  }

  /** Work-done progress when the client shows it; otherwise nothing is sent. */
  private async progress(): Promise<IndexProgress> {
    if (this.options.capabilities.window?.workDoneProgress !== true) return { begin: () => undefined, report: () => undefined, end: () => undefined };
    const reporter = await this.options.connection.window.createWorkDoneProgress().catch(() => undefined);
    if (reporter === undefined) return { begin: () => undefined, report: () => undefined, end: () => undefined };
    let lastPercent = -1;
    return {
      begin: (total) => reporter.begin("xlint: indexing configs", 0, `0/${total} files`),
      report: (done, total) => {
        const percent = total === 0 ? 100 : Math.floor((done * 100) / total);
        // One notification per percent at most: 10,000 files must not make 10,000 messages.
        if (percent === lastPercent) return;
        lastPercent = percent;
        reporter.report(percent, `${done}/${total} files`);
      },
      end: () => reporter.done(),
    };
  }
}

function isFolder(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}


function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
