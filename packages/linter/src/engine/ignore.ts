/**
 * Ignore patterns from a config file, matched against paths relative to that
 * file's folder (with `/` separators), gitignore-style: a pattern without a
 * slash matches at any depth, and a matched folder hides everything in it.
 */
import picomatch from "picomatch";

export type PathMatcher = (relativePath: string) => boolean;

export function ignoreMatcher(patterns: readonly string[]): PathMatcher {
  if (patterns.length === 0) return () => false;
  const globs = patterns.flatMap((p) => {
    const trimmed = p.replace(/^\.\//, "").replace(/\/$/, "");
    const anchored = trimmed.startsWith("/") ? trimmed.slice(1) : trimmed.includes("/") ? trimmed : `**/${trimmed}`;
    return [anchored, `${anchored}/**`];
  });
  const isMatch = picomatch(globs, { dot: true });
  return (relativePath) => isMatch(relativePath.split("\\").join("/"));
}
