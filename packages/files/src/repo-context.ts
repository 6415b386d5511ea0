/**
 * The repository around the files of a run. pre-commit hands xlint only the
 * staged files, and an editor only the open one, yet a MAC or a guest name is
 * duplicated against the whole repository. So when xlint lints some files of
 * a repository, the cross-file rules also read the facts of its other
 * configs, found by the same walk as a folder argument (.gitignore,
 * xlint.json ignores, content sniffing), and report only on the files given.
 *
 * The repository of a file is the folder of the nearest xlint.json marked
 * `"root": true`, else the git work tree it is in; a file in neither has no
 * context. `--no-repo-context` turns this off.
 */
import path from "node:path";
import type { ConfigResolver } from "./config-files";
import { walk, type Candidate } from "./discover";
import type { GitIgnores } from "./gitignore";

/** The repository folders of the given files, minus those a folder argument already walked whole. */
export function contextRoots(files: readonly string[], walkedFolders: readonly string[], resolver: ConfigResolver, gitignores: GitIgnores): string[] {
  const roots = new Set<string>();
  const byFolder = new Map<string, string | undefined>();
  for (const file of files) {
    const folder = path.dirname(path.resolve(file));
    if (!byFolder.has(folder)) byFolder.set(folder, resolver.rootFolderOf(path.join(folder, "x")) ?? gitignores.repositoryRoot(folder));
    const root = byFolder.get(folder);
    if (root !== undefined) roots.add(root);
  }
  return [...roots].filter((root) => !walkedFolders.some((walked) => isInside(root, walked))).sort();
}

/** The configs under the roots that the run does not lint itself, in walk order. */
export function contextCandidates(roots: readonly string[], linted: ReadonlySet<string>, resolver: ConfigResolver, gitignores: GitIgnores): { candidates: Candidate[]; problems: string[] } {
  const candidates: Candidate[] = [];
  const problems: string[] = [];
  const seen = new Set(linted);
  for (const root of roots) {
    walk(root, root, {
      gitignores,
      configIgnores: (file) => resolver.isIgnored(file),
      add: (candidate) => {
        const key = path.resolve(candidate.file);
        if (seen.has(key)) return;
        seen.add(key);
        candidates.push(candidate);
      },
      skipped: [],
      problems,
    });
  }
  return { candidates, problems };
}

function isInside(folder: string, parent: string): boolean {
  const relative = path.relative(parent, folder);
  return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
}
