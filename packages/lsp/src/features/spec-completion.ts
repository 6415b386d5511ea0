/**
 * Completion inside a device spec string (`disk`, `vif`, `pci` list items).
 * Where a new item starts (after a comma, or at the start): the parameters
 * and flags that spec accepts for the host's Xen release (minus those the
 * spec already has), each with a short doc; in a disk spec also what the
 * positional field at the cursor takes (formats, the next free vdev, access
 * modes), found by running the parser's disk scanner on the text before the
 * cursor. After `key=`: that key's values (`format=`, `access=`, `devtype=`,
 * `backendtype=`, `specification=`, vif `type=`/`model=`, PCI flags and
 * `rdm_policy=`), the next free vdev after `vdev=`, the host's bridges after
 * `bridge=` and a fresh MAC after `mac=` (spec-fresh-values.ts).
 *
 * Items are split as each spec's reader splits them: commas everywhere; a
 * disk skips blanks before a parameter, a vif only spaces, a PCI spec none.
 * After a disk's `target=` nothing is offered: it takes the rest of the spec.
 */
import type { HostProfile } from "@xlint/linter";
import { decodeVdev, detachedSpecText, parseDiskSpec, type PositionalSlot } from "@xlint/parser";
import { CompletionItemKind, type CompletionItem, type Range } from "vscode-languageserver";
import type { WorkspaceView } from "../workspace/workspace-view";
import type { DocumentAnalysis } from "./document-analysis";
import { specFieldDoc, specFieldNames } from "./spec-fields";
import { freshMac, nextFreeVdev, usedMacs } from "./spec-fresh-values";
import { specRange, type SpecListKey, type SpecSite } from "./spec-site";

export interface SpecCompletionContext {
  readonly analysis: DocumentAnalysis;
  readonly host: HostProfile;
  readonly workspace: WorkspaceView;
  /** Numbers in [0, 1), as Math.random gives them: the fresh MAC's source. */
  readonly random: () => number;
}

/** What is being typed in the spec at the cursor. */
export type SpecSiteKind =
  | { readonly kind: "name"; readonly typedStart: number; readonly typed: string }
  | { readonly kind: "value"; readonly field: string; readonly typedStart: number; readonly typed: string }
  | { readonly kind: "none" };

const LEADING: Readonly<Record<SpecListKey, RegExp>> = { disk: /^[ \t\n]*/, vif: /^ */, pci: /^/ };
const NAME_TYPED = /^[a-z0-9_-]*$/;
const KEY_VALUE = /^([a-z][-a-z0-9_]*)=/;

/** Reads the text of the spec before the cursor. */
export function specTyping(site: SpecSite): SpecSiteKind {
  const before = site.spec.text.slice(0, site.index);
  if (site.key === "disk" && parseDiskSpec(detachedSpecText(before)).tokens.some((t) => t.kind === "target")) return { kind: "none" };
  const itemStart = before.lastIndexOf(",") + 1;
  const lead = LEADING[site.key].exec(before.slice(itemStart))?.[0].length ?? 0;
  const typedStart = itemStart + lead;
  const segment = before.slice(typedStart);
  const keyValue = KEY_VALUE.exec(segment);
  if (keyValue !== null) {
    const field = keyValue[1] as string;
    return { kind: "value", field, typedStart: typedStart + field.length + 1, typed: segment.slice(field.length + 1) };
  }
  if (NAME_TYPED.test(segment)) return { kind: "name", typedStart, typed: segment };
  return { kind: "none" };
}

export function specCompletions(site: SpecSite, context: SpecCompletionContext): CompletionItem[] {
  const typing = specTyping(site);
  if (typing.kind === "none") return [];
  const replace = specRange(context.analysis, site.spec, typing.typedStart, site.index);
  if (typing.kind === "value") return valueItems(site, typing.field, typing.typed, replace, context);
  const items = nameItems(site, typing.typedStart, replace, context.host);
  if (site.key === "disk") items.push(...positionalItems(site, typing.typedStart, typing.typed, replace, context));
  return items;
}

/** The names the spec already uses outside the item being typed (they are not offered again). */
function namesPresent(site: SpecSite, typedStart: number): Set<string> {
  const text = site.spec.text;
  const itemEnd = text.indexOf(",", typedStart);
  const rest = text.slice(0, typedStart) + (itemEnd < 0 ? "" : text.slice(itemEnd));
  return new Set(rest.split(",").map((item) => item.trim().split("=")[0] ?? ""));
}

function nameItems(site: SpecSite, typedStart: number, replace: Range, host: HostProfile): CompletionItem[] {
  const present = namesPresent(site, typedStart);
  const items: CompletionItem[] = [];
  specFieldNames(site.key, host).forEach((name, i) => {
    const doc = specFieldDoc(site.key, name);
    if (doc === undefined || present.has(name)) return;
    const newText = doc.form === "parameter" ? `${name}=` : name;
    items.push({
      label: newText,
      kind: doc.form === "parameter" ? CompletionItemKind.Property : CompletionItemKind.Keyword,
      detail: `${site.key} ${doc.form}`,
      documentation: { kind: "markdown", value: doc.doc },
      sortText: `1_${String(i).padStart(3, "0")}`,
      filterText: newText,
      textEdit: { range: replace, newText },
    });
  });
  return items;
}

/** The positional field the scanner would fill with the text at the cursor (a probe stands in for nothing typed). */
function positionalSlot(site: SpecSite, typedStart: number, typed: string): PositionalSlot | undefined {
  const probe = site.spec.text.slice(0, typedStart) + (typed === "" ? "x" : typed);
  const tokens = parseDiskSpec(detachedSpecText(probe)).tokens;
  const last = tokens[tokens.length - 1];
  return last?.kind === "positional" && last.span.end === probe.length ? last.slot : undefined;
}

function positionalItems(site: SpecSite, typedStart: number, typed: string, replace: Range, context: SpecCompletionContext): CompletionItem[] {
  const slot = positionalSlot(site, typedStart, typed);
  if (slot === "vdev" || slot === "vdev:devtype") return [vdevItem(site, typed, replace, context, "0_")];
  const field = slot === "format" ? "format" : slot === "access" ? "access" : undefined;
  if (field === undefined) return [];
  const values = specFieldDoc("disk", field)?.values ?? [];
  return values.map((value, i) => enumItem(value, `positional ${field}`, replace, `0_${i}`));
}

function valueItems(site: SpecSite, field: string, typed: string, replace: Range, context: SpecCompletionContext): CompletionItem[] {
  if (site.key === "disk" && field === "vdev") return [vdevItem(site, typed, replace, context, "0_")];
  if (site.key === "vif" && field === "bridge") return bridgeItems(context, replace);
  if (site.key === "vif" && field === "mac") {
    const mac = freshMac(usedMacs(context.analysis, context.workspace, site.assignment), context.random);
    if (mac === undefined) return [];
    return [
      {
        label: mac,
        kind: CompletionItemKind.Value,
        detail: "fresh MAC address",
        documentation: { kind: "markdown", value: "A random address in Xen's range `00:16:3e` that no config of the workspace uses." },
        filterText: typed === "" ? mac : typed,
        textEdit: { range: replace, newText: mac },
      },
    ];
  }
  const values = specFieldDoc(site.key, field)?.values ?? [];
  return values.map((value, i) => enumItem(value, `${field} value`, replace, String(i).padStart(3, "0")));
}

function enumItem(value: string, detail: string, replace: Range, sortText: string): CompletionItem {
  return { label: value, kind: CompletionItemKind.EnumMember, detail, sortText, filterText: value, textEdit: { range: replace, newText: value } };
}

function vdevItem(site: SpecSite, typed: string, replace: Range, context: SpecCompletionContext, sortText: string): CompletionItem {
  const vdev = nextFreeVdev(context.analysis, site.node, typed, site.assignment);
  const info = decodeVdev(vdev);
  return {
    label: vdev,
    kind: CompletionItemKind.Value,
    detail: `next free vdev (device number ${info.deviceNumber})`,
    documentation: { kind: "markdown", value: `The first \`${vdev.startsWith("xvd") ? "xvd" : vdev.slice(0, 2)}\` name no other disk of this file uses.${info.number === undefined ? "" : ` ${info.number.meaning}`}` },
    sortText,
    // The proposal stands even when what is typed is not its prefix (`xvdc` after `xvda`).
    filterText: typed === "" ? vdev : typed,
    textEdit: { range: replace, newText: vdev },
  };
}

function bridgeItems(context: SpecCompletionContext, replace: Range): CompletionItem[] {
  const known = context.host.bridges;
  const bridges = known ?? [context.host.defaultBridge ?? "xenbr0"];
  const detail = known === undefined ? "xl's default bridge (the host's bridges are not known)" : "a bridge of the host";
  return bridges.map((bridge, i) => enumItem(bridge, detail, replace, String(i).padStart(3, "0")));
}
