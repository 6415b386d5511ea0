/**
 * A spec parser's problem text as a finding's short `message` and its `help`
 * (the parser writes "what is wrong: why it matters; what to do"; see
 * `splitMessageText` in @xlint/parser).
 */
import { capitalised, splitMessageText, type MessageText } from "@xlint/parser";

export type FindingText = MessageText;

export { capitalised };

/** The finding text of a parser problem: its first clause as the message, the rest as the help. */
export function problemFinding(text: string): FindingText {
  return splitMessageText(text);
}
