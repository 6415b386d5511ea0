/**
 * Hover on a finding: when the cursor is inside the range of one of the
 * document's findings, the hover shows each such finding's short message,
 * its `help` (why it matters and what to do) and the rule id linked to the
 * rule's page, so the whole explanation is one hover away even in editors
 * that show a diagnostic's message only.
 */
import { ruleDocsUrl, type Diagnostic as Finding } from "@xlint/linter";
import type { Range } from "vscode-languageserver";
import type { EditorLines } from "./positions";
import { toLspRange } from "./ranges";

export interface FindingsHover {
  readonly markdown: string;
  /** The range of the first finding under the cursor. */
  readonly range: Range;
}

const SEVERITY_WORDS: Readonly<Record<Finding["severity"], string>> = { error: "Error", warning: "Warning", info: "Info" };

/** The findings whose range holds `offset` (both ends included, where a cursor at a finding's end sits). */
export function findingsAt(findings: readonly Finding[], offset: number): Finding[] {
  return findings.filter((f) => f.range.start.offset <= offset && offset <= f.range.end.offset);
}

/** `lines`: the document's editor lines when a lone `\r` makes them differ from the parser's (positions.ts). */
export function findingsHover(findings: readonly Finding[], offset: number, docsBase: string | undefined, lines?: EditorLines): FindingsHover | undefined {
  const here = findingsAt(findings, offset);
  const first = here[0];
  if (first === undefined) return undefined;
  const blocks = here.map((f) => {
    const lines = [`**${SEVERITY_WORDS[f.severity]}:** ${f.message}`];
    if (f.help !== undefined && f.help !== "") lines.push("", f.help);
    lines.push("", docsBase === undefined ? `\`${f.rule}\`` : `[\`${f.rule}\`](${ruleDocsUrl(f.rule, docsBase)})`);
    return lines.join("\n");
  });
  return { markdown: blocks.join("\n\n---\n\n"), range: toLspRange(first.range, lines) };
}
