/**
 * From the command line's PATH|GLOB|- arguments to the files to lint.
 *
 * - A file named explicitly is always linted (its kind from its name and
 *   content, a domain config when unsure).
 * - A folder is walked recursively, skipping hidden folders, node_modules,
 *   what .gitignore ignores and what xlint.json's "ignore" lists. A file in
 *   it is linted when it looks like an xl config: see detectConfigKind.
 * - A glob (`*`, `?`, `[`, `{` in an argument that is not an existing path)
 *   is expanded with tinyglobby; its matches are filtered like a walk's,
 *   except that the pattern, not the file name, chose them.
 * - `-` is standard input.
 * Files found twice are linted once. Order: as given, walks sorted by name.
 */
import { readdirSync, readFileSync, statSync, type Dirent } from "node:fs";
import path from "node:path";
import { decodeFileBytes, type ByteEncoding } from "@xlint/parser";
import { detectConfigKind, type FileKind } from "@xlint/linter";
import { GitIgnores } from "./gitignore";

export interface Target {
  /** The path to read and write (`-` for standard input). */
  readonly file: string;
  /** The path the config lookup and messages use (--stdin-filename for `-`). */
  readonly logicalPath: string;
  readonly text: string;
  readonly encoding: ByteEncoding;
  readonly kind: FileKind;
}

export interface Discovery {
  readonly targets: Target[];
  /** One line each: `PATH: what is wrong`. */
  readonly problems: string[];
}

export interface DiscoverOptions {
  readonly stdinFilename: string | undefined;
  /** xlint.json "ignore" for a file found by a walk or a glob. */
  readonly configIgnores: (file: string) => boolean;
  readonly readStdin: () => Uint8Array;
}

/** Files that can never be configs, so a walk does not even read them. */
const NEVER = /\.(sh|py|pyc|pl|rb|c|h|o|so|a|gz|xz|bz2|zst|tar|zip|img|iso|qcow2|raw|vmdk|vhd|json|ya?ml|md|rst|txt|html|xml|png|jpe?g|gif|svg|pdf|patch|diff|orig|rej|bak|swp)$|~$/i;
/** What makes an argument that names no file a glob pattern. */
const GLOB_CHARS = /[*?[\]{}]/;
/** Bigger files are not read during a walk: no domain config is this large. */
const MAX_WALK_BYTES = 1024 * 1024;

export async function discover(args: readonly string[], options: DiscoverOptions): Promise<Discovery> {
  const targets: Target[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  const gitignores = new GitIgnores();
  const add = (target: Target): void => {
    const key = target.file === "-" ? "-" : path.resolve(target.file);
    if (seen.has(key)) return;
    seen.add(key);
    targets.push(target);
  };

  for (const arg of args) {
    if (arg === "-") {
      const bytes = options.readStdin();
      const logicalPath = options.stdinFilename ?? "<stdin>";
      const { text, encoding } = decodeFileBytes(bytes);
      add({ file: "-", logicalPath, text, encoding, kind: detectConfigKind(path.basename(logicalPath), text) ?? "domain" });
      continue;
    }
    const stat = statOf(arg);
    if (stat === "missing" && GLOB_CHARS.test(arg)) {
      // Loaded on demand: most runs name files and folders, not patterns.
      const { glob } = await import("tinyglobby");
      const matches = await glob(arg, { onlyFiles: true, dot: false, followSymbolicLinks: false, expandDirectories: false, ignore: ["**/node_modules/**", "**/.git/**"] });
      if (matches.length === 0) problems.push(`${arg}: no file matches this pattern`);
      for (const match of matches.sort()) {
        const file = path.normalize(match);
        if (gitignores.isIgnored(file, false, process.cwd()) || options.configIgnores(file)) continue;
        const read = readTarget(file, problems);
        if (read && !read.binary) add({ file: read.file, logicalPath: read.logicalPath, text: read.text, encoding: read.encoding, kind: detectConfigKind(path.basename(file), read.text) ?? "domain" });
      }
      continue;
    }
    if (stat === "missing") {
      problems.push(`${arg}: no such file or directory`);
    } else if (stat === "directory") {
      walk(arg, arg, gitignores, options, add, problems);
    } else if (typeof stat === "string") {
      problems.push(`${arg}: ${stat}`);
    } else {
      const read = readTarget(arg, problems);
      if (read) add({ file: read.file, logicalPath: read.logicalPath, text: read.text, encoding: read.encoding, kind: detectConfigKind(path.basename(arg), read.text) ?? "domain" });
    }
  }
  return { targets, problems };
}

type StatResult = "missing" | "directory" | { file: true } | string;

function statOf(p: string): StatResult {
  try {
    const stat = statSync(p);
    if (stat.isDirectory()) return "directory";
    if (stat.isFile()) return { file: true };
    return "not a regular file";
  } catch (error) {
    const code = (error as { code?: string }).code;
    return code === "ENOENT" || code === "ENOTDIR" ? "missing" : describeFsError(error);
  }
}

function walk(dir: string, root: string, gitignores: GitIgnores, options: DiscoverOptions, add: (t: Target) => void, problems: string[]): void {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    problems.push(`${dir}: ${describeFsError(error)}`);
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
      if (gitignores.isIgnored(full, true, root)) continue;
      walk(full, root, gitignores, options, add, problems);
      continue;
    }
    // Symbolic links are not followed in a walk (they may point anywhere, or loop).
    if (!entry.isFile() || entry.name.startsWith(".") || NEVER.test(entry.name)) continue;
    if (gitignores.isIgnored(full, false, root) || options.configIgnores(full)) continue;
    const size = sizeOf(full);
    if (size === undefined || size > MAX_WALK_BYTES) continue;
    const read = readTarget(full, problems);
    if (!read || read.binary) continue;
    const kind = detectConfigKind(entry.name, read.text);
    if (kind) add({ file: read.file, logicalPath: read.logicalPath, text: read.text, encoding: read.encoding, kind });
  }
}

/** A file's text, and whether its bytes look binary (the bytes themselves are not kept: runs hold thousands of files). */
function readTarget(file: string, problems: string[]): (Omit<Target, "kind"> & { readonly binary: boolean }) | undefined {
  try {
    const bytes = readFileSync(file);
    const { text, encoding } = decodeFileBytes(bytes);
    return { file, logicalPath: file, text, encoding, binary: looksBinary(bytes) };
  } catch (error) {
    problems.push(`${file}: ${describeFsError(error)}`);
    return undefined;
  }
}

function sizeOf(file: string): number | undefined {
  try {
    return statSync(file).size;
  } catch {
    return undefined;
  }
}

/** git's test: a NUL byte in the first 8000 bytes means binary. */
export function looksBinary(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, 8000);
  for (let i = 0; i < end; i++) if (bytes[i] === 0) return true;
  return false;
}

export function describeFsError(error: unknown): string {
  const code = error && typeof error === "object" && "code" in error ? String((error as { code: unknown }).code) : undefined;
  switch (code) {
    case "ENOENT":
      return "no such file or directory";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EISDIR":
      return "is a directory";
    case "ENOTDIR":
      return "a part of the path is not a directory";
    case "ELOOP":
      return "too many levels of symbolic links";
    case "EROFS":
      return "read-only file system";
    case "ENOSPC":
      return "no space left on the device";
    default:
      return code ?? (error instanceof Error ? error.message : String(error));
  }
}
