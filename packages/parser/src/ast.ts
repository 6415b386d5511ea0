/**
 * The typed syntax tree of an xl config file. Every node carries its exact
 * source range; comments are kept on the file so it can be printed back.
 */

/** A point in the text. `line` and `column` are 0-based; `column` counts UTF-16 code units, as LSP does. */
export interface Position {
  readonly offset: number;
  readonly line: number;
  readonly column: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

interface NodeBase {
  readonly range: Range;
}

export interface StringValue extends NodeBase {
  readonly kind: "string";
  /** The text as written, quotes included. */
  readonly raw: string;
  readonly quote: '"' | "'";
  /** The value as libxlu stores it, escapes decoded (octal escapes dropped, as xl does). */
  readonly value: string;
}

export interface NumberValue extends NodeBase {
  readonly kind: "number";
  /** libxlu keeps numbers as their text: `0x800` stays `0x800`. */
  readonly raw: string;
}

export interface ListValue extends NodeBase {
  readonly kind: "list";
  readonly items: readonly Value[];
  readonly trailingComma: boolean;
}

/** Something in value position that xl cannot read: an unquoted word, `1.5`, `True`, `-1`, … */
export interface InvalidValue extends NodeBase {
  readonly kind: "invalid";
  readonly raw: string;
}

export type Value = StringValue | NumberValue | ListValue | InvalidValue;

export interface Key extends NodeBase {
  /** The key as written. */
  readonly name: string;
  /** False for keys libxlu's lexer rejects (`Name`, `on-crash`, `_x`). */
  readonly valid: boolean;
}

export type AssignmentOperator = "=" | "+=";

export interface Assignment extends NodeBase {
  readonly kind: "assignment";
  readonly key: Key;
  readonly operator: AssignmentOperator;
  readonly operatorRange: Range;
  /** Missing when the statement broke off before its value (`memory =`). */
  readonly value: Value | undefined;
  /** How the statement ends: a newline, a `;`, or the end of the file. */
  readonly terminator: "newline" | "semicolon" | "eof";
  /** True when the statement had a syntax error; the parts that parsed are kept. */
  readonly hasError: boolean;
}

/** A statement that could not be read as an assignment at all. */
export interface BrokenStatement extends NodeBase {
  readonly kind: "broken";
  readonly text: string;
}

export type Statement = Assignment | BrokenStatement;

export interface Comment extends NodeBase {
  /** The comment text including the leading `#`. */
  readonly text: string;
}

export interface ConfigFile extends NodeBase {
  readonly kind: "file";
  readonly statements: readonly Statement[];
  readonly comments: readonly Comment[];
  /** Whether the text ends with a newline (the printer keeps what it found). */
  readonly endsWithNewline: boolean;
}
