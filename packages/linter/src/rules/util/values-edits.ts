/**
 * Text edits of the values family: rewriting one written value in place.
 * A value joined from several atoms with `+=` is never rewritten, since no
 * single edit says what the author meant.
 */
import type { EvalValue, NumberValue, Setting, StringValue } from "@xlint/parser";
import type { TextEdit } from "../../engine/types";
import { replaceRange } from "./edits";

/** The one atom a string value was written as, when it was written as one. */
export function singleAtom(value: EvalValue): StringValue | NumberValue | undefined {
  if (value.kind !== "string" || value.parts.length !== 1) return undefined;
  return value.parts[0];
}

/** Text libxlu's lexer reads as a NUMBER token: a digit, then digits, lower-case hex letters or `x`. */
export function isNumberToken(text: string): boolean {
  return /^[0-9][0-9a-fx]*$/.test(text);
}

/** Characters a quoted string can hold without escapes, in either quote. */
function isPlainText(text: string): boolean {
  return !/["'\\\n\r]/.test(text);
}

/**
 * Rewrites a one-atom value as `text`: bare when it is a number token and
 * `bare` is asked for, otherwise quoted like the original (double quotes
 * for a number). Undefined when the value was joined or `text` would need
 * escapes.
 */
export function rewriteValue(value: EvalValue, text: string, bare = false): TextEdit | undefined {
  const atom = singleAtom(value);
  if (!atom) return undefined;
  if (bare && isNumberToken(text)) return replaceRange(atom.range, text);
  if (!isPlainText(text)) return undefined;
  const quote = atom.kind === "string" ? atom.quote : '"';
  return replaceRange(atom.range, `${quote}${text}${quote}`);
}

/** The only assignment of a setting, when it was assigned once. */
export function onlyAssignment(setting: Setting): Setting["assignments"][number] | undefined {
  return setting.assignments.length === 1 ? setting.assignments[0] : undefined;
}
