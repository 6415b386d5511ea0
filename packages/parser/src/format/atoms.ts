/**
 * How single values are written by the formatter, and how wide text is.
 */
import type { NumberValue, StringValue } from "../ast";

/**
 * A string in the canonical quote style: double quotes.
 *
 * libxlu decodes the text between the quotes the same way whichever quote
 * opened it (`xlu__cfgl_dequote` never looks at the quote character, and
 * `\'` and `\"` are both known escapes). So a single-quoted string whose body
 * holds no `"` at all becomes the same body between double quotes: the lexer
 * reads it as one token and the decoded value is unchanged. A body with a `"`
 * (escaped or not) keeps its original token text, because re-quoting it would
 * mean editing escapes.
 */
export function canonicalString(value: StringValue): string {
  if (value.quote === '"') return value.raw;
  const body = value.raw.slice(1, -1);
  return body.includes('"') ? value.raw : `"${body}"`;
}

/** libxlu keeps numbers as their text, so they are printed exactly as written (`0x10` stays). */
export function canonicalNumber(value: NumberValue): string {
  return value.raw;
}

/** Width of text in columns, counted in code points (an emoji is one column, not two UTF-16 units). */
export function textWidth(text: string): number {
  let width = 0;
  for (const _ of text) width++;
  return width;
}

/** A comment as printed: its text, without the spaces and tabs it may end with. */
export function commentText(text: string): string {
  return text.replace(/[ \t]+$/, "");
}
