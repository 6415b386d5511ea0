/**
 * Document symbols (the outline): one symbol per assignment, in file order,
 * named by its key with a short form of its value as detail; the items of a
 * list are its children. A vif item is named by its MAC (else its bridge), a
 * disk item by `vdev → target`, other items by their text, so the outline
 * reads like the guest's hardware.
 */
import { SymbolKind, type DocumentSymbol } from "vscode-languageserver";
import type { Assignment, Value } from "@xlint/parser";
import { assignmentsOf, type DocumentAnalysis } from "./document-analysis";
import { diskOfAtom, vifOfAtom, type Atom } from "./device-items";
import { editorRange } from "./editor-positions";

/** Long values are cut in the outline; the editor shows the line itself. */
const DETAIL_LENGTH = 60;

export function documentSymbols(analysis: DocumentAnalysis): DocumentSymbol[] {
  return assignmentsOf(analysis).map((assignment) => assignmentSymbol(analysis, assignment));
}

function assignmentSymbol(analysis: DocumentAnalysis, assignment: Assignment): DocumentSymbol {
  const value = assignment.value;
  const symbol: DocumentSymbol = {
    // Editors refuse a symbol with an empty name; a key is never empty, but a broken one may be.
    name: assignment.key.name === "" ? "(no key)" : assignment.key.name,
    kind: kindOf(value),
    range: editorRange(analysis, assignment.range),
    selectionRange: editorRange(analysis, assignment.key.range),
  };
  const detail = value === undefined ? undefined : shorten(value.kind === "list" ? `[${value.items.length} item${value.items.length === 1 ? "" : "s"}]` : value.raw);
  if (detail !== undefined) symbol.detail = detail;
  if (value?.kind === "list") symbol.children = value.items.map((item, index) => itemSymbol(analysis, assignment.key.name, item, index));
  return symbol;
}

function itemSymbol(analysis: DocumentAnalysis, key: string, item: Value, index: number): DocumentSymbol {
  const range = editorRange(analysis, item.range);
  const symbol: DocumentSymbol = { name: `#${index + 1}`, kind: kindOf(item), range, selectionRange: range };
  if (item.kind === "list") {
    symbol.children = item.items.map((inner, i) => itemSymbol(analysis, key, inner, i));
    return symbol;
  }
  if (item.kind === "invalid") {
    symbol.name = shorten(item.raw) || symbol.name;
    return symbol;
  }
  const named = key === "vif" ? vifName(analysis, item) : key === "disk" ? diskName(analysis, item) : undefined;
  symbol.name = named ?? (shorten(item.kind === "string" ? item.value : item.raw) || symbol.name);
  if (named !== undefined) symbol.detail = shorten(item.kind === "string" ? item.value : item.raw);
  return symbol;
}

/** `mac (bridge)`, the MAC alone, or `bridge br0`; undefined when the vif names neither. */
function vifName(analysis: DocumentAnalysis, atom: Atom): string | undefined {
  const { vif } = vifOfAtom(analysis, atom);
  const mac = vif.mac?.value.address?.canonical ?? vif.mac?.value.text;
  const bridge = vif.bridge?.value;
  if (mac !== undefined && mac !== "") return bridge === undefined || bridge === "" ? mac : `${mac} (${bridge})`;
  if (bridge !== undefined && bridge !== "") return `bridge ${bridge}`;
  return undefined;
}

/** `xvda → /dev/vg/guest`; undefined when the disk names neither. */
function diskName(analysis: DocumentAnalysis, atom: Atom): string | undefined {
  const { disk } = diskOfAtom(analysis, atom);
  const vdev = disk.disk.vdev;
  const target = disk.disk.target;
  if (vdev === undefined && (target === undefined || target === "")) return undefined;
  return shorten(`${vdev ?? "?"} → ${target === undefined || target === "" ? "(empty)" : target}`);
}

function kindOf(value: Value | undefined): SymbolKind {
  switch (value?.kind) {
    case "list":
      return SymbolKind.Array;
    case "string":
      return SymbolKind.String;
    case "number":
      return SymbolKind.Number;
    default:
      return SymbolKind.Property;
  }
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, " ");
  return flat.length <= DETAIL_LENGTH ? flat : `${flat.slice(0, DETAIL_LENGTH - 1)}…`;
}
