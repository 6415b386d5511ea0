/**
 * The properties every formatter result must have, checked through the
 * public surface only. `formatProperties` returns the broken ones as
 * readable strings, so a failing test names the input and what went wrong.
 */
import { formatXl, parse, type ByteEncoding } from "../src/index";
import { check } from "./helpers";

export interface PropertyReport {
  /** "formatted" when the input has no error, "refused" otherwise. */
  readonly outcome: "formatted" | "refused";
  readonly changed: boolean;
  readonly output: string | undefined;
  readonly violations: string[];
}

/** Comment texts in file order, as the formatter promises to keep them (trailing blanks aside). */
function commentTexts(text: string, encoding: ByteEncoding): string[] {
  return parse(text, { encoding }).file.comments.map((c) => c.text.replace(/[ \t]+$/, ""));
}

export function formatProperties(text: string, encoding: ByteEncoding, lineWidth = 100): PropertyReport {
  const violations: string[] = [];
  const input = check(text, encoding);
  const result = formatXl(text, { encoding });

  if (!input.accepted) {
    const first = input.diagnostics
      .filter((d) => d.severity === "error")
      .sort((a, b) => a.range.start.offset - b.range.start.offset)[0];
    if (result.ok) violations.push("a file with errors was formatted");
    else if (first && (result.line !== first.range.start.line + 1 || result.column !== first.range.start.column + 1)) {
      violations.push(`refused at ${result.line}:${result.column}, but the first error is at ${first.range.start.line + 1}:${first.range.start.column + 1}`);
    } else if (result.reason !== first?.message) violations.push(`refusal reason ${JSON.stringify(result.reason)} is not the first error's message`);
    return { outcome: "refused", changed: false, output: undefined, violations };
  }

  if (!result.ok) {
    violations.push(`(1) not formatted: ${result.line}:${result.column} ${result.reason}`);
    return { outcome: "formatted", changed: false, output: undefined, violations };
  }
  const output = result.text;
  if (result.changed !== (output !== text)) violations.push("`changed` does not say whether the text changed");

  const reread = check(output, encoding);
  if (!reread.accepted) {
    const first = reread.diagnostics.find((d) => d.severity === "error");
    violations.push(`(5) the output does not parse: ${(first?.range.start.line ?? 0) + 1}: ${first?.message ?? "?"}`);
  } else if (reread.json !== input.json) {
    violations.push("(2) dump(output) differs from dump(input)");
  }

  const again = formatXl(output, { encoding });
  if (!again.ok || again.text !== output || again.changed) violations.push("(3) formatting the output changes it again");

  const before = commentTexts(text, encoding);
  const after = commentTexts(output, encoding);
  if (before.length !== after.length || before.some((c, i) => c !== after[i])) violations.push("(4) comments were lost, altered or reordered");

  violations.push(...layoutViolations(output, encoding, lineWidth));
  return { outcome: "formatted", changed: result.changed, output, violations };
}

/** Checks of the canonical layout that hold for any output. */
function layoutViolations(output: string, encoding: ByteEncoding, lineWidth: number): string[] {
  const found: string[] = [];
  if (output !== "" && (!output.endsWith("\n") || output.endsWith("\n\n"))) found.push("the output does not end with exactly one newline");
  if (output.startsWith("\n")) found.push("the output starts with a blank line");
  if (/\n\n\n/.test(output)) found.push("the output has two blank lines in a row");
  if (/[ \t]\n/.test(output)) found.push("the output has trailing whitespace");
  const file = parse(output, { encoding }).file;
  if (file.statements.some((s) => s.kind === "assignment" && s.terminator === "semicolon")) found.push("the output still separates statements with `;`");
  for (const statement of file.statements) {
    if (statement.kind !== "assignment") continue;
    const startLine = output.split("\n")[statement.range.start.line] ?? "";
    const expectedStart = `${statement.key.name} ${statement.operator} `;
    if (!startLine.startsWith(expectedStart)) found.push(`statement line ${JSON.stringify(startLine)} is not \`key ${statement.operator} value\``);
    const value = statement.value;
    // A list printed on one line must fit in the width.
    if (value?.kind === "list" && value.range.start.line === value.range.end.line) {
      const width = [...startLine.slice(0, value.range.end.column)].length;
      if (width > lineWidth) found.push(`a one-line list runs to column ${width}`);
    }
  }
  return found;
}
