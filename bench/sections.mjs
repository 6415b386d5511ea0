// bench/RESULTS.md holds one section per benchmark script, between markers, so
// each script rewrites only its own part.
import { existsSync, readFileSync, writeFileSync } from "node:fs";

/** Replaces (or appends) the section `name` of `file` with `markdown`. */
export function writeSection(file, name, markdown) {
  const start = `<!-- bench:${name}:start -->`;
  const end = `<!-- bench:${name}:end -->`;
  const block = `${start}\n${markdown.trim()}\n${end}`;
  const text = existsSync(file) ? readFileSync(file, "utf8") : "";
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  const next = from >= 0 && to > from ? text.slice(0, from) + block + text.slice(to + end.length) : `${text.trimEnd()}${text.trim() ? "\n\n" : ""}${block}\n`;
  writeFileSync(file, next);
}
