/**
 * Hover: on a key, the catalog's docs for it (domain configs and xl.conf);
 * inside a `disk`, `vif` or `pci` item, the spec field under the cursor
 * (spec-hover.ts); on another value, what xl makes of it (value-hover.ts).
 * When the cursor is also inside findings' ranges, their message, help and
 * rule link come first (diagnostic-hover.ts): what is wrong matters more
 * than what the key is. The hover's range is that of the docs when there
 * are any, else the first finding's.
 */
import { editorRange } from "./editor-positions";
import { EditorLines } from "./positions";
import { DEFAULT_HOST, optionByKey, xlConfOptionByKey, type Diagnostic as Finding, type HostProfile } from "@xlint/linter";
import type { Hover } from "vscode-languageserver";
import { assignmentAtKey, type DocumentAnalysis } from "./document-analysis";
import { findingsHover } from "./diagnostic-hover";
import { optionMarkdown, xlConfOptionMarkdown } from "./option-docs";
import { specHover } from "./spec-hover";
import { specSiteAt } from "./spec-site";
import { valueHover, type HoverPart } from "./value-hover";

export interface HoverContext {
  /** The document's findings (of the text the analysis is of); none when absent. */
  readonly findings?: readonly Finding[];
  /** Where rule links point (the folder of the rule pages); without it the rule id is shown unlinked. */
  readonly docsBase?: string;
  /** The host profile: its CPUs expand CPU lists, its bridges check a vif's bridge. */
  readonly host?: HostProfile;
}

/** `offset` is the cursor's offset in the document's text. */
export function hoverAt(analysis: DocumentAnalysis, offset: number, context: HoverContext = {}): Hover | null {
  const docs = docsAt(analysis, offset, context.host ?? DEFAULT_HOST);
  const findings = findingsHover(context.findings ?? [], offset, context.docsBase, EditorLines.of(analysis.text));
  if (docs === undefined && findings === undefined) return null;
  const markdown = [findings?.markdown, docs?.markdown].filter((m): m is string => m !== undefined).join("\n\n---\n\n");
  const range = docs?.range ?? findings?.range;
  return range === undefined ? { contents: { kind: "markdown", value: markdown } } : { contents: { kind: "markdown", value: markdown }, range };
}

function docsAt(analysis: DocumentAnalysis, offset: number, host: HostProfile): HoverPart | undefined {
  const assignment = assignmentAtKey(analysis, offset);
  if (assignment !== undefined) {
    const markdown = keyMarkdown(analysis, assignment.key.name);
    return markdown === undefined ? undefined : { markdown, range: editorRange(analysis, assignment.key.range) };
  }
  const site = specSiteAt(analysis, offset);
  if (site !== undefined) return specHover(site, analysis, host);
  return valueHover(analysis, offset, host);
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
