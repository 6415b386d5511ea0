/**
 * The workspace index: every xl config of the workspace folders (domain
 * configs, xl.conf, cpupool files, found as `xlint DIR` finds them), kept as
 * only what the server needs of a file it does not show: the facts of the
 * cross-file rules (in a PreparedContext, so that linting the open documents
 * reads only the configs that may collide with them) and the symbol facts the
 * workspace features read. Never a text or a syntax tree: a file's text lives
 * only while it is read.
 *
 * Built in slices: a few milliseconds of reading, then the event loop, so the
 * server answers requests while a large workspace is indexed. A file is
 * re-read when the watcher says it changed; a new build (xlint.json or a
 * .gitignore changed, the configuration changed, folders came or went)
 * replaces the entries in place, so the context stays whole meanwhile.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { readCandidate, type ConfigResolver } from "@xlint/files";
import { allRules, classifyConfigFile, factsOfFile, PreparedContext, RulePlan, type Rule } from "@xlint/linter";
import { evaluate, parse } from "@xlint/parser";
import { analysisOfParsed } from "../features/document-analysis";
import { symbolFactsOf } from "../features/symbol-facts";
import { discoverFolders, isInside, isWalked } from "./index-discovery";
import type { DocumentPaths } from "./document-paths";
import type { SymbolFact } from "./workspace-view";
import { yieldToRequests } from "./yield-to-requests";

export interface IndexedFile {
  /** Absolute path on disk. */
  readonly file: string;
  readonly uri: string;
  /** The path findings and messages use (relative to its workspace folder). */
  readonly path: string;
  readonly symbols: readonly SymbolFact[];
}

export interface IndexProgress {
  begin(total: number): void;
  report(done: number, total: number): void;
  end(): void;
}

export interface IndexOptions {
  readonly paths: DocumentPaths;
  /** The configuration to read files with, asked anew at each build and read. */
  readonly resolver: () => ConfigResolver;
  readonly rules?: readonly Rule[];
  readonly log?: (message: string) => void;
  /**
   * How long one slice of a build may read before it lets the event loop run
   * (milliseconds). 4 by default: a request that arrives during a slice waits
   * for its end, and bench:lsp measured hover and completion while indexing
   * 10,000 configs at p99 20-23 ms with 4 ms slices against 26-37 ms with 8,
   * for 0.1-0.2 s more indexing.
   */
  readonly sliceMs?: number;
}

const NO_PROGRESS: IndexProgress = { begin: () => undefined, report: () => undefined, end: () => undefined };

export class WorkspaceIndex {
  /** The cross-file rules' facts of every indexed file, by its shown path. */
  readonly context: PreparedContext;
  private readonly plan: RulePlan;
  private readonly byFile = new Map<string, IndexedFile>();
  private folderPaths: string[] = [];
  private builds = 0;
  private building: Promise<void> | undefined;

  constructor(private readonly options: IndexOptions) {
    const rules = options.rules ?? allRules;
    this.plan = new RulePlan(rules, undefined);
    this.context = new PreparedContext(rules);
  }

  get folders(): readonly string[] {
    return this.folderPaths;
  }

  get size(): number {
    return this.byFile.size;
  }

  /** Whether a build is running. */
  get isBuilding(): boolean {
    return this.building !== undefined;
  }

  files(): IterableIterator<IndexedFile> {
    return this.byFile.values();
  }

  get(file: string): IndexedFile | undefined {
    return this.byFile.get(path.resolve(file));
  }

  /**
   * Indexes the folders (replacing what was indexed before, in place). A
   * build started later stops this one at its next slice. Resolves when the
   * build is done or was replaced.
   */
  build(folders: readonly string[], progress: IndexProgress = NO_PROGRESS): Promise<void> {
    this.folderPaths = [...folders];
    const build = ++this.builds;
    const run = this.runBuild(build, progress).finally(() => {
      if (this.builds === build) this.building = undefined;
    });
    this.building = run;
    return run;
  }

  /** Resolves when no build is running. */
  async settled(): Promise<void> {
    while (this.building !== undefined) await this.building;
  }

  /**
   * Reads one file again after the watcher said it was created or changed:
   * indexed when it is a config the walk would take, dropped otherwise.
   * Returns whether what the index keeps of it changed (its facts or symbols:
   * an edit elsewhere in the file changes no other file's findings).
   */
  refreshFile(file: string): boolean {
    const absolute = path.resolve(file);
    const resolver = this.options.resolver();
    if (!isWalked(absolute, this.folderPaths, resolver)) return this.removeFile(absolute);
    return this.read(absolute, resolver);
  }

  /** Drops a file (deleted, or no longer a config). Returns whether it was indexed. */
  removeFile(file: string): boolean {
    const absolute = path.resolve(file);
    const known = this.byFile.get(absolute);
    if (known === undefined) return false;
    this.byFile.delete(absolute);
    this.context.delete(known.path);
    return true;
  }

  /** Drops every file under a folder (a folder deleted, or removed from the workspace). */
  removeFolder(folder: string): boolean {
    let changed = false;
    for (const file of [...this.byFile.keys()]) if (isInside(file, folder)) changed = this.removeFile(file) || changed;
    return changed;
  }

  private async runBuild(build: number, progress: IndexProgress): Promise<void> {
    const resolver = this.options.resolver();
    const sliceMs = this.options.sliceMs ?? 4;
    let sliceStart = performance.now();
    // The walk too goes in slices: a large tree takes a while to list.
    const walking = discoverFolders(this.folderPaths, resolver);
    let step = walking.next();
    while (step.done !== true) {
      if (performance.now() - sliceStart >= sliceMs) {
        await yieldToRequests();
        if (this.builds !== build) return;
        sliceStart = performance.now();
      }
      step = walking.next();
    }
    const { files, problems } = step.value;
    for (const problem of problems) this.options.log?.(`xlint: indexing: ${problem}`);
    progress.begin(files.length);
    try {
      const seen = new Set<string>();
      for (let i = 0; i < files.length; i++) {
        if (performance.now() - sliceStart >= sliceMs) {
          progress.report(i, files.length);
          await yieldToRequests();
          if (this.builds !== build) return;
          sliceStart = performance.now();
        }
        const file = files[i] as string;
        seen.add(file);
        this.read(file, resolver);
      }
      // What this build did not find is gone (deleted, ignored now, or in a folder no longer open).
      for (const file of [...this.byFile.keys()]) if (!seen.has(file)) this.removeFile(file);
      progress.report(files.length, files.length);
    } finally {
      progress.end();
    }
  }

  /** Reads a file and keeps its facts and symbols; a file that is not (or no longer) a readable config is dropped. */
  private read(file: string, resolver: ConfigResolver): boolean {
    const read = readCandidate(file, true);
    const fileName = path.basename(file);
    const kind = read.kind === "text" ? classifyConfigFile(fileName, read.text).kind : undefined;
    if (read.kind !== "text" || kind === undefined) return this.removeFile(file);
    const uri = pathToFileURL(file).href;
    const shown = this.options.paths.pathOf(uri);
    const config = resolver.forFile(file);
    const guestOs = resolver.guestOsFor(file);
    let facts;
    let symbols: SymbolFact[];
    try {
      // One parse serves the facts and the symbols.
      const parsed = parse(read.text, { encoding: read.encoding });
      const evaluation = evaluate(parsed.file);
      facts = factsOfFile({ path: shown, text: read.text, encoding: read.encoding, severities: config.severities, host: config.host, kind, guestOs }, this.plan, { parse: parsed, evaluation });
      symbols = symbolFactsOf(analysisOfParsed(read.text, fileName, parsed, evaluation)).map(detachedSymbol);
    } catch (error) {
      // The linter is not meant to throw; a file it fails on is left out and the index goes on.
      this.options.log?.(`xlint: indexing ${file} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return this.removeFile(file);
    }
    const known = this.byFile.get(file);
    // Renamed by a change of workspace folders: the facts under the old name go.
    if (known !== undefined && known.path !== shown) this.context.delete(known.path);
    if (known !== undefined && known.path === shown && sameFacts(this.context.get(shown)?.facts, facts.facts) && JSON.stringify(known.symbols) === JSON.stringify(symbols)) return false;
    this.context.set(facts);
    this.byFile.set(file, { file, uri, path: shown, symbols });
    return true;
  }
}

/** A copy sharing no string with the file's text: V8 keeps the whole text alive behind a substring of it. */
function detachedSymbol(symbol: SymbolFact): SymbolFact {
  const { startOffset, startLine, startColumn, endOffset, endLine, endColumn } = symbol.place;
  // Strings this short are copied when sliced; longer ones go through JSON, which makes a new flat string.
  const value = symbol.value.length < 13 ? symbol.value : (JSON.parse(JSON.stringify(symbol.value)) as string);
  return { ...symbol, value, place: { startOffset, startLine, startColumn, endOffset, endLine, endColumn } };
}

function sameFacts(a: Readonly<Record<string, string>> | undefined, b: Readonly<Record<string, string>>): boolean {
  if (a === undefined) return false;
  const keys = Object.keys(b);
  return keys.length === Object.keys(a).length && keys.every((k) => a[k] === b[k]);
}
