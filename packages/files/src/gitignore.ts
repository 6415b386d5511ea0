/**
 * `.gitignore` rules for the folder walk, read with the `ignore` package
 * (the matcher ESLint and many others use, following git's own semantics).
 * Files apply from the repository root (the nearest folder above with a
 * `.git`) down to the file's folder, plus `.git/info/exclude`; outside a
 * repository, the `.gitignore` files inside the walked folders still apply.
 * Results are cached per folder, so a walk reads each `.gitignore` once.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import ignore, { type Ignore } from "ignore";

interface IgnoreFile {
  /** The folder the patterns are relative to. */
  readonly base: string;
  readonly matcher: Ignore;
}

export class GitIgnores {
  private readonly chains = new Map<string, readonly IgnoreFile[]>();
  private readonly roots = new Map<string, string | undefined>();

  /**
   * Whether git would ignore `file` (a path inside a walked folder). `isDir`
   * matters for patterns ending in `/`.
   */
  isIgnored(file: string, isDir: boolean, walkRoot: string): boolean {
    const absolute = path.resolve(file);
    for (const { base, matcher } of this.chainFor(path.dirname(absolute), path.resolve(walkRoot))) {
      const relative = path.relative(base, absolute).split(path.sep).join("/");
      if (relative === "" || relative.startsWith("..")) continue;
      if (matcher.ignores(isDir ? `${relative}/` : relative)) return true;
    }
    return false;
  }

  private chainFor(dir: string, walkRoot: string): readonly IgnoreFile[] {
    const key = `${dir}\0${walkRoot}`;
    const cached = this.chains.get(key);
    if (cached) return cached;
    const top = this.repositoryRoot(walkRoot) ?? walkRoot;
    const chain: IgnoreFile[] = [];
    // Folders from the top down to `dir`; when `dir` is not below the top, only `dir` itself.
    const folders: string[] = [];
    for (let at = dir; ; at = path.dirname(at)) {
      folders.unshift(at);
      if (at === top || path.dirname(at) === at) break;
    }
    if (folders[0] !== top) folders.splice(0, folders.length - 1);
    if (folders[0] === top) {
      const exclude = readPatterns(path.join(top, ".git", "info", "exclude"));
      if (exclude) chain.push({ base: top, matcher: exclude });
    }
    for (const folder of folders) {
      const patterns = readPatterns(path.join(folder, ".gitignore"));
      if (patterns) chain.push({ base: folder, matcher: patterns });
    }
    this.chains.set(key, chain);
    return chain;
  }

  /** The nearest folder at or above `from` that holds a `.git` (folder or file), if any. */
  repositoryRoot(from: string): string | undefined {
    if (this.roots.has(from)) return this.roots.get(from);
    let found: string | undefined;
    for (let at = from; ; at = path.dirname(at)) {
      if (existsSync(path.join(at, ".git"))) {
        found = at;
        break;
      }
      if (path.dirname(at) === at) break;
    }
    this.roots.set(from, found);
    return found;
  }
}

function readPatterns(file: string): Ignore | undefined {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return undefined; // no such file, or unreadable: git would not apply it either
  }
  return ignore().add(text);
}
