/**
 * Inline suppression comments:
 *
 *   # xlint-disable-next-line RULE[, RULE...] [-- reason]   the next line
 *   memory = 1  # xlint-disable-line RULE [-- reason]       this line
 *   # xlint-disable RULE[, RULE...] [-- reason]             the whole file
 *
 * Each rule name in a comment is tracked separately, so a comment that names
 * two rules but only suppresses one is reported for the other.
 */
import type { Comment, LineIndex, Range } from "@xlint/parser";

export type SuppressionScope = "next-line" | "line" | "file";

export interface SuppressedRule {
  readonly id: string;
  /** The rule name inside the comment, for pointing at it. */
  readonly range: Range;
  readonly start: number;
  readonly end: number;
}

export interface Suppression {
  readonly scope: SuppressionScope;
  readonly comment: Comment;
  /** 0-based line the suppression applies to (unused for `file`). */
  readonly line: number;
  readonly rules: readonly SuppressedRule[];
  readonly reason: string | undefined;
}

const DIRECTIVE = /^#\s*xlint-(disable-next-line|disable-line|disable)(?=\s|$)/;

const SCOPES: Record<string, SuppressionScope> = {
  "disable-next-line": "next-line",
  "disable-line": "line",
  disable: "file",
};

/** Reads the suppression comments of a file. Comments that only mention xlint in passing are ignored. */
export function readSuppressions(comments: readonly Comment[], lines: LineIndex): Suppression[] {
  const out: Suppression[] = [];
  for (const comment of comments) {
    const match = DIRECTIVE.exec(comment.text);
    if (!match) continue;
    const scope = SCOPES[match[1] as string] as SuppressionScope;
    const base = comment.range.start.offset;
    const afterDirective = match[0].length;
    const reasonAt = comment.text.indexOf("--", afterDirective);
    const listEnd = reasonAt === -1 ? comment.text.length : reasonAt;
    const reason = reasonAt === -1 ? undefined : comment.text.slice(reasonAt + 2).trim() || undefined;
    const rules: SuppressedRule[] = [];
    const namePattern = /[^\s,]+/g;
    namePattern.lastIndex = afterDirective;
    const list = comment.text.slice(0, listEnd);
    for (let m = namePattern.exec(list); m; m = namePattern.exec(list)) {
      const start = base + m.index;
      const end = start + m[0].length;
      rules.push({ id: m[0], start, end, range: lines.range(start, end) });
    }
    const commentLine = comment.range.start.line;
    out.push({ scope, comment, line: scope === "next-line" ? commentLine + 1 : commentLine, rules, reason });
  }
  return out;
}

/** Finds the suppression rule entry that hides a finding of `ruleId` starting on `line`, if any. */
export function findSuppressor(suppressions: readonly Suppression[], ruleId: string, line: number): SuppressedRule | undefined {
  for (const s of suppressions) {
    if (s.scope !== "file" && s.line !== line) continue;
    const entry = s.rules.find((r) => r.id === ruleId);
    if (entry) return entry;
  }
  return undefined;
}
