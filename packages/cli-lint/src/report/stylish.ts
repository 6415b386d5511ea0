/**
 * The default format on a terminal: findings grouped by file, each with its
 * source line and the span underlined (after rustc and Ruff), its help (why
 * it matters and what to do), related places,
 * whether `--fix` can fix it and where its rule is documented; then one
 * summary. Example:
 *
 *   vm/web.cfg
 *     5:10  info  `memory` is a number written as a string  quoted-number
 *       5 | memory = "512"
 *         |          ^^^^^
 *         = help: xl reads `"512"` as 512; the quotes only hide that the key is numeric.
 *         = fix available (--fix): Write `512` without quotes
 *         = docs: https://github.com/…/docs/rules/quoted-number.md
 *
 *   0 errors, 0 warnings, 1 info in 1 file (1 file checked)
 *   1 fixable with --fix
 */
import type { Diagnostic, Severity } from "@xlint/linter";
import picocolors from "picocolors";
import { excerpt } from "./excerpt";
import { countRun, fixableSentence, fixedSentence, fixSafety, shownDiagnostics, summarySentence } from "./summary";
import { printable } from "./terminal-text";
import type { FormatOptions, Formatter, ReportedFile, RunReport } from "./types";

type Colors = ReturnType<typeof picocolors.createColors>;

const SEVERITY_WIDTH = "warning".length;

export const formatStylish: Formatter = (report, options, write) => {
  const c = picocolors.createColors(options.color);
  let first = true;
  for (const file of report.files) {
    const shown = shownDiagnostics(file, options.quiet);
    if (shown.length === 0) continue;
    write(`${first ? "" : "\n"}${fileBlock(file, shown, options, c)}`);
    first = false;
  }
  write(`${first ? "" : "\n"}${summaryBlock(report, c)}`);
};

function fileBlock(file: ReportedFile, shown: readonly Diagnostic[], options: FormatOptions, c: Colors): string {
  const where = shown.map((d) => `${d.range.start.line + 1}:${d.range.start.column + 1}`);
  const whereWidth = Math.max(...where.map((w) => w.length));
  const gutterWidth = Math.max(...shown.map((d) => String(d.range.start.line + 1).length));
  const findings = shown.map((d, i) => {
    const head = `  ${(where[i] as string).padEnd(whereWidth)}  ${paint(c, d.severity, d.severity.padEnd(SEVERITY_WIDTH))}  ${printable(d.message)}  ${c.dim(d.rule)}`;
    const line = file.sourceLines?.get(d.range.start.line);
    const source = line === undefined ? [] : sourceLines(line, d, gutterWidth, c);
    return [head, ...source, ...helpLines(d, gutterWidth, c), ...noteLines(d, gutterWidth, options, c)].join("\n") + "\n";
  });
  return `${c.underline(c.bold(printable(file.path)))}\n${findings.join("\n")}`;
}

/** The line the finding starts on, with its span underlined up to the end of that line. */
function sourceLines(line: string, d: Diagnostic, gutterWidth: number, c: Colors): string[] {
  const { start, end } = d.range;
  const spansLines = end.line > start.line;
  const shown = excerpt(line, start.column, spansLines ? Number.MAX_SAFE_INTEGER : end.column);
  const gutter = `    ${" ".repeat(gutterWidth)} ${c.blue("|")}`;
  const carets = paint(c, d.severity, "^".repeat(shown.caretWidth));
  const more = spansLines ? c.dim(` (continues to line ${end.line + 1})`) : "";
  return [
    `    ${c.blue(String(start.line + 1).padStart(gutterWidth))} ${c.blue("|")} ${shown.source}`.trimEnd(),
    `${gutter} ${" ".repeat(shown.caretStart)}${carets}${more}`,
  ];
}

/** The why and what-to-do under the finding, as rustc's `= help:`: dim, so the short message stays what the eye finds. */
function helpLines(d: Diagnostic, gutterWidth: number, c: Colors): string[] {
  if (d.help === undefined) return [];
  return [`    ${" ".repeat(gutterWidth)} ${c.blue("=")} ${c.dim(`help: ${printable(d.help)}`)}`];
}

function noteLines(d: Diagnostic, gutterWidth: number, options: FormatOptions, c: Colors): string[] {
  const prefix = `    ${" ".repeat(gutterWidth)} ${c.blue("=")} `;
  const notes = d.related.map((r) => {
    const where = `${printable(options.displayPath(r.path))}:${r.range.start.line + 1}:${r.range.start.column + 1}`;
    return `${prefix}${c.bold("note")}: ${where}: ${printable(r.message)}`;
  });
  const safety = fixSafety(d);
  if (d.fix && safety) {
    const flag = safety === "safe" ? "--fix" : "--unsafe-fixes";
    notes.push(`${prefix}${c.green("fix available")} (${flag}): ${printable(d.fix.title)}`);
  }
  notes.push(`${prefix}${c.dim(`docs: ${options.docsUrl(d.rule)}`)}`);
  return notes;
}

function summaryBlock(report: RunReport, c: Colors): string {
  const counts = countRun(report);
  const lines: string[] = [];
  const fixed = fixedSentence(counts);
  if (fixed) lines.push(c.green(fixed));
  const summary = summarySentence(counts);
  if (counts.errors > 0) lines.push(c.bold(c.red(summary)));
  else if (counts.warnings > 0) lines.push(c.bold(c.yellow(summary)));
  else if (counts.infos > 0) lines.push(c.bold(summary));
  else lines.push(c.green(summary));
  const fixable = fixableSentence(counts);
  if (fixable) lines.push(fixable);
  return lines.join("\n") + "\n";
}

function paint(c: Colors, severity: Severity, text: string): string {
  if (severity === "error") return c.bold(c.red(text));
  if (severity === "warning") return c.bold(c.yellow(text));
  return c.bold(c.cyan(text));
}
