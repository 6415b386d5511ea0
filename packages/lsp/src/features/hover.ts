/** Hover on a key: the catalog's docs for it (domain configs and xl.conf). */
import { optionByKey, xlConfOptionByKey } from "@xlint/linter";
import type { Hover } from "vscode-languageserver";
import { assignmentAtKey, type DocumentAnalysis } from "./document-analysis";
import { optionMarkdown, xlConfOptionMarkdown } from "./option-docs";
import { toLspRange } from "./ranges";

/** `offset` is the cursor's offset in the document's text. */
export function hoverAt(analysis: DocumentAnalysis, offset: number): Hover | null {
  const assignment = assignmentAtKey(analysis, offset);
  if (assignment === undefined) return null;
  const markdown = keyMarkdown(analysis, assignment.key.name);
  if (markdown === undefined) return null;
  return { contents: { kind: "markdown", value: markdown }, range: toLspRange(assignment.key.range) };
}

function keyMarkdown(analysis: DocumentAnalysis, key: string): string | undefined {
  if (analysis.kind === "xl-conf") {
    const entry = xlConfOptionByKey(key);
    return entry === undefined ? undefined : xlConfOptionMarkdown(entry);
  }
  // Cpupool files have four keys of their own; the linter does not export their docs yet.
  if (analysis.kind === "cpupool") return undefined;
  const option = optionByKey(key);
  return option === undefined ? undefined : optionMarkdown(option);
}
