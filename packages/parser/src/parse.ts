/**
 * `parse(text)`: the whole file → AST + diagnostics. Never throws.
 *
 * Recovery works per statement, as libxlu's `error NEWLINE` rule does: the
 * token stream is cut at newlines and `;` outside brackets, and each piece is
 * parsed on its own, so one file reports all its errors. Inside an unclosed
 * list a line that starts with `key =` also starts a new statement, so one
 * missing `]` does not swallow the rest of the file.
 */
import { EOF, type IRecognitionException, type IToken } from "chevrotain";
import type {
  Assignment,
  BrokenStatement,
  Comment,
  ConfigFile,
  InvalidValue,
  ListValue,
  Range,
  Statement,
  StringValue,
  Value,
} from "./ast";
import type { ParseDiagnostic, ParseDiagnosticCode, Severity } from "./diagnostics";
import { readWellFormed, statementParser, type RawStatement, type RawValue } from "./grammar";
import { lex, type ByteEncoding } from "./lex";
import { splitMessageText } from "./message-text";
import { describeInvalidKey, describeInvalidText, describeUnquotedWord, looksLikePython, printable } from "./messages";
import { LineIndex } from "./positions";
import { decodeXlString, type EscapeProblem } from "./strings";
import { Comma, Equals, Ident, Invalid, LBracket, Newline, PlusEquals, RBracket, Semicolon, StringLiteral } from "./tokens";

export interface ParseOptions {
  /**
   * How the text was decoded from bytes. `latin1` means the file was not valid
   * UTF-8 and each character stands for one byte (what xl sees).
   */
  readonly encoding?: ByteEncoding;
}

export interface ParseResult {
  readonly file: ConfigFile;
  readonly diagnostics: ParseDiagnostic[];
  readonly lines: LineIndex;
  readonly text: string;
}

interface Chunk {
  readonly tokens: IToken[];
  readonly terminator: IToken | undefined;
}

/** Words that start Python statements, common in old xm configs (`import os`, `if …:`). */
const PYTHON_STATEMENT_WORDS = new Set(["import", "from", "def", "if", "elif", "else", "for", "while", "class", "return", "try", "except", "print"]);

const tokenEnd = (t: IToken): number => t.startOffset + t.image.length;

class FileParser {
  readonly lines: LineIndex;
  readonly diagnostics: ParseDiagnostic[] = [];
  private sawError = false;
  /** Where the first sign of Python was seen, if any (for the hint). */
  private pythonAt: IToken | undefined;

  constructor(
    readonly text: string,
    readonly encoding: ByteEncoding,
  ) {
    this.lines = new LineIndex(text);
  }

  report(code: ParseDiagnosticCode, severity: Severity, message: string, start: number, end: number): void {
    if (severity === "error") this.sawError = true;
    const text = splitMessageText(message);
    this.diagnostics.push({ code, severity, message: text.message, ...(text.help === undefined ? {} : { help: text.help }), range: this.lines.range(start, end) });
  }

  tokenRange(t: IToken): Range {
    return this.lines.range(t.startOffset, tokenEnd(t));
  }

  run(): ConfigFile {
    const { text } = this;
    const lexed = lex(text, this.encoding);
    if (this.encoding === "latin1") {
      this.report("not-utf8", "warning", "the file is not valid UTF-8: xl reads it byte by byte, but editors and tools may show it wrongly", 0, 0);
    }
    this.checkCarriageReturns(lexed.carriageReturns);
    const comments = this.checkComments(lexed.comments);
    if (lexed.droppedAtEof) {
      const t = lexed.droppedAtEof;
      this.report(
        "stray-char-at-eof",
        "warning",
        `xl silently ignores the stray \`${printable(t.image)}\` at the very end of the file (its lexer reaches the end first); remove it`,
        t.startOffset,
        tokenEnd(t),
      );
    }
    this.checkInvalidTokens(lexed.tokens);

    const statements: Statement[] = [];
    const tokens = lexed.tokens;
    for (const span of statementSpans(tokens)) {
      if (span.end === span.start) continue;
      // Well-formed statements are read in place; the rest go to chevrotain.
      const fast = readWellFormed(tokens, span.start, span.end);
      if (fast) {
        const first = tokens[span.start] as IToken;
        const last = tokens[span.end - 1] as IToken;
        statements.push(this.buildAssignment(fast, this.lines.range(first.startOffset, tokenEnd(last)), span.terminator, false));
      } else {
        statements.push(this.parseStatement({ tokens: tokens.slice(span.start, span.end), terminator: span.terminator }));
      }
    }

    const pythonAt = this.pythonAt;
    if (this.sawError && pythonAt) {
      this.report(
        "python-hint",
        "info",
        "this file looks like an xm config written in Python: xl reads plain `key = value` lines and runs no code (see xl.cfg(5))",
        pythonAt.startOffset,
        tokenEnd(pythonAt),
      );
    }
    return {
      kind: "file",
      statements,
      comments,
      endsWithNewline: text.endsWith("\n"),
      range: this.lines.range(0, text.length),
    };
  }

  private checkCarriageReturns(crs: IToken[]): void {
    let crlfCount = 0;
    let first: IToken | undefined;
    for (const cr of crs) {
      if (tokenEnd(cr) === this.text.length) continue; // flex never reports a lone last byte
      if (this.text[tokenEnd(cr)] === "\n") {
        crlfCount++;
        first ??= cr;
      } else {
        this.report("invalid-token", "error", "stray carriage return (\\r): xl's lexer rejects it; remove it", cr.startOffset, tokenEnd(cr));
      }
    }
    if (first) {
      const lines = crlfCount === 1 ? "1 line" : `${crlfCount} lines`;
      this.report(
        "crlf",
        "error",
        `the file has Windows (CRLF) line endings on ${lines}: xl treats \\r as an invalid character and rejects every such line; convert the file to LF line endings`,
        first.startOffset,
        tokenEnd(first),
      );
    }
  }

  private checkComments(tokens: IToken[]): Comment[] {
    const comments: Comment[] = [];
    for (const t of tokens) {
      comments.push({ text: t.image, range: this.tokenRange(t) });
    }
    const last = tokens[tokens.length - 1];
    // libxlu's comment token includes the newline; at end of file without one
    // the `#` becomes a lexical error (a lone `#` escapes, as a one-byte run).
    if (last && tokenEnd(last) === this.text.length && last.image.length > 1) {
      this.report(
        "comment-at-eof",
        "error",
        "a comment on the last line needs a newline after it: without one xl reports a lexical error; end the file with a newline",
        last.startOffset,
        tokenEnd(last),
      );
    }
    return comments;
  }

  private checkInvalidTokens(tokens: IToken[]): void {
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i] as IToken;
      if (t.tokenType !== Invalid) continue;
      if (looksLikePython(t.image)) this.pythonAt ??= t;
      const next = tokens[i + 1];
      const isKey = next !== undefined && (next.tokenType === Equals || next.tokenType === PlusEquals) && startsStatement(tokens, i);
      const unterminated = t.image.startsWith('"') || t.image.startsWith("'");
      if (t.image.includes("\0")) {
        this.report("nul-byte", "error", "NUL byte: xl cannot read text containing a zero byte; remove it", t.startOffset, tokenEnd(t));
        continue;
      }
      if (t.startOffset === 0 && t.image.startsWith("\uFEFF")) {
        this.report("invalid-token", "error", describeInvalidText(t.image, "value", true), 0, 1);
        continue;
      }
      const code: ParseDiagnosticCode = unterminated ? "unterminated-string" : isKey ? "invalid-key" : "invalid-token";
      const message = isKey ? describeInvalidKey(t.image) : describeInvalidText(t.image, "value", t.startOffset === 0);
      this.report(code, "error", message, t.startOffset, tokenEnd(t));
    }
  }

  private parseStatement(chunk: Chunk): Statement {
    const parser = statementParser();
    let raw: RawStatement | undefined;
    try {
      raw = parser.parseStatement(chunk.tokens);
    } catch {
      raw = undefined; // chevrotain rethrows only non-recognition errors; treated as unparsable
    }
    const errors = parser.errors;
    const first = chunk.tokens[0] as IToken;
    const last = chunk.tokens[chunk.tokens.length - 1] as IToken;
    const range = this.lines.range(first.startOffset, tokenEnd(last));
    const firstError = errors[0];
    if (firstError) this.reportSyntaxError(firstError, chunk);

    if (!raw || !raw.key || raw.key.isInsertedInRecovery || !raw.operator || raw.operator.isInsertedInRecovery) {
      const broken: BrokenStatement = {
        kind: "broken",
        text: this.text.slice(first.startOffset, tokenEnd(last)),
        range,
      };
      return broken;
    }
    return this.buildAssignment(raw, range, chunk.terminator, errors.length > 0);
  }

  private buildAssignment(raw: RawStatement, range: Range, terminator: IToken | undefined, hasError: boolean): Assignment {
    const keyToken = raw.key as IToken;
    const operator = raw.operator as IToken;
    const assignment: Assignment = {
      kind: "assignment",
      key: { name: keyToken.image, valid: keyToken.tokenType === Ident, range: this.tokenRange(keyToken) },
      operator: operator.tokenType === PlusEquals ? "+=" : "=",
      operatorRange: this.tokenRange(operator),
      value: raw.value ? this.buildValue(raw.value) : undefined,
      terminator: !terminator ? "eof" : terminator.tokenType === Semicolon ? "semicolon" : "newline",
      hasError,
      range,
    };
    return assignment;
  }

  private buildValue(raw: RawValue): Value | undefined {
    switch (raw.type) {
      case "string":
        return this.buildString(raw.token);
      case "number":
        if (raw.token.isInsertedInRecovery) return undefined;
        return { kind: "number", raw: raw.token.image, range: this.tokenRange(raw.token) };
      case "word": {
        if (raw.token.isInsertedInRecovery) return undefined;
        this.report("unquoted-word", "error", describeUnquotedWord(raw.token.image), raw.token.startOffset, tokenEnd(raw.token));
        const invalid: InvalidValue = { kind: "invalid", raw: raw.token.image, range: this.tokenRange(raw.token) };
        return invalid;
      }
      case "invalid":
        if (raw.token.isInsertedInRecovery) return undefined;
        return { kind: "invalid", raw: raw.token.image, range: this.tokenRange(raw.token) };
      case "list": {
        const items: Value[] = [];
        for (const item of raw.items) {
          if (!item) continue;
          const built = this.buildValue(item);
          if (built) items.push(built);
        }
        const close = raw.close && !raw.close.isInsertedInRecovery ? raw.close : undefined;
        const lastItem = items[items.length - 1];
        const end = close ? tokenEnd(close) : lastItem ? lastItem.range.end.offset : tokenEnd(raw.open);
        const list: ListValue = {
          kind: "list",
          items,
          trailingComma: raw.trailingComma,
          range: this.lines.range(raw.open.startOffset, end),
        };
        return list;
      }
    }
  }

  private buildString(token: IToken): StringValue | undefined {
    if (token.isInsertedInRecovery) return undefined;
    const raw = token.image;
    const decoded = decodeXlString(raw);
    for (const problem of decoded.problems) this.reportEscape(problem, token);
    if (raw.includes("\0")) {
      this.report("nul-byte", "error", "NUL byte inside a string: xl cuts the string there or fails; remove it", token.startOffset, tokenEnd(token));
    }
    return {
      kind: "string",
      raw,
      quote: raw[0] === "'" ? "'" : '"',
      value: decoded.value,
      range: this.tokenRange(token),
    };
  }

  private reportEscape(problem: EscapeProblem, token: IToken): void {
    const start = token.startOffset + problem.start;
    const end = token.startOffset + problem.end;
    const escape = this.text.slice(start, end);
    switch (problem.kind) {
      case "hex-escape":
        this.report("bad-escape", "error", `\`${escape}\` is a \\x escape, which xl rejects: xl's \\x decoder is broken; write the character itself`, start, end);
        return;
      case "octal-escape-invalid":
        this.report("bad-escape", "error", `\`${escape}\` is an octal escape xl rejects: write the character itself`, start, end);
        return;
      case "octal-escape-dropped":
        this.report(
          "octal-escape",
          "warning",
          `\`${escape}\` is an octal escape whose character xl drops: the value silently loses it; write the character itself`,
          start,
          end,
        );
        return;
      case "unknown-escape":
        this.report(
          "bad-escape",
          "error",
          `\`${escape}\` is not an escape xl knows (\\\\ \\" \\' \\a \\b \\f \\n \\r \\t \\v): xl rejects the file; write \\\\ for a backslash`,
          start,
          end,
        );
        return;
    }
  }

  private reportSyntaxError(error: IRecognitionException, chunk: Chunk): void {
    const token = error.token;
    const atEnd = token.tokenType === EOF || Number.isNaN(token.startOffset);
    if (!atEnd && token.tokenType === Invalid) return; // already reported as a lexical error
    const tokens = chunk.tokens;
    if (PYTHON_STATEMENT_WORDS.has(tokens[0]?.image ?? "")) this.pythonAt ??= tokens[0];
    const index = atEnd ? tokens.length : tokens.indexOf(token);
    const previous = index > 0 ? tokens[index - 1] : undefined;
    const where = atEnd ? endOfStatementText(chunk) : `\`${printable(token.image)}\``;
    const message = this.syntaxMessage(error, tokens, index, previous, where, atEnd);
    const unclosed = atEnd ? openBracketBefore(tokens, tokens.length) : undefined;
    let start = atEnd ? (chunk.terminator ? chunk.terminator.startOffset : this.text.length) : token.startOffset;
    let end = atEnd ? (chunk.terminator ? tokenEnd(chunk.terminator) : this.text.length) : tokenEnd(token);
    if (unclosed) [start, end] = [unclosed.startOffset, tokenEnd(unclosed)];
    // The tail of a reported bad run (an unterminated string, say), even across the line breaks that
    // follow it: a key line after them would start a new statement without a word about the list.
    if (index === tokens.length && lastNonNewline(tokens, index)?.tokenType === Invalid) return;
    this.report("syntax", "error", message, start, Math.max(start, end));
  }

  private syntaxMessage(
    error: IRecognitionException,
    tokens: IToken[],
    index: number,
    previous: IToken | undefined,
    where: string,
    atEnd: boolean,
  ): string {
    const first = tokens[0] as IToken;
    if (error.name === "NotAllInputParsedException") {
      if (previous?.tokenType === StringLiteral && tokens[index]?.tokenType === StringLiteral) {
        return `two strings run together at ${where}: xl has no triple-quoted or implicitly joined strings; write one string`;
      }
      return `unexpected ${where} after the value: write one setting per line, or separate settings with \`;\``;
    }
    if (index === 0) {
      if (first.tokenType === Ident || first.tokenType === Invalid) return `expected \`=\` or \`+=\` after \`${first.image}\``;
      return `a statement must start with a key, found ${where}`;
    }
    if (index === 1 && (first.tokenType === Ident || first.tokenType === Invalid)) {
      return `expected \`=\` or \`+=\` after the key \`${first.image}\`, found ${where}`;
    }
    const openList = openBracketBefore(tokens, index);
    if (index === 2 && atEnd) {
      return `missing value after \`${previous?.image ?? "="}\`: the value must start on the same line as the key`;
    }
    if (openList) {
      if (atEnd) return "this list is not closed: add `]`";
      if (previous?.tokenType === StringLiteral && tokens[index]?.tokenType === StringLiteral) {
        return `two strings run together at ${where}: separate list items with \`,\` (xl has no triple-quoted strings)`;
      }
      const before = lastNonNewline(tokens, index);
      if (before?.tokenType === LBracket || before?.tokenType === Comma) {
        return `expected a value or \`]\` after \`${before.image}\`, found ${where}`;
      }
      return `expected \`,\` or \`]\` in the list, found ${where}`;
    }
    return `expected a value (a quoted string, a number or a [list]), found ${where}`;
  }
}

function endOfStatementText(chunk: Chunk): string {
  if (!chunk.terminator) return "end of file";
  return chunk.terminator.tokenType === Semicolon ? "`;`" : "end of line";
}

function lastNonNewline(tokens: IToken[], index: number): IToken | undefined {
  for (let i = index - 1; i >= 0; i--) {
    const t = tokens[i] as IToken;
    if (t.tokenType !== Newline) return t;
  }
  return undefined;
}

/** The innermost `[` still open before `index`, if any. */
function openBracketBefore(tokens: IToken[], index: number): IToken | undefined {
  const stack: IToken[] = [];
  for (let i = 0; i < index && i < tokens.length; i++) {
    const t = tokens[i] as IToken;
    if (t.tokenType === LBracket) stack.push(t);
    else if (t.tokenType === RBracket) stack.pop();
  }
  return stack[stack.length - 1];
}

function isKeyLike(t: IToken | undefined): boolean {
  return t !== undefined && (t.tokenType === Ident || t.tokenType === Invalid);
}

function isOperator(t: IToken | undefined): boolean {
  return t !== undefined && (t.tokenType === Equals || t.tokenType === PlusEquals);
}

/** Whether token i is the first token after a statement boundary. */
function startsStatement(tokens: IToken[], i: number): boolean {
  const prev = tokens[i - 1];
  return prev === undefined || prev.tokenType === Newline || prev.tokenType === Semicolon;
}

interface Span {
  readonly start: number;
  readonly end: number;
  readonly terminator: IToken | undefined;
}

/** Cuts the token stream into statements (see the file comment), as index spans. */
export function statementSpans(tokens: IToken[]): Span[] {
  const spans: Span[] = [];
  let start = 0;
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as IToken;
    const type = t.tokenType;
    if (type === LBracket) depth++;
    else if (type === RBracket) depth = Math.max(0, depth - 1);
    else if (type === Semicolon && depth === 0) {
      spans.push({ start, end: i, terminator: t });
      start = i + 1;
    } else if (type === Newline) {
      const restartsInsideList = depth > 0 && isKeyLike(tokens[i + 1]) && isOperator(tokens[i + 2]);
      if (depth === 0 || restartsInsideList) {
        spans.push({ start, end: i, terminator: t });
        start = i + 1;
        depth = 0;
      }
    }
  }
  spans.push({ start, end: tokens.length, terminator: undefined });
  return spans;
}

/** The same cut, as token arrays. */
export function splitStatements(tokens: IToken[]): Chunk[] {
  return statementSpans(tokens).map((s) => ({ tokens: tokens.slice(s.start, s.end), terminator: s.terminator }));
}

function emptyResult(text: string, message: string): ParseResult {
  const lines = new LineIndex(text);
  const range = lines.range(0, 0);
  return {
    file: { kind: "file", statements: [], comments: [], endsWithNewline: text.endsWith("\n"), range: lines.range(0, text.length) },
    diagnostics: [{ code: "internal-error", severity: "error", message, range }],
    lines,
    text,
  };
}

/** Parses an xl config file. Never throws: every problem is a diagnostic. */
export function parse(text: string, options: ParseOptions = {}): ParseResult {
  try {
    const parser = new FileParser(text, options.encoding ?? "utf8");
    const file = parser.run();
    parser.diagnostics.sort((a, b) => a.range.start.offset - b.range.start.offset);
    return { file, diagnostics: parser.diagnostics, lines: parser.lines, text };
  } catch (error) {
    // A bug in xlint, not in the file: say so rather than crash the caller.
    return emptyResult(text, `internal error in the xlint parser: ${error instanceof Error ? error.message : String(error)}`);
  }
}
