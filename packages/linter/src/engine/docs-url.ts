/** Where a rule's documentation page lives; every output format links to it. */
export function ruleDocsUrl(id: string): string {
  return `https://xlint.dev/rules/${id}`;
}
