import type { Diagnostic } from "@xlint/linter";

/** `file:line:col: severity: message [rule]`, 1-based, the format editors and CI logs understand. */
export function formatGcc(path: string, d: Diagnostic): string {
  return `${path}:${d.range.start.line + 1}:${d.range.start.column + 1}: ${d.severity}: ${d.message} [${d.rule}]`;
}
