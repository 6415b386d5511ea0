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
  | {
      readonly type: "list";
      readonly open: IToken;
      readonly close: IToken | undefined;
      readonly items: RawValue[];
      readonly trailingComma: boolean;
    };

export interface RawStatement {
  readonly key: IToken;
  readonly operator: IToken | undefined;
  readonly value: RawValue | undefined;
}

class StatementParser extends EmbeddedActionsParser {
  constructor() {
    super(allTokens, { recoveryEnabled: true, maxLookahead: 2 });
    this.performSelfAnalysis();
  }

  public statement = this.RULE("statement", (): RawStatement => {
    const key = this.OR([{ ALT: () => this.CONSUME(Ident) }, { ALT: () => this.CONSUME(Invalid) }]);
    let operator: IToken | undefined;
    let value: RawValue | undefined;
    operator = this.OR2([{ ALT: () => this.CONSUME(Equals) }, { ALT: () => this.CONSUME(PlusEquals) }]);
    value = this.SUBRULE(this.value);
    return { key, operator, value };
  });

  public value = this.RULE("value", (): RawValue => {
    return this.OR([
      { ALT: () => ({ type: "string", token: this.CONSUME(StringLiteral) }) as RawValue },
      { ALT: () => ({ type: "number", token: this.CONSUME(NumberLiteral) }) as RawValue },
      { ALT: () => this.SUBRULE(this.list) },
      { ALT: () => ({ type: "word", token: this.CONSUME(Ident) }) as RawValue },
      { ALT: () => ({ type: "invalid", token: this.CONSUME(Invalid) }) as RawValue },
    ]);
  });

  public list = this.RULE("list", (): RawValue => {
    const open = this.CONSUME(LBracket);
    const items: RawValue[] = [];
    let trailingComma = false;
    let lastHadValue = true;
    this.MANY(() => this.CONSUME(Newline));
    this.OPTION(() => {
      items.push(this.SUBRULE(this.value));
      this.MANY2(() => this.CONSUME2(Newline));
      this.MANY3({
        // After a trailing comma only `]` may follow: `[a,,b]` is an error.
        GATE: () => lastHadValue,
        DEF: () => {
          this.CONSUME(Comma);
          this.MANY4(() => this.CONSUME3(Newline));
          lastHadValue = false;
          this.OPTION2(() => {
            items.push(this.SUBRULE2(this.value));
            this.MANY5(() => this.CONSUME4(Newline));
            lastHadValue = true;
          });
        },
      });
      trailingComma = !lastHadValue;
    });
    const close = this.CONSUME(RBracket);
    return { type: "list", open, close: close.tokenType === RBracket ? close : undefined, items, trailingComma };
  });
}

let shared: StatementParser | undefined;

/** The parser is built once (grammar analysis costs ~20 ms) and reused. */
export function statementParser(): StatementParser {
  shared ??= new StatementParser();
  return shared;
}
