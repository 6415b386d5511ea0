/**
 * Runs the chevrotain lexer and reshapes its output for the grammar:
 * - a lone invalid character at the very end of the file is dropped, because
 *   flex hits end of input before it can report it (xl accepts such a file);
 * - adjacent runs such as `on` + `-crash` or `0x1` + `F` are merged into one
 *   `Invalid` token, so each mistake gets one diagnostic over its whole text;
 * - an unterminated string swallows the rest of its line.
 */
import { createTokenInstance, type IToken } from "chevrotain";
import { Ident, Invalid, Newline, NumberLiteral, xlLexer } from "./tokens";

export interface LexResult {
  /** Tokens for the grammar: no whitespace, comments or carriage returns. */
  readonly tokens: IToken[];
  readonly comments: IToken[];
  readonly carriageReturns: IToken[];
  /** A stray last character xl never sees (see above), if any. */
  readonly droppedAtEof: IToken | undefined;
}

export type ByteEncoding = "utf8" | "latin1";

/** Whether this character is one byte in the file (flex works on bytes). */
function isSingleByte(ch: string, encoding: ByteEncoding): boolean {
  return encoding === "latin1" || ch.charCodeAt(0) < 0x80;
}

function endOf(t: IToken): number {
  return t.startOffset + t.image.length;
}

function makeInvalid(image: string, startOffset: number): IToken {
  return createTokenInstance(Invalid, image, startOffset, startOffset + image.length - 1, NaN, NaN, NaN, NaN);
}

function isMergeable(t: IToken): boolean {
  const type = t.tokenType;
  return type === Invalid || type === Ident || type === NumberLiteral;
}

export function lex(text: string, encoding: ByteEncoding = "utf8"): LexResult {
  const result = xlLexer.tokenize(text);
  const raw = result.tokens;
  const comments = (result.groups["comments"] as IToken[] | undefined) ?? [];
  const carriageReturns = (result.groups["carriageReturns"] as IToken[] | undefined) ?? [];

  let droppedAtEof: IToken | undefined;
  const last = raw[raw.length - 1];
  if (
    last !== undefined &&
    last.tokenType === Invalid &&
    last.image.length === 1 &&
    endOf(last) === text.length &&
    isSingleByte(last.image, encoding)
  ) {
    droppedAtEof = raw.pop();
  }

  if (!raw.some((t) => t.tokenType === Invalid)) {
    return { tokens: raw, comments, carriageReturns, droppedAtEof };
  }
  return { tokens: mergeInvalidRuns(raw, text), comments, carriageReturns, droppedAtEof };
}

function mergeInvalidRuns(raw: IToken[], text: string): IToken[] {
  const out: IToken[] = [];
  let i = 0;
  while (i < raw.length) {
    const t = raw[i] as IToken;
    if (t.tokenType === Invalid && (t.image[0] === '"' || t.image[0] === "'")) {
      // An unterminated string: its text runs to the end of the line.
      let j = i + 1;
      while (j < raw.length && (raw[j] as IToken).tokenType !== Newline) j++;
      const endOffset = j > i + 1 ? endOf(raw[j - 1] as IToken) : endOf(t);
      out.push(makeInvalid(text.slice(t.startOffset, endOffset), t.startOffset));
      i = j;
      continue;
    }
    if (!isMergeable(t)) {
      out.push(t);
      i++;
      continue;
    }
    // Gather a run of touching identifier/number/invalid tokens.
    let j = i + 1;
    let hasInvalid = t.tokenType === Invalid;
    while (j < raw.length) {
      const next = raw[j] as IToken;
      if (!isMergeable(next) || next.startOffset !== endOf(raw[j - 1] as IToken)) break;
      if (next.tokenType === Invalid) hasInvalid = true;
      j++;
    }
    if (hasInvalid && j - i > 1) {
      const endOffset = endOf(raw[j - 1] as IToken);
      out.push(makeInvalid(text.slice(t.startOffset, endOffset), t.startOffset));
    } else {
      for (let k = i; k < j; k++) out.push(raw[k] as IToken);
    }
    i = j;
  }
  return out;
}

