/**
 * Where a rule's documentation page lives. The pages are Markdown files in
 * the repository (docs/rules/RULE.md, generated from the rules and shipped
 * with xlint); every output format links to one. The caller says where the
 * folder is: a web address of the repository's copy, or a file: URL of the
 * installed one (see packages/files/src/docs-base.ts), so that no link
 * points at a site that does not exist.
 */

/** The rule pages' folder, relative to the repository root. */
export const RULE_DOCS_FOLDER = "docs/rules";

/** The page of rule `id` under `base`, the URL of the rule pages' folder. */
export function ruleDocsUrl(id: string, base: string): string {
  return new URL(`${encodeURIComponent(id)}.md`, base.endsWith("/") ? base : `${base}/`).href;
}
