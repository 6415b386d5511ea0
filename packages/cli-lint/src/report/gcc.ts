/**
 * `file:line:col: severity: message [rule]`, one finding a line, 1-based: the
 * format of compilers that editors (Vim's quickfix, Emacs' compilation mode)
 * and CI log scanners already understand. The summary goes to standard error
 * (main.ts), so that standard output holds nothing but findings.
 */
import type { Diagnostic } from "@xlint/linter";
import { shownDiagnostics } from "./summary";
import { printable } from "./terminal-text";
import type { Formatter } from "./types";

export function formatGccLine(path: string, d: Diagnostic): string {
  // printable(): a newline or escape sequence in a message must not break the one-line-per-finding contract.
  return `${path}:${d.range.start.line + 1}:${d.range.start.column + 1}: ${d.severity}: ${printable(d.message)} [${d.rule}]`;
}

export const formatGcc: Formatter = (report, options, write) => {
  for (const file of report.files) {
    const shown = shownDiagnostics(file, options.quiet);
    if (shown.length > 0) write(shown.map((d) => formatGccLine(file.path, d) + "\n").join(""));
  }
};
