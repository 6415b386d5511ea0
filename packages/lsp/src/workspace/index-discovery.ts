/**
 * Which files of the workspace folders the index reads: the walk `xlint DIR`
 * makes (@xlint/files: hidden entries and node_modules left out, .gitignore,
 * xlint.json "ignore", links and special files not followed), so the server
 * compares an open config with the same configs the command would. Whether a
 * walked file is an xl config (a domain config, xl.conf, a cpupool file) is
 * decided when it is read, by its name and content, as the command does.
 */
import path from "node:path";
import { GitIgnores, neverAConfig, walkSteps, type ConfigResolver } from "@xlint/files";

export interface FolderFiles {
  /** Absolute paths, in walk order (sorted by name, folder by folder). */
  readonly files: string[];
  /** `PATH: what is wrong`, for the log. */
  readonly problems: string[];
}

/**
 * The candidate files of the folders, each once (a folder inside another is
 * walked once). Yields after each folder read, so that the caller can let
 * other work run while a large tree is walked; the result is complete when
 * the generator is done.
 */
export function* discoverFolders(folders: readonly string[], resolver: ConfigResolver): Generator<void, FolderFiles, undefined> {
  const gitignores = new GitIgnores();
  const seen = new Set<string>();
  const files: string[] = [];
  const problems: string[] = [];
  for (const folder of folders) {
    if (folders.some((other) => other !== folder && isInside(folder, other))) continue;
    yield* walkSteps(folder, folder, {
      gitignores,
      configIgnores: (file) => resolver.isIgnored(file),
      add: (candidate) => {
        const file = path.resolve(candidate.file);
        if (seen.has(file)) return;
        seen.add(file);
        files.push(file);
      },
      skipped: [],
      problems,
    });
  }
  return { files, problems };
}

/** Whether one file would be walked: inside a folder, and neither hidden, in node_modules, never a config by its name, nor ignored. */
export function isWalked(file: string, folders: readonly string[], resolver: ConfigResolver): boolean {
  const folder = folders.find((f) => isInside(file, f));
  if (folder === undefined) return false;
  const relative = path.relative(folder, file).split(path.sep);
  if (relative.some((part) => part.startsWith(".") || part === "node_modules") || neverAConfig(path.basename(file))) return false;
  const gitignores = new GitIgnores();
  // Every folder on the way must not be ignored either (a walk does not enter an ignored folder).
  for (let at = path.dirname(file); isInside(at, folder) && at !== folder; at = path.dirname(at)) {
    if (gitignores.isIgnored(at, true, folder)) return false;
  }
  return !gitignores.isIgnored(file, false, folder) && !resolver.isIgnored(file);
}

export function isInside(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
}
