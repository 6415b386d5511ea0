/**
 * Selection ranges (expand selection): from the cursor outwards, the spec
 * field (a vif's `xenbr0`, a disk's `xvda`) or the word inside a string, the
 * spec's `key=value` item, the string's text, the string with its quotes
 * (the list item), each enclosing list, and the whole assignment. Ranges are
 * built from offsets and turned into positions at the end, so each one
 * strictly holds the one before, as LSP requires.
 */
import type { SelectionRange } from "vscode-languageserver";
import type { Value } from "@xlint/parser";
import { assignmentsOf, type DocumentAnalysis } from "./document-analysis";
import { editorOffsetsRange } from "./editor-positions";
import { diskOfAtom, specRange, vifOfAtom, type Atom } from "./device-items";

type Span = readonly [start: number, end: number];

export function selectionRanges(analysis: DocumentAnalysis, offsets: readonly number[]): SelectionRange[] {
  return offsets.map((offset) => chainAt(analysis, offset));
}

function chainAt(analysis: DocumentAnalysis, offset: number): SelectionRange {
  const spans = spansAround(analysis, offset).sort((a, b) => b[1] - b[0] - (a[1] - a[0]));
  let chain: SelectionRange | undefined;
  let outer: Span | undefined;
  for (const span of spans) {
    const nested = outer === undefined || (outer[0] <= span[0] && span[1] <= outer[1] && (outer[0] !== span[0] || outer[1] !== span[1]));
    if (!nested) continue;
    chain = chain === undefined ? { range: rangeOf(analysis, span) } : { range: rangeOf(analysis, span), parent: chain };
    outer = span;
  }
  return chain ?? { range: rangeOf(analysis, [offset, offset]) };
}

function rangeOf(analysis: DocumentAnalysis, [start, end]: Span): SelectionRange["range"] {
  return editorOffsetsRange(analysis, start, end);
}

const holds = (start: number, end: number, offset: number): boolean => start <= offset && offset <= end;

/** Every span holding `offset` (outermost to innermost, in no set order). */
function spansAround(analysis: DocumentAnalysis, offset: number): Span[] {
  const spans: Span[] = [];
  for (const comment of analysis.parse.file.comments) {
    if (holds(comment.range.start.offset, comment.range.end.offset, offset)) spans.push([comment.range.start.offset, comment.range.end.offset]);
  }
  for (const assignment of assignmentsOf(analysis)) {
    const { start, end } = assignment.range;
    if (!holds(start.offset, end.offset, offset)) continue;
    spans.push([start.offset, end.offset]);
    const key = assignment.key.range;
    if (holds(key.start.offset, key.end.offset, offset)) spans.push([key.start.offset, key.end.offset]);
    addValueSpans(analysis, assignment.key.name, assignment.value, offset, spans);
  }
  return spans;
}

function addValueSpans(analysis: DocumentAnalysis, key: string, value: Value | undefined, offset: number, spans: Span[]): void {
  if (value === undefined || !holds(value.range.start.offset, value.range.end.offset, offset)) return;
  spans.push([value.range.start.offset, value.range.end.offset]);
  if (value.kind === "list") {
    for (const item of value.items) addValueSpans(analysis, key, item, offset, spans);
    return;
  }
  if (value.kind !== "string") return;
  const inner: Span = [value.range.start.offset + 1, value.range.end.offset - 1];
  if (!holds(inner[0], inner[1], offset)) return;
  spans.push(inner);
  const specSpans = key === "vif" ? vifSpans(analysis, value) : key === "disk" ? diskSpans(analysis, value) : [];
  const inSpec = specSpans.filter(([s, e]) => holds(s, e, offset));
  if (inSpec.length > 0) spans.push(...inSpec);
  else spans.push(...wordAt(analysis.text, inner, offset));
}

/** Each vif item (`bridge=xenbr0`), its key and its value, as file offsets. */
function vifSpans(analysis: DocumentAnalysis, atom: Atom): Span[] {
  const { spec, vif } = vifOfAtom(analysis, atom);
  const toFile = (span: { start: number; end: number }): Span => {
    const range = specRange(analysis, spec, span);
    return [range.start.offset, range.end.offset];
  };
  return vif.tokens.flatMap((token) => [token.span, token.keySpan, token.value?.span].filter((s) => s !== undefined && s.end > s.start).map((s) => toFile(s as { start: number; end: number })));
}

/** Each disk item (`vdev=xvda`, a positional field, a prefix), and its value, as file offsets. */
function diskSpans(analysis: DocumentAnalysis, atom: Atom): Span[] {
  const { spec, disk } = diskOfAtom(analysis, atom);
  const toFile = (span: { start: number; end: number }): Span => {
    const range = specRange(analysis, spec, span);
    return [range.start.offset, range.end.offset];
  };
  const spans: Span[] = [];
  for (const token of disk.tokens) {
    if (token.kind === "blank") continue;
    // A token's span takes its trailing comma; the item the user means ends before it.
    const end = disk.text[token.span.end - 1] === "," ? token.span.end - 1 : token.span.end;
    if (end > token.span.start) spans.push(toFile({ start: token.span.start, end }));
    if (token.valueSpan !== undefined && token.valueSpan.end > token.valueSpan.start) spans.push(toFile(token.valueSpan));
  }
  return spans;
}

/** The run of characters around `offset` up to a blank, comma or the string's edge (a word of `extra`, a path). */
function wordAt(text: string, [start, end]: Span, offset: number): Span[] {
  const boundary = /[\s,;"']/;
  let from = offset;
  while (from > start && !boundary.test(text[from - 1] as string)) from--;
  let to = offset;
  while (to < end && !boundary.test(text[to] as string)) to++;
  return to > from ? [[from, to]] : [];
}
