/**
 * A rule's documentation page, in Markdown, made from its metadata. The same
 * text backs `xlint explain RULE`, the hover on a suppression comment, and the
 * pages in docs/rules/ (kept in sync by a test).
 */
import { describeFileKind, exampleFileName, kindsOf } from "./file-kinds";
import type { Rule, RuleExample } from "./types";

const FIXABLE: Record<Rule["fixable"], string> = {
  safe: "yes (safe: applied by `--fix`)",
  unsafe: "yes (unsafe: needs `--unsafe-fixes`)",
  none: "no",
};

function example(e: RuleExample): string {
  const parts: string[] = [];
  // Name the file when its name tells what it is: another kind, or one of several files.
  if (e.otherFiles || (e.kind ?? "domain") !== "domain") {
    parts.push(`\`${exampleFileName(e)}\`:`);
  }
  parts.push("```xl\n" + e.config.replace(/\n$/, "") + "\n```");
  for (const [name, text] of Object.entries(e.otherFiles ?? {})) parts.push(`\`${name}\`:\n\n\`\`\`xl\n${text.replace(/\n$/, "")}\n\`\`\``);
  if (e.host) parts.push(`Host: ${JSON.stringify(e.host)}`);
  if (e.note) parts.push(e.note);
  return parts.join("\n\n");
}

/** Which files the rule checks, for rules that are not about domain configs alone (the common case says nothing). */
function filesLine(rule: Rule): string[] {
  const kinds = kindsOf(rule);
  if (rule.scope === "suppressions" || (kinds.length === 1 && kinds[0] === "domain")) return [];
  return [`- Files: ${kinds.map(describeFileKind).join(", ")}`];
}

export function ruleDocMarkdown(rule: Rule): string {
  const lines = [
    `# ${rule.id}`,
    "",
    rule.summary + ".",
    "",
    `- Default severity: ${rule.severity}`,
    `- Category: ${rule.category}`,
    `- Fixable: ${FIXABLE[rule.fixable]}`,
    `- Scope: ${rule.scope === "project" ? "across files (those linted together, and the other configs of their repository)" : "one file"}`,
    ...filesLine(rule),
    "",
    "## What it finds",
    "",
    rule.docs.description,
    "",
    "## Examples",
    "",
    "Reported:",
    "",
    rule.docs.invalid.map(example).join("\n\n"),
    "",
    "Not reported:",
    "",
    rule.docs.valid.map(example).join("\n\n"),
    "",
    "## Silencing it",
    "",
    `For one line: \`# xlint-disable-next-line ${rule.id} -- reason\`. For the whole file: \`# xlint-disable ${rule.id}\`.`,
    `Everywhere: \`"rules": { "${rule.id}": "off" }\` in \`xlint.json\`.`,
    "",
  ];
  return lines.join("\n");
}
