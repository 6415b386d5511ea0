/**
 * Code actions for the findings under the cursor: each finding's fix as a
 * quick fix (safe fixes preferred; unsafe ones say so in their title), and
 * comments that hide the finding, in the format the linter reads
 * (engine/suppressions.ts): `# xlint-disable-next-line RULE -- reason` above
 * the line (or the rule added to such a comment already there, which a new
 * line would cut off from its statement), or `# xlint-disable RULE -- reason`
 * at the top of the file.
 * `syntax` errors cannot be hidden (xl refuses those files), so they get no
 * such action.
 */
import { readSuppressions, SYNTAX, type Diagnostic as Finding, type Suppression } from "@xlint/linter";
import { parse } from "@xlint/parser";
import { CodeActionKind, type CodeAction, type Diagnostic as LspDiagnostic, type Range, type TextEdit } from "vscode-languageserver";
import { toLspDiagnostic, type DiagnosticOptions } from "./diagnostics";
import { FIX_ALL_KIND } from "./fix-all";
import type { EditorLines } from "./positions";
import { rangesTouch, toLspRange } from "./ranges";

/** Written after `--` in a new suppression comment, for the author to replace with the reason. */
export const REASON_PLACEHOLDER = "reason";

export interface CodeActionRequest {
  readonly uri: string;
  readonly text: string;
  /** The document's findings, for the same text. */
  readonly findings: readonly Finding[];
  readonly range: Range;
  /** `context.only` of the request, when the client narrows the kinds. */
  readonly only?: readonly string[];
  readonly diagnosticOptions: DiagnosticOptions;
  /** The fix-all action of the document, computed only when the request wants that kind (see fix-all.ts). */
  readonly fixAll?: () => CodeAction | undefined;
}

export function codeActionsFor(request: CodeActionRequest): CodeAction[] {
  const wanted = (kind: string): boolean => request.only === undefined || request.only.some((o) => kind === o || kind.startsWith(`${o}.`));
  // Fix-all is offered when asked for by kind (on save), or in the full menu when the document has a safe fix at all.
  const fixAll = request.fixAll !== undefined && wanted(FIX_ALL_KIND) && (request.only !== undefined || request.findings.some((f) => f.fix?.safety === "safe")) ? request.fixAll() : undefined;
  if (!wanted(CodeActionKind.QuickFix)) return fixAll === undefined ? [] : [fixAll];
  const lines = request.diagnosticOptions.lines;
  const here = request.findings.filter((f) => rangesTouch(toLspRange(f.range, lines), request.range));
  const fixes: CodeAction[] = [];
  const disableActions: CodeAction[] = [];
  // One comment action per rule and line, and per rule for the file, however many findings share them.
  const offered = new Set<string>();
  let parsedSuppressions: readonly Suppression[] | undefined;
  const existingSuppressions = (): readonly Suppression[] => {
    if (parsedSuppressions === undefined) {
      const parsed = parse(request.text);
      parsedSuppressions = readSuppressions(parsed.file.comments, parsed.lines);
    }
    return parsedSuppressions;
  };
  for (const finding of here) {
    const diagnostic = toLspDiagnostic(finding, request.diagnosticOptions);
    if (finding.fix !== undefined) fixes.push(fixAction(request.uri, finding.fix, diagnostic, lines));
    if (finding.rule === SYNTAX && finding.severity === "error") continue;
    const lineKey = `${finding.rule} line ${finding.range.start.line}`;
    if (!offered.has(lineKey)) {
      offered.add(lineKey);
      disableActions.push(disableForLine(request.uri, request.text, finding, diagnostic, existingSuppressions(), lines));
    }
    if (!offered.has(finding.rule)) {
      offered.add(finding.rule);
      disableActions.push(disableForFile(request.uri, finding, diagnostic));
    }
  }
  return [...fixes, ...disableActions, ...(fixAll === undefined ? [] : [fixAll])];
}

function fixAction(uri: string, fix: NonNullable<Finding["fix"]>, diagnostic: LspDiagnostic, lines: EditorLines | undefined): CodeAction {
  const edits: TextEdit[] = fix.edits.map((e) => ({ range: toLspRange(e.range, lines), newText: e.newText }));
  return {
    title: fix.safety === "safe" ? fix.title : `${fix.title} (may change what xl builds)`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: fix.safety === "safe",
    edit: { changes: { [uri]: edits } },
  };
}

function disableForLine(uri: string, text: string, finding: Finding, diagnostic: LspDiagnostic, existing: readonly Suppression[], lines: EditorLines | undefined): CodeAction {
  const line = finding.range.start.line;
  const title = `Disable ${finding.rule} for this line`;
  const above = existing.find((s) => s.scope === "next-line" && s.line === line && s.rules.length > 0);
  const lastName = above?.rules[above.rules.length - 1];
  if (lastName !== undefined) {
    const at = toLspRange(lastName.range, lines).end;
    return { title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: { changes: { [uri]: [{ range: { start: at, end: at }, newText: `, ${finding.rule}` }] } } };
  }
  const indent = /^[ \t]*/.exec(lineText(text, line))?.[0] ?? "";
  const comment = `${indent}# xlint-disable-next-line ${finding.rule} -- ${REASON_PLACEHOLDER}\n`;
  // Columns are UTF-16 offsets from the line's start, so the line starts this many characters before the finding.
  const lineStart = lines === undefined ? { line, character: 0 } : lines.position(finding.range.start.offset - finding.range.start.column);
  return {
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    edit: { changes: { [uri]: [{ range: { start: lineStart, end: lineStart }, newText: comment }] } },
  };
}

function disableForFile(uri: string, finding: Finding, diagnostic: LspDiagnostic): CodeAction {
  const comment = `# xlint-disable ${finding.rule} -- ${REASON_PLACEHOLDER}\n`;
  return {
    title: `Disable ${finding.rule} for this file`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    edit: { changes: { [uri]: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: comment }] } },
  };
}

function lineText(text: string, line: number): string {
  let start = 0;
  for (let i = 0; i < line; i++) {
    const next = text.indexOf("\n", start);
    if (next === -1) return "";
    start = next + 1;
  }
  const end = text.indexOf("\n", start);
  return text.slice(start, end === -1 ? text.length : end);
}
