/**
 * The formatter's safety net, in the spirit of black's "safe" mode: before a
 * result is handed out, it is read back and compared with the input. A
 * mismatch means a bug in the printer, and the caller then refuses to format
 * rather than hand out text that means something else.
 */
import { evaluate } from "../evaluate";
import type { ByteEncoding } from "../lex";
import { settingsToJson } from "../oracle-json";
import { parse } from "../parse";
import type { ConfigFile } from "../ast";
import { commentText } from "./atoms";

export interface ReadBack {
  readonly json: string;
  readonly comments: readonly string[];
}

/** What must survive formatting: the settings as `dump` prints them, and every comment's text in order. */
export function meaning(file: ConfigFile, encoding: ByteEncoding): ReadBack {
  return {
    json: settingsToJson(evaluate(file), encoding),
    comments: file.comments.map((c) => commentText(c.text)),
  };
}

/** Why `output` does not mean what `input` meant, or undefined when it does. */
export function differenceAfterFormatting(input: ReadBack, output: string, encoding: ByteEncoding): string | undefined {
  const parsed = parse(output, { encoding });
  const evaluation = evaluate(parsed.file);
  const error = [...parsed.diagnostics, ...evaluation.diagnostics].find((d) => d.severity === "error");
  if (error) return `the formatted text would not parse (${error.message})`;
  if (settingsToJson(evaluation, encoding) !== input.json) return "the formatted text would change the settings";
  const comments = parsed.file.comments.map((c) => commentText(c.text));
  if (comments.length !== input.comments.length || comments.some((c, i) => c !== input.comments[i])) {
    return "the formatted text would lose or move a comment";
  }
  return undefined;
}
