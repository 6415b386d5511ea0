/**
 * The answers to the server's own requests (src/protocol.ts): a document's
 * status, a rule's page and a document's dump. Pure: they read the document's
 * analysis (its parse and evaluation, already made for the other features)
 * and the settings its lint uses, so the status bar says what the findings
 * assume, and the dump is what the `xlint` command prints for the same text.
 */
import { DEFAULT_HOST, explainText, fileAssumptions, ruleById, ruleDocMarkdown, type FileAssumptions, type LintInput } from "@xlint/linter";
import { settingsToJson } from "@xlint/parser";
import type { DumpResult, RuleDocResult, StatusResult } from "../protocol";
import type { DocumentAnalysis } from "./document-analysis";

/** The settings a document is linted under (its host profile, the guest OS xlint.json states for it). */
export type DocumentSettings = Pick<LintInput, "host" | "guestOs">;

/** What the workspace index says of itself. */
export interface IndexState {
  readonly isBuilding: boolean;
  readonly size: number;
}

/** The assumptions every rule starts from, under the document's host profile and stated guest OS (as the lint computes them). */
export function assumptionsOf(analysis: DocumentAnalysis, settings: DocumentSettings): FileAssumptions {
  return fileAssumptions(analysis.parse, analysis.evaluation, { guestOs: settings.guestOs }, settings.host ?? DEFAULT_HOST);
}

export function documentStatus(analysis: DocumentAnalysis, settings: DocumentSettings, index: IndexState): StatusResult {
  const indexState = { indexing: index.isBuilding, indexedConfigs: index.size };
  // Guest type, OS and arch mean something only for a guest's config.
  if (analysis.kind !== "domain") return { kind: analysis.kind, ...indexState };
  const a = assumptionsOf(analysis, settings);
  return {
    kind: analysis.kind,
    ...(a.guest.type !== undefined ? { guestType: a.guest.type } : {}),
    guestTypeSource: a.guest.source,
    ...(a.guestOs.os !== "unknown" ? { guestOs: a.guestOs.os } : {}),
    guestOsSource: a.guestOs.source,
    arch: a.arch.arch,
    ...indexState,
  };
}

/** `xlint explain RULE`'s text; undefined for an id no rule has. */
export function ruleDoc(ruleId: string): RuleDocResult | undefined {
  const rule = ruleById(ruleId);
  return rule === undefined ? undefined : { ruleId: rule.id, markdown: ruleDocMarkdown(rule) };
}

/**
 * `xlint dump` and `xlint dump --explain` of the document's text. An editor's
 * text is already characters, read as UTF-8 (what the command assumes of a
 * file that decodes as UTF-8). `shown`: the name the explanation starts with.
 */
export function documentDump(analysis: DocumentAnalysis, settings: DocumentSettings, shown: string): DumpResult {
  const explanation = explainText(shown, analysis.text, assumptionsOf(analysis, settings));
  // The command's verdict: any error of the parse or the evaluation means xl reads nothing.
  const errors = [...analysis.parse.diagnostics, ...analysis.evaluation.diagnostics].filter((d) => d.severity === "error");
  if (errors.length > 0) {
    errors.sort((a, b) => a.range.start.offset - b.range.start.offset);
    return { errors: errors.map((d) => `${d.range.start.line + 1}:${d.range.start.column + 1}: ${d.message}`), explanation };
  }
  return { settingsJson: settingsToJson(analysis.evaluation, "utf8"), explanation };
}
