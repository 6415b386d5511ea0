/**
 * Where a piece of text sits in a test document, as LSP counts (0-based
 * lines, UTF-16 columns), worked out from the text itself so that tests
 * state what they look for rather than numbers.
 */
import type { Position, Range } from "vscode-languageserver";

/** The position of `offset` in `text`. */
export function positionAt(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const line = before.split("\n").length - 1;
  return { line, character: offset - (before.lastIndexOf("\n") + 1) };
}

/** The range of the `occurrence`-th (0-based) `needle` in `text`. */
export function rangeOf(text: string, needle: string, occurrence = 0): Range {
  const start = offsetOf(text, needle, occurrence);
  return { start: positionAt(text, start), end: positionAt(text, start + needle.length) };
}

export function offsetOf(text: string, needle: string, occurrence = 0): number {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`\`${needle}\` occurs fewer than ${occurrence + 1} times`);
  }
  return at;
}
