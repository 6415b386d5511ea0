/**
 * Text from config files, made safe and measurable for a terminal. A config
 * can hold any byte (files that are not UTF-8 are read as Latin-1), and
 * printing an escape sequence or a bidi override as is would let a file
 * repaint the terminal or disguise itself; so control characters become
 * visible stand-ins, and every piece knows how many cells it takes, so that
 * carets line up under tabs, accents and wide characters alike.
 */

/** Tabs jump to the next multiple of this many cells (rustc and Ruff expand to 4 as well). */
const TAB_WIDTH = 4;

/** One displayed piece of a line: one code point (a tab already expanded) and its width in cells. */
export interface Glyph {
  /** Index of the code point in the original string, in UTF-16 code units. */
  readonly index: number;
  /** Its length in the original string, in UTF-16 code units (2 for a surrogate pair). */
  readonly length: number;
  readonly text: string;
  readonly width: number;
}

/** Lays out one line (no newline in it) as the terminal will show it. */
export function layoutLine(line: string): Glyph[] {
  const glyphs: Glyph[] = [];
  let x = 0;
  let index = 0;
  for (const char of line) {
    const glyph: Glyph = char === "\t" ? tabAt(x, index) : { index, length: char.length, ...visible(char) };
    glyphs.push(glyph);
    x += glyph.width;
    index += char.length;
  }
  return glyphs;
}

/** Makes a message or path printable on one line: every control character becomes visible. */
export function printable(text: string): string {
  if (!NEEDS_CARE.test(text)) return text;
  let out = "";
  for (const char of text) out += char === "\t" ? " " : visible(char).text;
  return out;
}

/** Anything `visible` would change (surrogates included, paired or not: the slow path sorts them out). */
const NEEDS_CARE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]/;

function tabAt(x: number, index: number): Glyph {
  const width = TAB_WIDTH - (x % TAB_WIDTH);
  return { index, length: 1, text: " ".repeat(width), width };
}

/** How one code point (not a tab) is shown, and its width. */
function visible(char: string): { text: string; width: number } {
  const cp = char.codePointAt(0) as number;
  // C0 controls show as their Unicode "control picture" (U+2400 block): NUL as ␀, ESC as ␛, CR as ␍.
  if (cp < 0x20) return { text: String.fromCodePoint(0x2400 + cp), width: 1 };
  if (cp === 0x7f) return { text: "\u2421", width: 1 };
  // C1 controls (what Latin-1 bytes 0x80-0x9f decode to) and lone surrogates have no picture.
  if ((cp >= 0x80 && cp < 0xa0) || (cp >= 0xd800 && cp <= 0xdfff)) return { text: "\ufffd", width: 1 };
  if (isBidiControl(cp)) {
    const text = `<U+${cp.toString(16).toUpperCase()}>`;
    return { text, width: text.length };
  }
  if (ZERO_WIDTH.test(char)) return { text: char, width: 0 };
  return { text: char, width: isWide(cp) ? 2 : 1 };
}

/** Characters that reorder the text around them ("Trojan Source"): shown by name, never obeyed. */
function isBidiControl(cp: number): boolean {
  return cp === 0x061c || cp === 0x200e || cp === 0x200f || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

/** Combining marks and format characters take no cell of their own. */
const ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Cf}]$/u;

/** East Asian wide and fullwidth ranges, and the emoji blocks terminals draw two cells wide. */
const WIDE_RANGES: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe30, 0xfe4f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x1f300, 0x1f64f],
  [0x1f680, 0x1f6ff],
  [0x1f900, 0x1f9ff],
  [0x20000, 0x2fffd],
  [0x30000, 0x3fffd],
];

function isWide(cp: number): boolean {
  return WIDE_RANGES.some(([from, to]) => cp >= from && cp <= to);
}
