/**
 * The text of a spec string (a disk, vif, pci … item) together with where each
 * of its characters sits in the config file, so that a spec parser can work on
 * the decoded value and still point a diagnostic at the exact characters
 * (`w!` inside `'phy:/dev/x,xvda,w!'`), escapes included.
 */
import type { Range, StringValue } from "../ast";
import type { LineIndex } from "../positions";
import { decodeXlStringWithOffsets } from "../strings";

/** A half-open span of character indices into a SpecText's `text`. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface SpecText {
  /** The value as xl sees it (escapes decoded). */
  readonly text: string;
  /**
   * File offset of each character of `text`, plus one entry for the end.
   * Undefined when the text is not from a file: offsets then equal indices
   * plus `base`.
   */
  readonly fileOffsets: readonly number[] | undefined;
  readonly base: number;
  /** True when the text is the inside of a quoted string of the file (so its characters can be edited there). */
  readonly quoted?: boolean;
}

/** A spec that does not come from a file (a CLI argument, a test): offsets are indices. */
export function detachedSpecText(text: string, base = 0): SpecText {
  return { text, fileOffsets: undefined, base };
}

/** The spec inside a quoted string of the file, mapped back to the file. */
export function specTextOf(node: StringValue): SpecText {
  const start = node.range.start.offset;
  // Without escapes each character sits one place after the quote: no table needed.
  // (Nearly every string is like that, and a run over thousands of files makes millions of them.)
  if (!node.raw.includes("\\")) return { text: node.raw.slice(1, node.raw.length - 1), fileOffsets: undefined, base: start + 1, quoted: true };
  const decoded = decodeXlStringWithOffsets(node.raw);
  return { text: decoded.value, fileOffsets: decoded.rawIndex.map((i) => start + i), base: 0, quoted: true };
}

/** The file offset of character `index` of the spec (`text.length` is its end). */
export function fileOffsetOf(spec: SpecText, index: number): number {
  if (!spec.fileOffsets) return spec.base + index;
  const clamped = Math.max(0, Math.min(index, spec.fileOffsets.length - 1));
  return spec.fileOffsets[clamped] as number;
}

/**
 * The file range covering `span`. An empty span at the end of a character
 * run stays empty; a span ending on an escape covers the whole escape.
 */
export function fileRangeOf(spec: SpecText, span: Span, lines: LineIndex): Range {
  const start = fileOffsetOf(spec, span.start);
  const end = span.end > span.start ? fileOffsetOf(spec, span.end - 1) + rawLengthAt(spec, span.end - 1) : start;
  return lines.range(start, end);
}

/** How many file characters produced character `index` (2 for `\n`, 1 otherwise). */
function rawLengthAt(spec: SpecText, index: number): number {
  if (!spec.fileOffsets) return 1;
  const here = spec.fileOffsets[index];
  const next = spec.fileOffsets[index + 1];
  if (here === undefined || next === undefined) return 1;
  return Math.max(1, next - here);
}

/** A value read from a spec, with the span it came from. */
export interface SpecField<T> {
  readonly value: T;
  readonly span: Span;
}

/**
 * What xl does about a problem:
 * - `fatal`: `xl create` refuses the config while parsing it;
 * - `libxl-fatal`: xl parses it, then libxl refuses to create the domain;
 * - `warning`: xl prints a message and goes on (the setting may be dropped);
 * - `silent`: xl says nothing and ignores or misreads the value;
 * - `guest`: the domain is created, and the guest or host misbehaves.
 */
export type XlEffect = "fatal" | "libxl-fatal" | "warning" | "silent" | "guest";

/** A problem found by a spec parser, described in our words. */
export interface SpecProblem {
  /** Stable kebab-case id, unique within the spec kind (`unknown-access`). */
  readonly code: string;
  /** What is wrong, why it matters, what to do. */
  readonly message: string;
  readonly span: Span;
  readonly effect: XlEffect;
}
