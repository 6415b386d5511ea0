/**
 * The baseline: the simplest tokenizer one would write by hand for the xl
 * language, as one loop over char codes. It recognises the same token kinds,
 * with the same boundaries, as the chevrotain lexer in
 * packages/parser/src/tokens.ts (first matching rule wins, and anything else
 * starts an invalid run up to the next space, tab or newline), so the two can
 * be checked against each other kind by kind.
 *
 * `countTokens` only counts: it is the floor for "look at every character
 * once". `tokenizeToObjects` also allocates one small object per token, to
 * show what materialising tokens costs on top of that.
 */

/** Token kinds, named as in tokens.ts so counts can be compared by name. */
export const KIND_NAMES = [
  "Newline",
  "Whitespace",
  "Comment",
  "CarriageReturn",
  "StringLiteral",
  "Ident",
  "NumberLiteral",
  "PlusEquals",
  "Equals",
  "Comma",
  "LBracket",
  "RBracket",
  "Semicolon",
  "Invalid",
] as const;

export type KindName = (typeof KIND_NAMES)[number];

const NEWLINE = 0;
const WHITESPACE = 1;
const COMMENT = 2;
const CARRIAGE_RETURN = 3;
const STRING = 4;
const IDENT = 5;
const NUMBER = 6;
const PLUS_EQUALS = 7;
const EQUALS = 8;
const COMMA = 9;
const LBRACKET = 10;
const RBRACKET = 11;
const SEMICOLON = 12;
const INVALID = 13;

const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;
const BACKSLASH = 92;

/** Per-character class for the rest of an identifier: `[._0-9a-z]`. */
const IDENT_REST = new Uint8Array(128);
/** Per-character class for the rest of a number: `[0-9a-fx]`. */
const NUMBER_REST = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[._0-9a-z]/.test(ch)) IDENT_REST[c] = 1;
  if (/[0-9a-fx]/.test(ch)) NUMBER_REST[c] = 1;
}

/**
 * End offset of the quoted string starting at `start`, or -1 when it is not
 * closed on its line (then the text is an invalid run, as in chevrotain).
 */
function stringEnd(text: string, start: number, quote: number): number {
  const n = text.length;
  let i = start + 1;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === quote) return i + 1;
    if (c === LF) return -1;
    if (c === BACKSLASH) {
      // A backslash escapes any one character except a newline.
      if (i + 1 >= n || text.charCodeAt(i + 1) === LF) return -1;
      i += 2;
      continue;
    }
    i++;
  }
  return -1;
}

/** End offset of an invalid run: up to the next space, tab or newline. */
function invalidEnd(text: string, start: number): number {
  const n = text.length;
  let i = start + 1;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === SPACE || c === TAB || c === LF) break;
    i++;
  }
  return i;
}

/**
 * Scans one token at `start` and returns its kind in the low 4 bits and its
 * end offset in the rest (kind | end << 4), to stay allocation-free.
 */
function scan(text: string, start: number): number {
  const n = text.length;
  const c = text.charCodeAt(start);
  let i = start + 1;
  let kind: number;
  if (c === LF) {
    kind = NEWLINE;
  } else if (c === SPACE || c === TAB) {
    while (i < n) {
      const d = text.charCodeAt(i);
      if (d !== SPACE && d !== TAB) break;
      i++;
    }
    kind = WHITESPACE;
  } else if (c >= 97 && c <= 122) {
    while (i < n) {
      const d = text.charCodeAt(i);
      if (d >= 128 || IDENT_REST[d] === 0) break;
      i++;
    }
    kind = IDENT;
  } else if (c >= 48 && c <= 57) {
    while (i < n) {
      const d = text.charCodeAt(i);
      if (d >= 128 || NUMBER_REST[d] === 0) break;
      i++;
    }
    kind = NUMBER;
  } else if (c === 34 || c === 39) {
    const end = stringEnd(text, start, c);
    if (end === -1) {
      i = invalidEnd(text, start);
      kind = INVALID;
    } else {
      i = end;
      kind = STRING;
    }
  } else if (c === 35) {
    while (i < n && text.charCodeAt(i) !== LF) i++;
    kind = COMMENT;
  } else if (c === 61) {
    kind = EQUALS;
  } else if (c === 44) {
    kind = COMMA;
  } else if (c === 91) {
    kind = LBRACKET;
  } else if (c === 93) {
    kind = RBRACKET;
  } else if (c === 59) {
    kind = SEMICOLON;
  } else if (c === 43 && text.charCodeAt(i) === 61) {
    i++;
    kind = PLUS_EQUALS;
  } else if (c === CR) {
    kind = CARRIAGE_RETURN;
  } else {
    i = invalidEnd(text, start);
    kind = INVALID;
  }
  return kind | (i << 4);
}

/**
 * Counts the tokens of `text`, adding per-kind counts into `counts` (indexed
 * like KIND_NAMES). Returns the number of tokens, whitespace excluded, which
 * is what chevrotain reports (its whitespace is skipped).
 */
export function countTokens(text: string, counts: Uint32Array): number {
  const n = text.length;
  let i = 0;
  let total = 0;
  while (i < n) {
    const packed = scan(text, i);
    const kind = packed & 15;
    counts[kind] = (counts[kind] as number) + 1;
    if (kind !== WHITESPACE) total++;
    i = packed >>> 4;
  }
  return total;
}

export interface BaselineToken {
  readonly kind: number;
  readonly start: number;
  readonly end: number;
}

/** Like `countTokens`, but returns the (non-whitespace) tokens as objects. */
export function tokenizeToObjects(text: string): BaselineToken[] {
  const n = text.length;
  const tokens: BaselineToken[] = [];
  let i = 0;
  while (i < n) {
    const packed = scan(text, i);
    const kind = packed & 15;
    const end = packed >>> 4;
    if (kind !== WHITESPACE) tokens.push({ kind, start: i, end });
    i = end;
  }
  return tokens;
}
