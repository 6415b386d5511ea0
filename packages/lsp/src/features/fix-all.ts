/**
 * "Fix all" (`source.fixAll.xlint`, what editors run on save when asked to):
 * the document through the linter's fix loop (`fixInputs`, the loop of
 * `xlint --fix`: lint, apply, re-lint until nothing applies; a pass that adds
 * a syntax error is undone), safe fixes only, so the editor and the command
 * line agree on what "fix" means. The result is one edit covering only the
 * changed middle of the text, so the editor keeps the cursor, folds and
 * marks of the lines around it.
 */
import { fixInputs, type FileFacts, type LintInput, type Rule } from "@xlint/linter";
import { CodeActionKind, type CodeAction, type TextEdit } from "vscode-languageserver";

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.xlint`;

export interface FixAllRequest {
  readonly uri: string;
  /** The document as the linter reads it (its text, path and per-file settings). */
  readonly input: LintInput;
  readonly rules: readonly Rule[];
  /** Facts of the workspace's other configs, so findings (and thus fixes) are the ones the editor shows. */
  readonly context?: readonly FileFacts[];
}

/** The fix-all action, or undefined when no safe fix changes the document. */
export function fixAllAction(request: FixAllRequest): CodeAction | undefined {
  const outcome = fixInputs([request.input], { rules: request.rules, unsafe: false, context: request.context ?? [] });
  const fixed = outcome.fixed[0];
  if (fixed === undefined) return undefined;
  const edit = minimalEdit(request.input.text, fixed.text);
  return {
    title: `Fix all safe xlint problems (${fixed.count} ${fixed.count === 1 ? "fix" : "fixes"})`,
    kind: FIX_ALL_KIND,
    edit: { changes: { [request.uri]: [edit] } },
  };
}

/** One edit turning `before` into `after`: the common head and tail are kept. */
export function minimalEdit(before: string, after: string): TextEdit {
  let head = 0;
  const shorter = Math.min(before.length, after.length);
  while (head < shorter && before.charCodeAt(head) === after.charCodeAt(head)) head++;
  let tail = 0;
  while (tail < shorter - head && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  // Never split a surrogate pair or a CRLF between the kept and the replaced part.
  while (head > 0 && splitsPair(before, head)) head--;
  while (tail > 0 && splitsPair(before, before.length - tail)) tail--;
  const start = positionOf(before, head);
  const end = positionOf(before, before.length - tail);
  return { range: { start, end }, newText: after.slice(head, after.length - tail) };
}

function splitsPair(text: string, at: number): boolean {
  const before = text.charCodeAt(at - 1);
  const after = text.charCodeAt(at);
  return (before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff) || (before === 13 && after === 10);
}

/** An offset as an editor position: lines end at \n, \r\n or a lone \r, as LSP counts them. */
function positionOf(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, character: offset - lineStart };
}
