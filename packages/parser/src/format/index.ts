/**
 * `formatXl(text)`: rewrites an xl config into one canonical layout (for
 * `xlint fmt`). Pure and never throws. It changes layout only: the settings
 * `xlint dump` prints are the same byte for byte, statement order, `+=` and
 * repeated keys stay, and every comment is kept.
 *
 * The layout, chosen the way Prettier, taplo and black choose theirs (one
 * answer, no knobs beyond width and indent):
 *
 * - Statements: `key = value` / `key += value`, one space on each side of the
 *   operator, one statement per line. A `;` between statements becomes a line
 *   break (libxlu ends a statement at a newline or a `;`, so both mean the
 *   same); empty statements (`;;`) disappear.
 * - Strings: double quotes. A single-quoted string is re-quoted only when its
 *   text holds no `"`; otherwise it is kept exactly as written. Escapes are
 *   never rewritten (see `canonicalString` for why this keeps the value).
 * - Numbers: exactly as written (`0x10`, `010` stay): libxlu stores their text.
 * - Lists: on one line as `["a", "b"]` (no spaces inside the brackets, `, `
 *   between items, `[]` when empty) when that fits in `lineWidth` (100)
 *   columns, counted without a trailing comment. Otherwise one item per
 *   line, indented by `indentWidth` (4) spaces per level, each item followed
 *   by a comma, the last one too (libxlu accepts one trailing comma), and the
 *   `]` on its own line at the indentation of the line that opened the list.
 *   Nested lists (vnuma) follow the same rule at their own column; a list
 *   with a broken inner list breaks too. How the input was laid out does
 *   not matter, except that a list holding a comment always breaks.
 * - Comments: their text is kept (trailing spaces and tabs removed). A
 *   comment that shared a line with a statement, a list item or a `[` stays
 *   at the end of that line, after one space; every other comment gets a
 *   line of its own, at column 0 at top level and at the items' indentation
 *   inside a list.
 * - Blank lines: a run of empty lines becomes one; none at the start of the
 *   file, none right after a `[` or before a `]`.
 * - End of file: exactly one newline; a file with nothing but blank lines
 *   becomes empty. No trailing whitespace anywhere.
 * - Line endings: always `\n`. xl rejects a `\r` before a newline, so a CRLF
 *   file has errors and is never formatted; a `\r` inside a comment is part
 *   of the comment's text and is kept.
 * - Byte-order mark: xl rejects a file that starts with one, so such a file
 *   is never formatted either.
 * - A stray last character that xl never reads (the parser's
 *   `stray-char-at-eof` warning) is dropped: it means nothing to xl, and it
 *   cannot be kept without either a missing final newline or a new error.
 *
 * A file with any error (a parse error, or an evaluation error such as a
 * `+=` of a list onto a string) is not formatted: the result is `ok: false`
 * with the first error's message and 1-based position. As a last guard the
 * output is read back before it is returned; if its settings or comments
 * differ from the input's, that is a bug of ours and the file is refused
 * rather than changed.
 */
import { evaluate } from "../evaluate";
import type { ByteEncoding } from "../lex";
import { parse } from "../parse";
import { layoutFile, UnprintableError, type LayoutOptions } from "./layout";
import { differenceAfterFormatting, meaning } from "./verify";

export interface FormatOptions {
  /** How the text was decoded from bytes (see `decodeFileBytes`); default `utf8`. */
  readonly encoding?: ByteEncoding;
  /** The column a one-line list must fit in; default 100. Not a positive integer → the default. */
  readonly lineWidth?: number;
  /** Spaces per nesting level of a broken list; default 4. Not a positive integer → the default. */
  readonly indentWidth?: number;
}

export type FormatResult =
  | { readonly ok: true; readonly text: string; readonly changed: boolean }
  | { readonly ok: false; readonly reason: string; readonly line: number; readonly column: number };

export const DEFAULT_LINE_WIDTH = 100;
export const DEFAULT_INDENT_WIDTH = 4;

function positiveInteger(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isSafeInteger(value) && value > 0 ? value : fallback;
}

/** Formats an xl config; never throws. */
export function formatXl(text: string, options: FormatOptions = {}): FormatResult {
  try {
    return formatChecked(text, options);
  } catch (error) {
    // A stack overflow comes from lists nested thousands deep, which no real config has.
    const why =
      error instanceof UnprintableError
        ? error.message
        : error instanceof RangeError
          ? "the lists are nested too deeply to format"
          : `internal error in the xlint formatter: ${describe(error)}`;
    return { ok: false, reason: why, line: 1, column: 1 };
  }
}

function formatChecked(text: string, options: FormatOptions): FormatResult {
  const encoding = options.encoding ?? "utf8";
  const layout: LayoutOptions = {
    lineWidth: positiveInteger(options.lineWidth, DEFAULT_LINE_WIDTH),
    indentWidth: positiveInteger(options.indentWidth, DEFAULT_INDENT_WIDTH),
  };
  const parsed = parse(text, { encoding });
  const errors = [...parsed.diagnostics, ...evaluate(parsed.file).diagnostics].filter((d) => d.severity === "error");
  const first = errors.sort((a, b) => a.range.start.offset - b.range.start.offset)[0];
  if (first) {
    return { ok: false, reason: first.message, line: first.range.start.line + 1, column: first.range.start.column + 1 };
  }
  const output = layoutFile(parsed.file, text, layout);
  const difference = differenceAfterFormatting(meaning(parsed.file, encoding), output, encoding);
  if (difference) {
    return { ok: false, reason: `internal error in the xlint formatter: ${difference}`, line: 1, column: 1 };
  }
  return { ok: true, text: output, changed: output !== text };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
