/**
 * Completion of keys (at the start of a statement) and of values (after
 * `key =`): the keys xl reads, those that apply to the file's guest type
 * first, with their docs; a key's enum values and, for booleans, 1 and 0.
 * Quoted values are offered quoted unless the cursor is inside a string.
 * Inside a `disk`, `vif` or `pci` item the spec's own parameters and values
 * are offered instead (spec-completion.ts).
 */
import { allOptions, allXlConfOptions, optionByKey, xlConfOptionByKey, type HostProfile, type OptionInfo, type XlConfOption } from "@xlint/linter";
import { CompletionItemKind, CompletionItemTag, InsertTextFormat, type CompletionItem, type Range } from "vscode-languageserver";
import type { WorkspaceView } from "../workspace/workspace-view";
import { assignmentAtValue, type DocumentAnalysis } from "./document-analysis";
import { describeValueShape, optionMarkdown, xlConfOptionMarkdown } from "./option-docs";
import { specCompletions } from "./spec-completion";
import { specSiteAt } from "./spec-site";

/** What the text before the cursor says is being written. */
export type CompletionSite =
  | { readonly kind: "key"; readonly typed: string; readonly valueFollows: boolean }
  | { readonly kind: "value"; readonly key: string; readonly typed: string; readonly inString: boolean }
  | { readonly kind: "none" };

const KEY_PREFIX = /^\s*([A-Za-z0-9_.-]*)$/;
const ASSIGNMENT_PREFIX = /^\s*([A-Za-z_][A-Za-z0-9_.-]*)\s*\+?=(.*)$/;

/** `line` is the cursor's line, `column` its UTF-16 column, `offset` its offset in the text. */
export function completionSite(analysis: DocumentAnalysis, offset: number, line: string, column: number): CompletionSite {
  const before = line.slice(0, column);
  const after = line.slice(column);
  const listAround = assignmentAtValue(analysis, offset);
  const insideList = listAround?.value?.kind === "list" && listAround.value.range.start.offset < offset && offset < listAround.value.range.end.offset;
  const sameLine = ASSIGNMENT_PREFIX.exec(before);
  if (sameLine !== null) return valueSite(sameLine[1] as string, sameLine[2] as string);
  if (insideList && listAround !== undefined) return valueSite(listAround.key.name, before);
  if (before.includes("#")) return { kind: "none" };
  const key = KEY_PREFIX.exec(before);
  if (key !== null) return { kind: "key", typed: key[1] as string, valueFollows: /^[A-Za-z0-9_.-]*\s*\+?=/.test(after) };
  return { kind: "none" };
}

function valueSite(key: string, textBeforeCursor: string): CompletionSite {
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < textBeforeCursor.length; i++) {
    const c = textBeforeCursor[i];
    if (quote !== undefined) {
      if (c === "\\") i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") {
      quote = c;
      start = i + 1;
    } else if (c === "#") return { kind: "none" };
  }
  if (quote !== undefined) return { kind: "value", key, typed: textBeforeCursor.slice(start), inString: true };
  const word = /[A-Za-z0-9_.-]*$/.exec(textBeforeCursor)?.[0] ?? "";
  return { kind: "value", key, typed: word, inString: false };
}

export interface CompletionRequest {
  readonly analysis: DocumentAnalysis;
  readonly offset: number;
  /** The cursor's line and its text. */
  readonly line: number;
  readonly lineText: string;
  readonly column: number;
  /** The host profile: bridges offered after a vif's `bridge=`, the Xen release that decides which spec keys exist. */
  readonly host: HostProfile;
  /** Every config of the workspace: the MACs a fresh one must avoid. */
  readonly workspace: WorkspaceView;
  /** Numbers in [0, 1) (Math.random in the server): the source of fresh MACs. */
  readonly random: () => number;
  /** The client takes snippets (`completionItem.snippetSupport`): a key then comes with its value's brackets or quotes. */
  readonly snippets?: boolean;
}

export function completeAt(request: CompletionRequest): CompletionItem[] {
  const spec = specSiteAt(request.analysis, request.offset);
  if (spec !== undefined) return specCompletions(spec, request);
  const site = completionSite(request.analysis, request.offset, request.lineText, request.column);
  const replace: Range = {
    start: { line: request.line, character: request.column - (site.kind === "none" ? 0 : site.typed.length) },
    end: { line: request.line, character: request.column },
  };
  if (site.kind === "key") return keyItems(request.analysis, replace, site.valueFollows, request.snippets === true);
  if (site.kind === "value") return valueItems(request.analysis, site.key, site.inString, replace);
  return [];
}

function keyItems(analysis: DocumentAnalysis, replace: Range, valueFollows: boolean, snippets: boolean): CompletionItem[] {
  const insert = (key: string): string => (valueFollows ? key : `${key} = `);
  if (analysis.kind === "xl-conf") return allXlConfOptions().map((o) => xlConfKeyItem(o, replace, insert(o.key)));
  if (analysis.kind === "cpupool") return [];
  const guest = analysis.guest.type;
  return allOptions()
    .filter((o) => o.status === "xl")
    .map((o) => {
      const item = domainKeyItem(o, replace, insert(o.key), guest === undefined || o.appliesTo.includes(guest));
      const snippet = snippets && !valueFollows ? keySnippet(o) : undefined;
      if (snippet !== undefined) Object.assign(item, { textEdit: { range: replace, newText: snippet }, insertTextFormat: InsertTextFormat.Snippet });
      return item;
    });
}

/**
 * The key with its value's shape, the cursor where the value goes: a list key
 * gets `[ "…" ]` (every list xl reads holds strings), a string key its quotes.
 * Keys are `[a-z][._0-9a-z]*`, so nothing in them needs snippet escaping.
 */
export function keySnippet(option: Pick<OptionInfo, "key" | "kind">): string | undefined {
  switch (option.kind) {
    case "spec-list":
    case "string-list":
    case "enum-list":
    case "boolean-or-enum-list":
      return `${option.key} = [ "$1" ]$0`;
    case "nested-list":
      return `${option.key} = [ [ "$1" ] ]$0`;
    case "string":
    case "spec":
    case "enum":
    case "string-or-list":
      return `${option.key} = "$1"$0`;
    default:
      return undefined;
  }
}

function domainKeyItem(option: OptionInfo, replace: Range, newText: string, appliesToGuest: boolean): CompletionItem {
  const deprecated = option.deprecated !== undefined;
  // Keys for this guest type first, then the others, deprecated ones last.
  const rank = deprecated ? 2 : appliesToGuest ? 0 : 1;
  const item: CompletionItem = {
    label: option.key,
    kind: CompletionItemKind.Property,
    detail: describeValueShape(option.kind, option.unit, option.spec),
    documentation: { kind: "markdown", value: optionMarkdown(option) },
    sortText: `${rank}_${option.key}`,
    filterText: option.key,
    textEdit: { range: replace, newText },
  };
  if (deprecated) item.tags = [CompletionItemTag.Deprecated];
  return item;
}

function xlConfKeyItem(option: XlConfOption, replace: Range, newText: string): CompletionItem {
  const item: CompletionItem = {
    label: option.key,
    kind: CompletionItemKind.Property,
    detail: describeValueShape(option.kind, undefined, option.spec),
    documentation: { kind: "markdown", value: xlConfOptionMarkdown(option) },
    sortText: `${option.deprecated === undefined ? 0 : 2}_${option.key}`,
    filterText: option.key,
    textEdit: { range: replace, newText },
  };
  if (option.deprecated !== undefined) item.tags = [CompletionItemTag.Deprecated];
  return item;
}

/** The values worth offering for a key: its enum names (as strings) and, for boolean kinds, 1 and 0 (as numbers). */
function valueChoices(kind: string, allowed: readonly string[] | undefined): { names: readonly string[]; booleans: boolean } {
  const booleans = kind === "boolean" || kind.startsWith("boolean-or-");
  return { names: allowed ?? [], booleans };
}

function valueItems(analysis: DocumentAnalysis, key: string, inString: boolean, replace: Range): CompletionItem[] {
  const entry = analysis.kind === "xl-conf" ? xlConfOptionByKey(key) : analysis.kind === "domain" ? optionByKey(key) : undefined;
  if (entry === undefined) return [];
  const { names, booleans } = valueChoices(entry.kind, entry.values?.allowed);
  const items: CompletionItem[] = names.map((name, i) => ({
    label: name,
    kind: CompletionItemKind.EnumMember,
    detail: `${key} value`,
    sortText: String(i).padStart(3, "0"),
    filterText: inString ? name : `"${name}"`,
    textEdit: { range: replace, newText: inString ? name : `"${name}"` },
  }));
  if (booleans && !inString) {
    items.push(
      { label: "1", kind: CompletionItemKind.Value, detail: "true", sortText: "900", textEdit: { range: replace, newText: "1" } },
      { label: "0", kind: CompletionItemKind.Value, detail: "false", sortText: "901", textEdit: { range: replace, newText: "0" } },
    );
  }
  return items;
}
