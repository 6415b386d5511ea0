/** Unified diffs for `--diff`, made with jsdiff (`diff`), the diff library most JavaScript tools use. */

/** A `git diff`-style patch of one file: `--- a/PATH` / `+++ b/PATH`, three lines of context. */
export async function unifiedDiff(displayPath: string, before: string, after: string): Promise<string> {
  // Loaded on demand: only --diff needs it, and every run pays for what is loaded at start.
  const { createTwoFilesPatch } = await import("diff");
  const name = displayPath.split("\\").join("/");
  const patch = createTwoFilesPatch(`a/${name}`, `b/${name}`, before, after, undefined, undefined, { context: 3 });
  // jsdiff starts with an "Index:"-less header line of "=" when given no header; drop anything before "---".
  return patch.slice(patch.indexOf("---"));
}
