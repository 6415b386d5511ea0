/**
 * GitHub Actions workflow commands: each finding becomes an annotation on
 * the pull request (`::error file=…,line=…::message`; warnings as `warning`,
 * infos as `notice`), and a plain summary line ends the log. Escaping follows
 * actions/toolkit's command.ts: `%`, CR and LF in the message; those plus `:`
 * and `,` in properties, where they would end a value.
 */
import type { Diagnostic, Severity } from "@xlint/linter";
import { oneBased } from "./positions";
import { countRun, shownDiagnostics, summarySentence } from "./summary";
import type { Formatter } from "./types";

const COMMANDS: Record<Severity, string> = { error: "error", warning: "warning", info: "notice" };

export const formatGithub: Formatter = (report, options, write) => {
  for (const file of report.files) {
    const shown = shownDiagnostics(file, options.quiet);
    if (shown.length > 0) write(shown.map((d) => annotation(file.path, d) + "\n").join(""));
  }
  write(summarySentence(countRun(report)) + "\n");
};

/** One workflow command; columns are 1-based and the end column is the one after the span. */
function annotation(path: string, d: Diagnostic): string {
  const at = oneBased(d.range);
  const properties: [string, string | number][] = [
    ["file", path],
    ["line", at.line],
    ["col", at.column],
    ["endLine", at.endLine],
    ["endColumn", at.endColumn],
    ["title", d.rule],
  ];
  const props = properties.map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join(",");
  return `::${COMMANDS[d.severity]} ${props}::${escapeData(d.message)}`;
}

function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
