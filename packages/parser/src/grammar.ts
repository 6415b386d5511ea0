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
import { EmbeddedActionsParser, type IToken } from "chevrotain";
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

  private statement = this.RULE("statement", () => {
    const key = this.OR([{ ALT: () => this.CONSUME(Ident) }, { ALT: () => this.CONSUME(Invalid) }]);
    this.ACTION(() => (this.current.key = key));
    const operator = this.OR2([{ ALT: () => this.CONSUME(Equals) }, { ALT: () => this.CONSUME(PlusEquals) }]);
    this.ACTION(() => (this.current.operator = operator));
    this.SUBRULE(this.value);
  });

  private value = this.RULE("value", () => {
    this.OR([
      { ALT: () => this.atom("string", this.CONSUME(StringLiteral)) },
      { ALT: () => this.atom("number", this.CONSUME(NumberLiteral)) },
      { ALT: () => this.SUBRULE(this.list) },
      { ALT: () => this.atom("word", this.CONSUME(Ident)) },
      { ALT: () => this.atom("invalid", this.CONSUME(Invalid)) },
    ]);
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

let shared: StatementParser | undefined;

/** The parser is built once (grammar analysis costs ~20 ms) and reused. */
export function statementParser(): StatementParser {
  shared ??= new StatementParser();
  return shared;
}
