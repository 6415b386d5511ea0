import type { TextEdit } from "../engine/types";
import type { SuppressedRule } from "../engine/suppressions";
import type { SuppressionRule } from "../engine/types";

/** Reports `# xlint-disable…` comments, or rule names in them, that hide nothing. */
export const unusedSuppression: SuppressionRule = {
  id: "unused-suppression",
  scope: "suppressions",
  severity: "warning",
  category: "suppression",
  fixable: "safe",
  summary: "An xlint-disable comment hides no finding (stale, misspelled, or on the wrong line)",
  docs: {
    description: [
      "A suppression comment that no longer hides anything is worse than none: the problem it was written for",
      "is gone, and it will silently hide the next one. This rule also catches rule names that are not xlint",
      "rules and comments placed on the wrong line. The fix removes the comment, or just the stale name.",
    ].join("\n"),
    invalid: [
      { config: '# xlint-disable-next-line unknown-key -- legacy\nname = "web01"\n', note: "`name` is a known key: nothing to hide." },
      { config: '# xlint-disable no-such-rule\nname = "web01"\n' },
    ],
    valid: [{ config: '# xlint-disable-next-line unknown-key -- read by our provisioning tool\nowner_team = "infra"\nname = "web01"\n' }],
  },
  check(context) {
    for (const s of context.suppressions) {
      const removeComment = removalOfComment(context.text, s.comment.range.start.offset, s.comment.range.end.offset);
      if (s.rules.length === 0) {
        context.report({
          range: s.comment.range,
          message: "This xlint comment names no rule",
          help: "It hides nothing. Name the rules to silence, e.g. `# xlint-disable-next-line unknown-key -- reason`.",
          fix: { title: "Remove the comment", safety: "safe", edits: [removeComment] },
        });
        continue;
      }
      const unused = s.rules.filter((r) => !context.used.has(r));
      const wholeComment = unused.length === s.rules.length;
      for (const entry of unused) {
        const where = s.scope === "file" ? "in this file" : s.scope === "line" ? "on this line" : "on the next line";
        const known = context.knownRuleIds.has(entry.id);
        const why = known ? `no \`${entry.id}\` finding ${where}` : `\`${entry.id}\` is not an xlint rule`;
        const stale = "A stale suppression would hide the next real problem; remove it.";
        context.report({
          range: entry.range,
          message: `Unused suppression: ${why}`,
          help: known ? stale : `\`xlint rules\` lists the rules. ${stale}`,
          fix: {
            title: wholeComment ? "Remove the comment" : `Remove \`${entry.id}\` from the comment`,
            safety: "safe",
            edits: [wholeComment ? removeComment : removalOfName(context.text, entry)],
          },
        });
      }
    }
  },
};

/** Removes a whole comment: its line when it stands alone, else the comment and the blanks before it. */
function removalOfComment(text: string, start: number, end: number): TextEdit {
  let from = start;
  while (from > 0 && (text[from - 1] === " " || text[from - 1] === "\t")) from--;
  const standsAlone = from === 0 || text[from - 1] === "\n";
  if (standsAlone && text[end] === "\n") return { start: from, end: end + 1, newText: "" };
  return { start: from, end, newText: "" };
}

/** Removes one rule name from a comma-separated list, with one separator. */
function removalOfName(text: string, entry: SuppressedRule): TextEdit {
  let end = entry.end;
  while (text[end] === " " || text[end] === "\t") end++;
  if (text[end] === ",") {
    end++;
    while (text[end] === " " || text[end] === "\t") end++;
    return { start: entry.start, end, newText: "" };
  }
  let start = entry.start;
  while (start > 0 && (text[start - 1] === " " || text[start - 1] === "\t")) start--;
  if (text[start - 1] === ",") start--;
  return { start, end: entry.end, newText: "" };
}
