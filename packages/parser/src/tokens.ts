/**
 * Token types of the xl config language, mirroring libxlu's flex lexer
 * (`libxlu_cfg_l.l`, unchanged from Xen 4.17 to master).
 *
 * Token boundaries follow flex exactly, so that "does xl accept this file" is
 * decided on the same token stream xl sees. Friendlier groupings (a whole
 * `on-crash` or `0x1F` as one bad word) are made afterwards, in `lex.ts`.
 */
import { createToken, Lexer, type TokenType } from "chevrotain";

export const Newline = createToken({ name: "Newline", pattern: /\n/, line_breaks: true, label: "end of line" });
export const Whitespace = createToken({ name: "Whitespace", pattern: /[ \t]+/, group: Lexer.SKIPPED });
/** A comment runs to the end of the line; libxlu needs the newline after it (see `lex.ts`). */
export const Comment = createToken({ name: "Comment", pattern: /#[^\n]*/, group: "comments" });
/** `\r` is not whitespace to xl: every CRLF line is a lexical error. Kept out of the parser's way and reported. */
export const CarriageReturn = createToken({ name: "CarriageReturn", pattern: /\r/, group: "carriageReturns" });
/** Single- or double-quoted, no raw newline; a backslash escapes any character but newline. */
export const StringLiteral = createToken({
  name: "StringLiteral",
  pattern: /"(?:[^"\\\n]|\\[^\n])*"|'(?:[^'\\\n]|\\[^\n])*'/,
  start_chars_hint: ['"', "'"],
  label: "quoted string",
});
export const Ident = createToken({ name: "Ident", pattern: /[a-z][._0-9a-z]*/, label: "key" });
/** Only a token shape: `1e3` and `08` are NUMBER tokens too; xl decides later whether they are numbers. */
export const NumberLiteral = createToken({ name: "NumberLiteral", pattern: /[0-9][0-9a-fx]*/, label: "number" });
export const PlusEquals = createToken({ name: "PlusEquals", pattern: "+=", label: "'+='" });
export const Equals = createToken({ name: "Equals", pattern: "=", label: "'='" });
export const Comma = createToken({ name: "Comma", pattern: ",", label: "','" });
export const LBracket = createToken({ name: "LBracket", pattern: "[", label: "'['" });
export const RBracket = createToken({ name: "RBracket", pattern: "]", label: "']'" });
export const Semicolon = createToken({ name: "Semicolon", pattern: ";", label: "';'" });

/**
 * Any other character starts a lexical error, and flex then swallows the rest
 * of the run up to the next space, tab or newline (its `lexerr` state).
 * Every character can start one, so the hint lists one code per chevrotain
 * first-char bucket to keep the lexer's first-char optimisation on.
 */
export const Invalid = createToken({
  name: "Invalid",
  pattern: /[^\n][^ \t\n]*/,
  start_chars_hint: allCharBuckets(),
  label: "invalid text",
});

function allCharBuckets(): number[] {
  const codes: number[] = [];
  for (let c = 0; c < 256; c++) if (c !== 10) codes.push(c);
  let lastBucket = -1;
  for (let c = 256; c < 65536; c++) {
    const bucket = Math.floor(c / 255);
    if (bucket !== lastBucket) {
      codes.push(c);
      lastBucket = bucket;
    }
  }
  return codes;
}

/** Order matters: chevrotain takes the first pattern that matches, so `Invalid` is the catch-all. */
export const allTokens: TokenType[] = [
  Newline,
  Whitespace,
  Comment,
  CarriageReturn,
  StringLiteral,
  Ident,
  NumberLiteral,
  PlusEquals,
  Equals,
  Comma,
  LBracket,
  RBracket,
  Semicolon,
  Invalid,
];

export const xlLexer = new Lexer(allTokens, {
  positionTracking: "onlyOffset",
  ensureOptimizations: true,
  // The token definitions are fixed and every test lexes through them; skipping
  // chevrotain's checks of the definitions saves start-up time on every run.
  skipValidations: true,
});
