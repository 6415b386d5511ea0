import type { Range } from "./ast";

export type Severity = "error" | "warning" | "info";

/**
 * Codes of the parser's findings. Every `error` is something libxlu rejects
 * (the whole file then fails with "Failed to parse config"); `warning` and
 * `info` findings are accepted by xl but deserve attention.
 */
export type ParseDiagnosticCode =
  | "invalid-token"
  | "invalid-key"
  | "unquoted-word"
  | "unterminated-string"
  | "crlf"
  | "comment-at-eof"
  | "bad-escape"
  | "octal-escape"
  | "syntax"
  | "append-type-mismatch"
  | "stray-char-at-eof"
  | "python-hint"
  | "not-utf8"
  | "nul-byte"
  | "internal-error";

export interface ParseDiagnostic {
  readonly code: ParseDiagnosticCode;
  readonly severity: Severity;
  /** What is wrong, one short clause (the line people scan). */
  readonly message: string;
  /** Why it matters and what to do; absent when the message says it all. */
  readonly help?: string;
  readonly range: Range;
}
