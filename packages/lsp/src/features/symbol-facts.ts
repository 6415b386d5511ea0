/**
 * `symbolFactsOf(analysis)`: the values of one config that name something
 * across files (the guest's `name` and `uuid`, each vif's MAC and bridge,
 * each disk's target), with where each is written. Workspace symbols and
 * references read these for every config of the workspace (the workspace
 * index calls this for each file on disk), so it reads only the settings xl
 * uses, parses each vif and disk spec once, and never throws: a value xl
 * cannot read is left out rather than guessed.
 *
 * Values are compared as xl reads them: a MAC is canonical (lower case,
 * colons, two digits per octet, the address xl ends up with, so `mac=` items
 * xl fills with a random address have none); names, bridges and disk targets
 * are as written; a valid UUID is lower case.
 */
import { formatMac, parseUuid, type Range, type Setting } from "@xlint/parser";
import type { Range as LspRange } from "vscode-languageserver";
import type { SymbolFact, SymbolPlace, WorkspaceSymbolKind } from "../workspace/workspace-view";
import type { DocumentAnalysis } from "./document-analysis";
import { editorOffsetsRange } from "./editor-positions";
import { diskItemsOf, specOfAtom, specRange, vifItemsOf, type Atom } from "./device-items";

export function symbolFactsOf(analysis: DocumentAnalysis): SymbolFact[] {
  try {
    return collectFacts(analysis);
  } catch {
    // A bug of ours in one file must not cost the index the others; that file then names nothing.
    return [];
  }
}

function collectFacts(analysis: DocumentAnalysis): SymbolFact[] {
  if (analysis.kind !== "domain") return [];
  const facts: SymbolFact[] = [];
  const add = (kind: WorkspaceSymbolKind, value: string, range: Range, item?: number): void => {
    if (value === "") return;
    const place = placeOf(analysis, range);
    facts.push(item === undefined ? { kind, value, place } : { kind, value, place, item });
  };

  const name = stringSetting(analysis, analysis.evaluation.settings.get("name"));
  if (name !== undefined) add("guest-name", name.value, name.range);

  const uuid = stringSetting(analysis, analysis.evaluation.settings.get("uuid"));
  if (uuid !== undefined) {
    const atom = singleAtom(analysis.evaluation.settings.get("uuid"));
    const parsed = atom === undefined ? undefined : parseUuid(specOfAtom(atom)).value?.value;
    add("uuid", parsed ?? uuid.value, uuid.range);
  }

  for (const item of vifItemsOf(analysis)) {
    const { vif, spec } = item;
    const octets = vif.xlMac;
    if (vif.mac !== undefined && octets !== undefined && octets.some((o) => o !== 0)) {
      add("mac", formatMac(octets), specRange(analysis, spec, vif.mac.span), item.index);
    }
    if (vif.bridge !== undefined) add("bridge", vif.bridge.value, specRange(analysis, spec, vif.bridge.span), item.index);
  }

  for (const item of diskItemsOf(analysis)) {
    const target = item.disk.fields.target;
    if (target !== undefined && item.disk.disk.target !== undefined) add("disk-target", item.disk.disk.target, specRange(analysis, item.spec, target.span), item.index);
  }
  return facts;
}

function singleAtom(setting: Setting | undefined): Atom | undefined {
  if (setting === undefined || setting.value.kind !== "string" || setting.value.parts.length !== 1) return undefined;
  return setting.value.parts[0];
}

/** A string setting's value and where it is written: inside the quotes for one string, across the parts `+=` joined otherwise. */
function stringSetting(analysis: DocumentAnalysis, setting: Setting | undefined): { value: string; range: Range } | undefined {
  if (setting === undefined || setting.value.kind !== "string") return undefined;
  const parts = setting.value.parts;
  const first = parts[0];
  const last = parts[parts.length - 1];
  if (first === undefined || last === undefined) return undefined;
  if (parts.length === 1) {
    const spec = specOfAtom(first);
    return { value: setting.value.value, range: specRange(analysis, spec, { start: 0, end: spec.text.length }) };
  }
  return { value: setting.value.value, range: analysis.parse.lines.range(first.range.start.offset, last.range.end.offset) };
}

/** Lines and columns as the editor counts them (the parser's, unless the text holds a lone `\r`: editor-positions.ts). */
function placeOf(analysis: DocumentAnalysis, range: Range): SymbolPlace {
  const startOffset = range.start.offset;
  const endOffset = range.end.offset;
  const { start, end } = editorOffsetsRange(analysis, startOffset, endOffset);
  return { startOffset, startLine: start.line, startColumn: start.character, endOffset, endLine: end.line, endColumn: end.character };
}

/** A fact's place as an LSP range. */
export function lspRangeOfPlace(place: SymbolPlace): LspRange {
  return { start: { line: place.startLine, character: place.startColumn }, end: { line: place.endLine, character: place.endColumn } };
}
