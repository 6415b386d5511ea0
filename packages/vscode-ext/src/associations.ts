/**
 * Whether a path is named by one of the user's `files.associations` patterns,
 * matched as VS Code matches them: a pattern without a `/` is matched against
 * the file's base name, one with a `/` against the whole path.
 */
import picomatch from "picomatch";

export function matchesAssociation(filePath: string, patterns: readonly string[]): boolean {
  const base = filePath.slice(filePath.lastIndexOf("/") + 1);
  return patterns.some((pattern) => {
    const matcher = picomatch(pattern, { dot: true, nocase: true });
    return pattern.includes("/") ? matcher(filePath) : matcher(base);
  });
}
