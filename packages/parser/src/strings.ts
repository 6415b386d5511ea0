/**
 * Decoding of quoted strings exactly as libxlu's `xlu__cfgl_dequote` does it,
 * including its two broken escapes, with a problem report for each escape
 * that xl rejects or mangles.
 */

export type EscapeProblemKind = "hex-escape" | "octal-escape-invalid" | "octal-escape-dropped" | "unknown-escape";

export interface EscapeProblem {
  readonly kind: EscapeProblemKind;
  /** Offsets into the raw token text (quotes included). */
  readonly start: number;
  readonly end: number;
  /** True when xl refuses the file because of it. */
  readonly fatal: boolean;
}

export interface DecodedString {
  readonly value: string;
  readonly problems: readonly EscapeProblem[];
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  "'": "'",
  "\\": "\\",
  a: "\x07",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v",
};

/** C's isspace() in the "C" locale, which strtoul skips before the digits. */
function isCSpace(ch: string | undefined): boolean {
  return ch === " " || ch === "\t" || ch === "\n" || ch === "\v" || ch === "\f" || ch === "\r";
}

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= "0" && ch <= "9";
}

/**
 * How many characters `strtoul(buf, &end, 10)` consumes from the (at most
 * three) characters after an octal escape's first digit: optional spaces, an
 * optional sign, then decimal digits; 0 when there are no digits.
 */
function strtoulDecimalLength(buf: string): number {
  let i = 0;
  while (i < buf.length && isCSpace(buf[i])) i++;
  if (buf[i] === "+" || buf[i] === "-") i++;
  const digitsStart = i;
  while (i < buf.length && isDigit(buf[i])) i++;
  return i === digitsStart ? 0 : i;
}

/** Decodes a STRING token's text (with its quotes) into the value xl stores. */
export function decodeXlString(raw: string): DecodedString {
  return decode(raw, undefined);
}

export interface DecodedStringWithOffsets extends DecodedString {
  /**
   * For each character of `value`, its index in `raw`; one more entry at the
   * end holds the index of the closing quote. Escapes map to their backslash.
   */
  readonly rawIndex: readonly number[];
}

/** Like decodeXlString, and also says where in `raw` each decoded character came from. */
export function decodeXlStringWithOffsets(raw: string): DecodedStringWithOffsets {
  const rawIndex: number[] = [];
  const decoded = decode(raw, rawIndex);
  rawIndex.push(Math.max(1, raw.length - 1));
  return { ...decoded, rawIndex };
}

function decode(raw: string, rawIndex: number[] | undefined): DecodedString {
  const end = raw.length - 1;
  if (raw.indexOf("\\") === -1) {
    if (rawIndex) for (let i = 1; i < end; i++) rawIndex.push(i);
    return { value: raw.slice(1, end), problems: [] };
  }
  let value = "";
  const problems: EscapeProblem[] = [];
  let p = 1;
  while (p < end) {
    const c = raw[p] as string;
    if (c !== "\\") {
      value += c;
      rawIndex?.push(p);
      p++;
      continue;
    }
    const escapeStart = p;
    const nc = raw[p + 1] as string;
    p += 2;
    const simple = SIMPLE_ESCAPES[nc];
    if (simple !== undefined) {
      value += simple;
      rawIndex?.push(escapeStart);
    } else if (nc === "x") {
      // libxlu skips the character after `x`, then demands more than two hex
      // digits out of a two-character buffer: every `\x` escape fails.
      const stop = Math.min(end, p + 2);
      problems.push({ kind: "hex-escape", start: escapeStart, end: stop, fatal: true });
      p = stop;
    } else if (nc >= "0" && nc <= "7") {
      // libxlu reads up to three more characters as a *decimal* number and
      // needs at least two of them; the character is then dropped.
      const consumed = strtoulDecimalLength(raw.slice(p, p + 3));
      if (consumed <= 1) {
        problems.push({ kind: "octal-escape-invalid", start: escapeStart, end: p + consumed, fatal: true });
      } else {
        problems.push({ kind: "octal-escape-dropped", start: escapeStart, end: p + consumed, fatal: false });
      }
      p += consumed;
    } else {
      problems.push({ kind: "unknown-escape", start: escapeStart, end: p, fatal: true });
    }
  }
  return { value, problems };
}
