/**
 * A catalog entry as Markdown, for hovers and completion items: what the key
 * does, the shape of its value, its default, the guest types it applies to,
 * deprecation and the release that added it. The words are the catalog's.
 */
import type { OptionInfo, XlConfOption } from "@xlint/linter";

const GUEST_NAMES: Readonly<Record<string, string>> = { pv: "PV", pvh: "PVH", hvm: "HVM" };

const STATUS_NOTES: Readonly<Record<OptionInfo["status"], string | undefined>> = {
  xl: undefined,
  "warns-and-ignores": "xl reads this key only to warn about it; the value has no effect.",
  "xm-only": "A key of the old xm toolstack: xl never reads it.",
};

/** One line such as "integer (MiB)" or "enum: `destroy`, `restart`". */
export function describeValueShape(kind: string, unit: string | undefined, spec: string | undefined): string {
  const base = kind.replaceAll("-", " ");
  if (spec !== undefined) return `${base} (${spec} syntax)`;
  return unit === undefined ? base : `${base} (${unit})`;
}

export function optionMarkdown(option: OptionInfo): string {
  const lines = [`**${option.key}** · ${describeValueShape(option.kind, option.unit, option.spec)}`, "", option.doc, ""];
  const statusNote = STATUS_NOTES[option.status];
  if (statusNote !== undefined) lines.push(`_${statusNote}_`, "");
  const facts: string[] = [];
  if (option.values !== undefined) facts.push(`Values: ${option.values.allowed.map((v) => `\`${v}\``).join(", ")}`);
  if (option.default !== undefined) facts.push(`Default: ${option.default}`);
  facts.push(`Applies to: ${option.appliesTo.map((g) => GUEST_NAMES[g] ?? g).join(", ") || "no guest type"}`);
  if (option.arch.length === 1) facts.push(`Architecture: ${option.arch[0]} only`);
  facts.push(option.since === undefined ? "Since: Xen 4.17 or earlier" : `Since: Xen ${option.since}`);
  if (option.deprecated !== undefined) facts.push(deprecationLine(option.deprecated));
  lines.push(...facts.map((f) => `- ${f}`), "", `_${option.man}_`);
  return lines.join("\n");
}

export function xlConfOptionMarkdown(option: XlConfOption): string {
  const lines = [`**${option.key}** · xl.conf · ${describeValueShape(option.kind, undefined, option.spec)}`, "", option.doc, ""];
  const facts: string[] = [];
  if (option.values !== undefined) facts.push(`Values: ${option.values.allowed.map((v) => `\`${v}\``).join(", ")}`);
  if (option.default !== undefined) facts.push(`Default: ${option.default}`);
  if (option.since !== undefined) facts.push(`Since: Xen ${option.since}`);
  if (option.deprecated !== undefined) facts.push(deprecationLine(option.deprecated));
  lines.push(...facts.map((f) => `- ${f}`), "", `_${option.man}_`);
  return lines.join("\n");
}

function deprecationLine(deprecated: NonNullable<OptionInfo["deprecated"]>): string {
  const since = deprecated.since === undefined ? "" : ` since ${deprecated.since}`;
  const instead = deprecated.replacement === undefined ? "" : ` Use \`${deprecated.replacement}\` instead.`;
  return `**Deprecated**${since}: ${deprecated.note}${instead}`;
}
