/**
 * Writing xl config text: quoting values as xl source, and applying a
 * mutation's changes (set, `+=`, delete a key) to a config file's text. Edits
 * go through the parser's own view of the file, so a change lands on exactly
 * the assignments xl would read.
 */
import { evaluate, parse, type ByteEncoding, type EvalValue, type Setting } from "@xlint/parser";

/** `value` as an xl string literal (double quotes unless only single ones avoid escaping). */
export function xlString(value: string): string {
  const quote = value.includes('"') && !value.includes("'") ? "'" : '"';
  let out = "";
  for (const ch of value) {
    if (ch === "\\") out += "\\\\";
    else if (ch === quote) out += `\\${quote}`;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else out += ch;
  }
  return `${quote}${out}${quote}`;
}

/** A list literal of items that are already xl source text. */
export function xlList(items: readonly string[]): string {
  return items.length === 0 ? "[]" : `[ ${items.join(", ")} ]`;
}

/** A list literal of strings. */
export function xlStrings(items: readonly string[]): string {
  return xlList(items.map(xlString));
}

/**
 * One change of a mutation. `value` is xl source text (`"hvm"`, `512`,
 * `[ "a" ]`). A `set` either takes the place of the key's assignments
 * (`replace`) or is appended at the end, where it wins because the last
 * assignment does.
 */
export type Change =
  | { readonly kind: "set"; readonly key: string; readonly value: string; readonly placement: "replace" | "append" }
  | { readonly kind: "append"; readonly key: string; readonly value: string }
  | { readonly kind: "delete"; readonly key: string };

export function set(key: string, value: string, placement: "replace" | "append" = "replace"): Change {
  return { kind: "set", key, value, placement };
}

export function append(key: string, value: string): Change {
  return { kind: "append", key, value };
}

export function del(key: string): Change {
  return { kind: "delete", key };
}

/** The change as one line for reports. */
export function describeChange(change: Change): string {
  switch (change.kind) {
    case "set":
      return `${change.key} = ${change.value}`;
    case "append":
      return `${change.key} += ${change.value}`;
    case "delete":
      return `(removed) ${change.key}`;
  }
}

export function settingsOf(text: string, encoding: ByteEncoding): ReadonlyMap<string, Setting> {
  return evaluate(parse(text, { encoding }).file).settings;
}

interface Edit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

function withEdits(text: string, edits: readonly Edit[]): string {
  let out = text;
  for (const edit of [...edits].sort((a, b) => b.start - a.start)) {
    out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  }
  return out;
}

function appendLine(text: string, line: string): string {
  const sep = text.length === 0 || text.endsWith("\n") ? "" : "\n";
  return `${text}${sep}${line}\n`;
}

function applyChange(text: string, encoding: ByteEncoding, change: Change): string {
  const setting = settingsOf(text, encoding).get(change.key);
  const line = describeChange(change);
  if (change.kind === "append" || (change.kind === "set" && (change.placement === "append" || !setting))) {
    return appendLine(text, line);
  }
  if (!setting) return text;
  const edits: Edit[] = setting.assignments.map((a, i) => ({
    start: a.range.start.offset,
    end: a.range.end.offset,
    // A replacement sits where the key was first set, so the file still reads naturally.
    text: change.kind === "set" && i === 0 ? line : "",
  }));
  return withEdits(text, edits);
}

export function applyChanges(text: string, encoding: ByteEncoding, changes: readonly Change[]): string {
  return changes.reduce((current, change) => applyChange(current, encoding, change), text);
}

/** The leading string items of a list setting (xl stops at the first non-string item). */
export function stringItemsOf(setting: Setting | undefined): string[] {
  if (setting?.value.kind !== "list") return [];
  const out: string[] = [];
  for (const item of setting.value.items as readonly EvalValue[]) {
    if (item.kind !== "string") break;
    out.push(item.value);
  }
  return out;
}
