/**
 * The source line under a finding with its span underlined, as the stylish
 * format prints it. Only the first line of a span is shown; a line too long
 * for a terminal is cut to a window around the start of the span, with
 * `...` where text was left out.
 */
import { layoutLine, type Glyph } from "./terminal-text";

/** Cells of source shown at most; longer lines are cut. */
const MAX_SOURCE_WIDTH = 100;
/** Cells kept before the span when a long line is cut on the left. */
const LEFT_CONTEXT = 20;
const ELLIPSIS = "...";

export interface Excerpt {
  /** The line as shown (tabs expanded, control characters made visible, maybe cut). */
  readonly source: string;
  /** Cells before the first caret. */
  readonly caretStart: number;
  /** At least 1, so that an empty span still gets a caret. */
  readonly caretWidth: number;
}

/**
 * `startColumn`/`endColumn` are 0-based UTF-16 columns on `line`; `endColumn`
 * past the line (a span going on to later lines) underlines to its end.
 */
export function excerpt(line: string, startColumn: number, endColumn: number): Excerpt {
  const glyphs = layoutLine(line);
  const xs = cellStarts(glyphs);
  const width = xs[glyphs.length] as number;
  const startX = cellAt(glyphs, xs, startColumn);
  const endX = Math.max(startX, cellAt(glyphs, xs, endColumn));

  if (width <= MAX_SOURCE_WIDTH) {
    return { source: glyphs.map((g) => g.text).join(""), caretStart: startX, caretWidth: Math.max(1, endX - startX) };
  }
  // Room for the text when both ends may be cut; a window touching an end of the line needs no marker there.
  const budget = MAX_SOURCE_WIDTH - 2 * ELLIPSIS.length;
  const left = Math.max(0, Math.min(startX - LEFT_CONTEXT, width - budget));
  const right = left + budget;
  const prefix = left > 0 ? ELLIPSIS : "";
  const suffix = right < width ? ELLIPSIS : "";
  const source = prefix + windowText(glyphs, xs, left, right) + suffix;
  const caretStart = startX - left + prefix.length;
  return { source, caretStart, caretWidth: Math.max(1, Math.min(endX, right) - startX) };
}

/** `xs[i]` is the cell where glyph `i` starts; `xs[glyphs.length]` is the line's width. */
function cellStarts(glyphs: readonly Glyph[]): number[] {
  const xs = [0];
  for (const glyph of glyphs) xs.push((xs[xs.length - 1] as number) + glyph.width);
  return xs;
}

/** The cell of the character at a UTF-16 column (a column inside a surrogate pair counts as its character). */
function cellAt(glyphs: readonly Glyph[], xs: readonly number[], column: number): number {
  const i = glyphs.findIndex((g) => g.index + g.length > column);
  return xs[i === -1 ? glyphs.length : i] as number;
}

/** The glyphs between two cells; a glyph cut by an edge becomes spaces so that later cells keep their place. */
function windowText(glyphs: readonly Glyph[], xs: readonly number[], left: number, right: number): string {
  let out = "";
  glyphs.forEach((glyph, i) => {
    const x = xs[i] as number;
    const end = x + glyph.width;
    if (end <= left || x >= right) return;
    out += x >= left && end <= right ? glyph.text : " ".repeat(Math.min(end, right) - Math.max(x, left));
  });
  return out;
}
