/**
 * The grammar of one statement (libxlu_cfg_y.y), as a chevrotain parser with
 * embedded actions that build the AST directly.
 *
 *   statement := KEY ('=' | '+=') value
 *   value     := STRING | NUMBER | '[' NL* items? ']'
 *   items     := value NL* (',' NL* (value NL*)?)*      -- no `,,`; one trailing comma
 *
 * The file is cut into statements before parsing (see parse.ts), so `NL`
 * tokens only reach this grammar from inside brackets. For better
 * diagnostics, an unquoted word or an invalid run is accepted where a value or
 * key is expected and reported afterwards; every such case is an error to xl.
 */
import { EmbeddedActionsParser, type IOrAlt, type IToken } from "chevrotain";
import {
  allTokens,
  Comma,
  Equals,
  Ident,
  Invalid,
  LBracket,
  Newline,
  NumberLiteral,
  PlusEquals,
  RBracket,
  StringLiteral,
} from "./tokens";

/** What the grammar hands to the AST builder: raw tokens, shaped. */
export type RawValue =
  | { readonly type: "string"; readonly token: IToken }
  | { readonly type: "number"; readonly token: IToken }
  | { readonly type: "word"; readonly token: IToken }
  | { readonly type: "invalid"; readonly token: IToken }
  | RawList;

export interface RawList {
  readonly type: "list";
  readonly open: IToken;
  close: IToken | undefined;
  readonly items: RawValue[];
  trailingComma: boolean;
}

/**
 * What has been read of the statement so far. It is filled in as tokens are
 * consumed (values attach themselves to the list they are in), so that when
 * the statement breaks off, everything before the break is still there.
 */
export interface RawStatement {
  key: IToken | undefined;
  operator: IToken | undefined;
  value: RawValue | undefined;
}

class StatementParser extends EmbeddedActionsParser {
  private current: RawStatement = { key: undefined, operator: undefined, value: undefined };
  private readonly openLists: RawList[] = [];

  constructor() {
    super(allTokens, { recoveryEnabled: true, maxLookahead: 2 });
    this.performSelfAnalysis();
  }

  /** Parses `tokens` as one statement; `errors` then holds what went wrong. */
  parseStatement(tokens: IToken[]): RawStatement {
    // Well-formed statements (nearly all of them) are read by a plain
    // recursive-descent pass; anything it does not accept goes to chevrotain,
    // whose recovery and error reports stay exactly as before.
    const fast = readWellFormed(tokens, 0, tokens.length);
    if (fast) {
      this.errors = [];
      return fast;
    }
    this.current = { key: undefined, operator: undefined, value: undefined };
    this.openLists.length = 0;
    this.input = tokens;
    this.statement();
    return this.current;
  }

  /** Hangs a value on the innermost open list, or on the statement. */
  private attach(value: RawValue): void {
    const list = this.openLists[this.openLists.length - 1];
    if (list) list.items.push(value);
    else this.current.value = value;
  }

  // The alternatives of each OR are built once, not on every call (chevrotain
  // re-evaluates the rule body each time, so inline arrays are re-allocated).
  private keyAlts: IOrAlt<IToken>[] | undefined;
  private operatorAlts: IOrAlt<IToken>[] | undefined;
  private valueAlts: IOrAlt<void>[] | undefined;

  private statement = this.RULE("statement", () => {
    const key = this.OR((this.keyAlts ??= [{ ALT: () => this.CONSUME(Ident) }, { ALT: () => this.CONSUME(Invalid) }]));
    this.ACTION(() => (this.current.key = key));
    const operator = this.OR2((this.operatorAlts ??= [{ ALT: () => this.CONSUME(Equals) }, { ALT: () => this.CONSUME(PlusEquals) }]));
    this.ACTION(() => (this.current.operator = operator));
    this.SUBRULE(this.value);
  });

  private value = this.RULE("value", () => {
    this.OR(
      (this.valueAlts ??= [
        { ALT: () => this.atom("string", this.CONSUME(StringLiteral)) },
        { ALT: () => this.atom("number", this.CONSUME(NumberLiteral)) },
        { ALT: () => this.SUBRULE(this.list) },
        { ALT: () => this.atom("word", this.CONSUME(Ident)) },
        { ALT: () => this.atom("invalid", this.CONSUME(Invalid)) },
      ]),
    );
  });

  private atom(type: "string" | "number" | "word" | "invalid", token: IToken): void {
    this.ACTION(() => this.attach({ type, token }));
  }

  private list = this.RULE("list", () => {
    const open = this.CONSUME(LBracket);
    const node: RawList = { type: "list", open, close: undefined, items: [], trailingComma: false };
    this.ACTION(() => {
      this.attach(node);
      this.openLists.push(node);
    });
    try {
      let lastHadValue = true;
      this.MANY(() => this.CONSUME(Newline));
      this.OPTION(() => {
        this.SUBRULE(this.value);
        this.MANY2(() => this.CONSUME2(Newline));
        this.MANY3({
          // After a trailing comma only `]` may follow: `[a,,b]` is an error.
          GATE: () => lastHadValue,
          DEF: () => {
            this.CONSUME(Comma);
            this.MANY4(() => this.CONSUME3(Newline));
            lastHadValue = false;
            this.OPTION2(() => {
              this.SUBRULE2(this.value);
              this.MANY5(() => this.CONSUME4(Newline));
              lastHadValue = true;
            });
          },
        });
        node.trailingComma = !lastHadValue;
      });
      const close = this.CONSUME(RBracket);
      this.ACTION(() => (node.close = close.isInsertedInRecovery ? undefined : close));
    } finally {
      // Also when the list breaks off, so later values do not land in it.
      this.ACTION(() => this.openLists.pop());
    }
  });
}

const STRING_IDX = StringLiteral.tokenTypeIdx as number;
const NUMBER_IDX = NumberLiteral.tokenTypeIdx as number;
const IDENT_IDX = Ident.tokenTypeIdx as number;
const INVALID_IDX = Invalid.tokenTypeIdx as number;
const LBRACKET_IDX = LBracket.tokenTypeIdx as number;
const RBRACKET_IDX = RBracket.tokenTypeIdx as number;
const COMMA_IDX = Comma.tokenTypeIdx as number;
const NEWLINE_IDX = Newline.tokenTypeIdx as number;
const EQUALS_IDX = Equals.tokenTypeIdx as number;
const PLUS_EQUALS_IDX = PlusEquals.tokenTypeIdx as number;

/** Position in the token array while reading a well-formed statement, and its end. */
let at = 0;
let limit = 0;

function peek(tokens: IToken[]): IToken | undefined {
  return at < limit ? tokens[at] : undefined;
}

/**
 * The statement exactly as the chevrotain rules build it when they meet no
 * error, or undefined as soon as something is off (then the caller falls back).
 */
export function readWellFormed(tokens: IToken[], start: number, end: number): RawStatement | undefined {
  if (end - start < 3) return undefined;
  const key = tokens[start] as IToken;
  const operator = tokens[start + 1] as IToken;
  if (key.tokenTypeIdx !== IDENT_IDX && key.tokenTypeIdx !== INVALID_IDX) return undefined;
  if (operator.tokenTypeIdx !== EQUALS_IDX && operator.tokenTypeIdx !== PLUS_EQUALS_IDX) return undefined;
  at = start + 2;
  limit = end;
  const value = readValue(tokens);
  if (!value || at !== end) return undefined;
  return { key, operator, value };
}

function readValue(tokens: IToken[]): RawValue | undefined {
  const token = peek(tokens);
  if (!token) return undefined;
  switch (token.tokenTypeIdx) {
    case STRING_IDX:
      at++;
      return { type: "string", token };
    case NUMBER_IDX:
      at++;
      return { type: "number", token };
    case IDENT_IDX:
      at++;
      return { type: "word", token };
    case INVALID_IDX:
      at++;
      return { type: "invalid", token };
    case LBRACKET_IDX:
      return readList(tokens, token);
    default:
      return undefined;
  }
}

function skipNewlines(tokens: IToken[]): void {
  while (peek(tokens)?.tokenTypeIdx === NEWLINE_IDX) at++;
}

function readList(tokens: IToken[], open: IToken): RawList | undefined {
  at++;
  const node: RawList = { type: "list", open, close: undefined, items: [], trailingComma: false };
  skipNewlines(tokens);
  if (peek(tokens)?.tokenTypeIdx !== RBRACKET_IDX) {
    const first = readValue(tokens);
    if (!first) return undefined;
    node.items.push(first);
    skipNewlines(tokens);
    let lastHadValue = true;
    while (lastHadValue && peek(tokens)?.tokenTypeIdx === COMMA_IDX) {
      at++;
      skipNewlines(tokens);
      lastHadValue = false;
      const next = peek(tokens)?.tokenTypeIdx;
      if (next !== undefined && next !== RBRACKET_IDX && next !== COMMA_IDX) {
        const item = readValue(tokens);
        if (!item) return undefined;
        node.items.push(item);
        skipNewlines(tokens);
        lastHadValue = true;
      }
    }
    node.trailingComma = !lastHadValue;
  }
  const close = peek(tokens);
  if (close?.tokenTypeIdx !== RBRACKET_IDX) return undefined;
  at++;
  node.close = close;
  return node;
}

let shared: StatementParser | undefined;

/** The parser is built once (grammar analysis costs ~20 ms) and reused. */
export function statementParser(): StatementParser {
  shared ??= new StatementParser();
  return shared;
}
