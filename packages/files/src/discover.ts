/**
 * From the command line's PATH|GLOB|- arguments to the candidate files.
 * Nothing is read here but folders: files are read one at a time while they
 * are linted (see read-file.ts and lint-files.ts), so a run never holds the
 * texts of all its files.
 *
 * - A file named explicitly is always linted (its kind from its name and
 *   content, a domain config when unsure).
 * - A folder is walked recursively, skipping hidden files and folders,
 *   node_modules, what .gitignore ignores and what xlint.json's "ignore"
 *   lists. A file in it is linted when it looks like an xl config (see
 *   detectConfigKind); the others are reported as skipped, with the reason,
 *   under --verbose.
 * - A glob (`*`, `?`, `[`, `{` in an argument that is not an existing path)
 *   is expanded with tinyglobby; its matches are filtered like a walk's,
 *   except that the pattern, not the file name, chose them.
 * - `-` is standard input.
 * Files found twice are linted once. Order: as given, walks sorted by name.
 */
import { readdirSync, statSync, type Dirent } from "node:fs";
import path from "node:path";
import { decodeFileBytes, type ByteEncoding } from "@xlint/parser";
import { GitIgnores } from "./gitignore";
import { describeFsError } from "./read-file";

export { describeFsError } from "./read-file";

export interface Candidate {
  /** The path to read and write (`-` for standard input). */
  readonly file: string;
  /** The path the config lookup and messages use (--stdin-filename for `-`). */
  readonly logicalPath: string;
  /** Found by a walk or a pattern: linted only if it looks like an xl config. */
  readonly walked: boolean;
  /** Standard input, already read. */
  readonly stdin?: { readonly text: string; readonly encoding: ByteEncoding };
}

/** A file a walk or a pattern met and did not take, and why. */
export interface SkippedFile {
  readonly path: string;
  readonly reason: string;
  /**
   * Whether the summary counts it. A file whose name could be a config but
   * that was left out (by its content, as a link, unreadable as a config…)
   * is counted, so nobody takes it for a checked one; one left out by its
   * name (README.md, a script) or by the user's .gitignore or xlint.json
   * "ignore" is only listed under --verbose.
   */
  readonly counted: boolean;
}

export interface Discovery {
  readonly candidates: Candidate[];
  readonly skipped: SkippedFile[];
  /** One line each: `PATH: what is wrong`. */
  readonly problems: string[];
  /** The folders walked, absolute. */
  readonly walkedFolders: string[];
}

export interface DiscoverOptions {
  readonly stdinFilename: string | undefined;
  /** xlint.json "ignore" for a file found by a walk or a glob. */
  readonly configIgnores: (file: string) => boolean;
  readonly readStdin: () => Uint8Array;
  /** Shared with the repository-context walk, so each .gitignore is read once. */
  readonly gitignores?: GitIgnores;
}

/** Files that can never be configs, so a walk does not even read them. */
const NEVER = /\.(sh|py|pyc|pl|rb|c|h|o|so|a|gz|xz|bz2|zst|tar|zip|img|iso|qcow2|raw|vmdk|vhd|json|ya?ml|md|rst|txt|html|xml|png|jpe?g|gif|svg|pdf|patch|diff|orig|rej|bak|swp)$|~$/i;
/** Whether a walk leaves a file out by its name alone (scripts, images, documents, backups), without reading it. */
export function neverAConfig(fileName: string): boolean {
  return NEVER.test(fileName);
}

/** What makes an argument that names no file a glob pattern. */
const GLOB_CHARS = /[*?[\]{}]/;

export async function discover(args: readonly string[], options: DiscoverOptions): Promise<Discovery> {
  const found: Discovery = { candidates: [], skipped: [], problems: [], walkedFolders: [] };
  const seen = new Set<string>();
  const gitignores = options.gitignores ?? new GitIgnores();
  const add = (candidate: Candidate): void => {
    const key = candidate.file === "-" ? "-" : path.resolve(candidate.file);
    if (seen.has(key)) return;
    seen.add(key);
    found.candidates.push(candidate);
  };

  for (const arg of args) {
    if (arg === "-") {
      const logicalPath = options.stdinFilename ?? "<stdin>";
      let bytes: Uint8Array;
      try {
        bytes = options.readStdin();
      } catch (error) {
        found.problems.push(`standard input: ${describeFsError(error)}`);
        continue;
      }
      add({ file: "-", logicalPath, walked: false, stdin: decodeFileBytes(bytes) });
      continue;
    }
    const stat = statOf(arg);
    if (stat === "missing" && GLOB_CHARS.test(arg)) {
      // Loaded on demand: most runs name files and folders, not patterns.
      const { glob } = await import("tinyglobby");
      const matches = await glob(arg, { onlyFiles: true, dot: false, followSymbolicLinks: false, expandDirectories: false, ignore: ["**/node_modules/**", "**/.git/**"] });
      if (matches.length === 0) found.problems.push(`${arg}: no file matches this pattern`);
      for (const match of matches.sort()) {
        const file = path.normalize(match);
        const ignoredBy = gitignores.isIgnored(file, false, process.cwd()) ? ".gitignore" : options.configIgnores(file) ? "xlint.json" : undefined;
        if (ignoredBy) found.skipped.push({ path: file, reason: `ignored by ${ignoredBy}`, counted: false });
        else add({ file, logicalPath: file, walked: true });
      }
      continue;
    }
    if (stat === "missing") {
      found.problems.push(`${arg}: no such file or directory`);
    } else if (stat === "directory") {
      found.walkedFolders.push(path.resolve(arg));
      walk(arg, arg, { gitignores, configIgnores: options.configIgnores, add, skipped: found.skipped, problems: found.problems });
    } else if (typeof stat === "string") {
      found.problems.push(`${arg}: ${stat}`);
    } else {
      add({ file: arg, logicalPath: arg, walked: false });
    }
  }
  return found;
}

type StatResult = "missing" | "directory" | { file: true } | string;

function statOf(p: string): StatResult {
  try {
    const stat = statSync(p);
    if (stat.isDirectory()) return "directory";
    if (stat.isFile()) return { file: true };
    return stat.isFIFO() ? "not a regular file (a FIFO)" : "not a regular file";
  } catch (error) {
    const code = (error as { code?: string }).code;
    return code === "ENOENT" || code === "ENOTDIR" ? "missing" : describeFsError(error);
  }
}

export interface WalkSink {
  readonly gitignores: GitIgnores;
  readonly configIgnores: (file: string) => boolean;
  readonly add: (candidate: Candidate) => void;
  readonly skipped: SkippedFile[];
  readonly problems: string[];
}

/** Walks a folder: candidates in name order, with what it leaves out and why. */
export function walk(dir: string, root: string, sink: WalkSink): void {
  // Each step is one folder read; a walk that may pause between them uses `walkSteps` itself.
  const steps = walkSteps(dir, root, sink);
  while (steps.next().done !== true);
}

/**
 * The walk of `walk`, one folder at a time: it yields after reading each
 * folder, so a caller that must stay responsive (the language server's
 * index) can let other work run between folders of a large tree.
 */
export function* walkSteps(dir: string, root: string, sink: WalkSink): Generator<void, void, undefined> {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    sink.problems.push(`${dir}: ${describeFsError(error)}`);
    return;
  }
  yield;
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    // Hidden files and folders (.git, .xlint.json, editor state) and node_modules are never configs: not even listed.
    if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (sink.gitignores.isIgnored(full, true, root)) sink.skipped.push({ path: `${full}${path.sep}`, reason: "ignored by .gitignore", counted: false });
      else yield* walkSteps(full, root, sink);
      continue;
    }
    if (entry.isSymbolicLink()) {
      // Not followed: a link may point anywhere, or loop.
      sink.skipped.push({ path: full, reason: "a symbolic link (a walk does not follow links)", counted: true });
      continue;
    }
    if (!entry.isFile()) {
      sink.skipped.push({ path: full, reason: `not a regular file (${entry.isFIFO() ? "a FIFO" : entry.isSocket() ? "a socket" : "a device"})`, counted: true });
      continue;
    }
    const never = NEVER.exec(entry.name);
    if (never) {
      sink.skipped.push({ path: full, reason: never[1] ? `a .${never[1].toLowerCase()} file, never an xl config` : "a backup file", counted: false });
      continue;
    }
    if (sink.gitignores.isIgnored(full, false, root)) sink.skipped.push({ path: full, reason: "ignored by .gitignore", counted: false });
    else if (sink.configIgnores(full)) sink.skipped.push({ path: full, reason: "ignored by xlint.json", counted: false });
    else sink.add({ file: full, logicalPath: full, walked: true });
  }
}
