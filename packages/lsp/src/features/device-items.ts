/**
 * The vif and disk items of a document, read by the spec parsers the way xl
 * reads them, shared by the navigation features (symbols, tokens, links,
 * hints, references). Each string atom is parsed at most once per analysis:
 * a document's analysis is cached per version, so a burst of requests on one
 * version (symbols, tokens, hints all come together when a file opens)
 * parses its specs once.
 */
import {
  detachedSpecText,
  fileRangeOf,
  parseDiskSpec,
  parseVifSpec,
  specTextOf,
  type DiskSpecResult,
  type NumberValue,
  type Range,
  type Setting,
  type Span,
  type SpecText,
  type StringValue,
  type VifSpec,
} from "@xlint/parser";
import type { DocumentAnalysis } from "./document-analysis";

export type Atom = StringValue | NumberValue;

export interface VifItem {
  /** Position in the list xl reads (after `+=` joined the literals). */
  readonly index: number;
  readonly atom: Atom;
  readonly spec: SpecText;
  readonly vif: VifSpec;
}

export interface DiskItem {
  readonly index: number;
  readonly atom: Atom;
  readonly spec: SpecText;
  readonly disk: DiskSpecResult;
}

/** The spec text of one atom: a string maps through its escapes, a number is its own text. */
export function specOfAtom(atom: Atom): SpecText {
  return atom.kind === "string" ? specTextOf(atom) : detachedSpecText(atom.raw, atom.range.start.offset);
}

/** The file range of `span` inside an atom's spec. */
export function specRange(analysis: DocumentAnalysis, spec: SpecText, span: Span): Range {
  return fileRangeOf(spec, span, analysis.parse.lines);
}

interface ParsedAtoms {
  readonly vifs: Map<Atom, { spec: SpecText; vif: VifSpec }>;
  readonly disks: Map<Atom, { spec: SpecText; disk: DiskSpecResult }>;
}

const parsedByAnalysis = new WeakMap<DocumentAnalysis, ParsedAtoms>();

function parsedAtoms(analysis: DocumentAnalysis): ParsedAtoms {
  let parsed = parsedByAnalysis.get(analysis);
  if (parsed === undefined) {
    parsed = { vifs: new Map(), disks: new Map() };
    parsedByAnalysis.set(analysis, parsed);
  }
  return parsed;
}

/** One vif atom read as xl reads it (cached per analysis). */
export function vifOfAtom(analysis: DocumentAnalysis, atom: Atom): { spec: SpecText; vif: VifSpec } {
  const cache = parsedAtoms(analysis).vifs;
  let known = cache.get(atom);
  if (known === undefined) {
    const spec = specOfAtom(atom);
    known = { spec, vif: parseVifSpec(spec) };
    cache.set(atom, known);
  }
  return known;
}

/** One disk atom read as xl reads it (cached per analysis). */
export function diskOfAtom(analysis: DocumentAnalysis, atom: Atom): { spec: SpecText; disk: DiskSpecResult } {
  const cache = parsedAtoms(analysis).disks;
  let known = cache.get(atom);
  if (known === undefined) {
    const spec = specOfAtom(atom);
    known = { spec, disk: parseDiskSpec(spec) };
    cache.set(atom, known);
  }
  return known;
}

/** The single-atom items of a list setting, with their index (a plain string or a nested list is not a device). */
function listAtoms(setting: Setting | undefined): { index: number; atom: Atom }[] {
  if (setting === undefined || setting.value.kind !== "list") return [];
  const out: { index: number; atom: Atom }[] = [];
  setting.value.items.forEach((item, index) => {
    if (item.kind === "string" && item.parts.length === 1) out.push({ index, atom: item.parts[0] as Atom });
  });
  return out;
}

/** The vifs xl creates: the items of the `vif` setting as xl stores it. */
export function vifItemsOf(analysis: DocumentAnalysis): VifItem[] {
  return listAtoms(analysis.evaluation.settings.get("vif")).map(({ index, atom }) => ({ index, atom, ...vifOfAtom(analysis, atom) }));
}

/** The disks xl creates: the items of the `disk` setting as xl stores it. */
export function diskItemsOf(analysis: DocumentAnalysis): DiskItem[] {
  return listAtoms(analysis.evaluation.settings.get("disk")).map(({ index, atom }) => ({ index, atom, ...diskOfAtom(analysis, atom) }));
}
