/**
 * Shared pieces of the device spec parsers: xl cuts its device strings with
 * C's `strtok`, `strchr` and its own `split_string_*` helpers, and each of
 * those has visible quirks (empty fields vanish, only spaces are skipped,
 * a value stops at a second `=`). These helpers reproduce them with spans.
 */
import type { EvalList, EvalValue } from "../evaluate";
import type { SpecField, SpecProblem, SpecText, Span, XlEffect } from "./spec-text";
import { detachedSpecText, specTextOf } from "./spec-text";
import { glibcStrtol, glibcStrtoul, isCSpace, toCInt } from "./c-numbers";

/** A piece of a spec: its text and where it sits in `SpecText.text`. */
export interface SpecSlice {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

export function sliceSpan(piece: { readonly start: number; readonly end: number }): Span {
  return { start: piece.start, end: piece.end };
}

export function sliceField<T>(value: T, piece: { readonly start: number; readonly end: number }): SpecField<T> {
  return { value, span: sliceSpan(piece) };
}

export function makeSlice(text: string, start: number, end: number): SpecSlice {
  return { text: text.slice(start, end), start, end };
}

export function devProblem(code: string, message: string, span: Span, effect: XlEffect): SpecProblem {
  return { code, message, span, effect };
}

/**
 * C's `strtok(text, delims)` over the whole string: runs of delimiters
 * separate tokens and empty tokens never appear.
 */
export function strtokSlices(text: string, delims: string, from = 0, to = text.length): SpecSlice[] {
  const pieces: SpecSlice[] = [];
  let i = from;
  while (i < to) {
    while (i < to && delims.includes(text[i] as string)) i++;
    if (i >= to) break;
    const start = i;
    while (i < to && !delims.includes(text[i] as string)) i++;
    pieces.push(makeSlice(text, start, i));
  }
  return pieces;
}

/** The `while (*p == ' ') p++;` xl applies to each token: spaces only, not tabs. */
export function skipSpaceChars(piece: SpecSlice): SpecSlice {
  let start = piece.start;
  while (start < piece.end && piece.text[start - piece.start] === " ") start++;
  return { text: piece.text.slice(start - piece.start), start, end: piece.end };
}

/** xl's `trim(isspace, …)`: blanks, tabs, newlines, CR, VT and FF on both sides. */
export function trimCSpaceSlice(piece: SpecSlice): SpecSlice {
  let start = piece.start;
  let end = piece.end;
  const at = (i: number): string | undefined => piece.text[i - piece.start];
  while (start < end && isCSpace(at(start))) start++;
  while (end > start && isCSpace(at(end - 1))) end--;
  return { text: piece.text.slice(start - piece.start, end - piece.start), start, end };
}

/** A `key=value` token cut at its first `=` (what `strchr(p, '=')` gives). */
export interface SliceKeyValue {
  readonly key: SpecSlice;
  readonly value: SpecSlice;
  /** The whole token. */
  readonly token: SpecSlice;
}

export function splitSliceAtEquals(token: SpecSlice): SliceKeyValue | undefined {
  const at = token.text.indexOf("=");
  if (at < 0) return undefined;
  return {
    key: { text: token.text.slice(0, at), start: token.start, end: token.start + at },
    value: { text: token.text.slice(at + 1), start: token.start + at + 1, end: token.end },
    token,
  };
}

/**
 * xl 4.17's `split_string_into_pair(str, delim)`: it takes the first two
 * `strtok` runs, so leading delimiters are skipped, a value stops at a second
 * delimiter (`a=b=c` gives `a` and `b`) and an empty side is a failure.
 */
export function splitPairXl417(piece: SpecSlice, delim: string): { readonly first: SpecSlice; readonly second: SpecSlice; readonly dropped: SpecSlice | undefined } | undefined {
  const runs = strtokSlices(piece.text, delim);
  const first = runs[0];
  const second = runs[1];
  const third = runs[2];
  if (!first || !second) return undefined;
  const shift = (p: SpecSlice): SpecSlice => ({ text: p.text, start: p.start + piece.start, end: p.end + piece.start });
  const dropped = third ? { text: piece.text.slice(third.start), start: piece.start + third.start, end: piece.end } : undefined;
  return { first: shift(first), second: shift(second), dropped };
}

/** One item of a list value as xl sees it: a string, or a nested list. */
export type SpecItem =
  | { readonly kind: "string"; readonly spec: SpecText }
  | { readonly kind: "list"; readonly items: readonly SpecItem[] };

/**
 * A problem found in a list value. `path` gives the item it is about
 * (`[2]` = third item, `[1, 0]` = first item of the second item, `[]` = the
 * value as a whole); the span indexes that item's text, and is empty when
 * the item is a list or the problem is about the whole value.
 */
export interface ListProblem extends SpecProblem {
  readonly path: readonly number[];
}

export function problemAtPath(path: readonly number[], found: SpecProblem): ListProblem {
  return { ...found, path };
}

const EMPTY_SPAN: Span = { start: 0, end: 0 };

export function makeListProblem(path: readonly number[], code: string, message: string, effect: XlEffect, span: Span = EMPTY_SPAN): ListProblem {
  return { code, message, span, effect, path };
}

/** The items of an evaluated list, each string mapped back to the file. */
export function specItemsOf(list: EvalList): SpecItem[] {
  return list.items.map(specItemOf);
}

function specItemOf(value: EvalValue): SpecItem {
  if (value.kind === "list") return { kind: "list", items: specItemsOf(value) };
  const atom = value.parts.length === 1 ? value.parts[0] : undefined;
  if (atom?.kind === "string") return { kind: "string", spec: specTextOf(atom) };
  if (atom?.kind === "number") return { kind: "string", spec: detachedSpecText(atom.raw, atom.range.start.offset) };
  return { kind: "string", spec: detachedSpecText(value.value) };
}

/** Items for tests and callers without a file: strings and nested arrays. */
export type PlainItem = string | readonly PlainItem[];

export function detachedItems(items: readonly PlainItem[]): SpecItem[] {
  return items.map((item) => (typeof item === "string" ? { kind: "string", spec: detachedSpecText(item) } : { kind: "list", items: detachedItems(item) }));
}

/** A string item together with its index in the list. */
export interface IndexedSpecItem {
  readonly index: number;
  readonly spec: SpecText;
}

/**
 * The items xl reads with `xlu_cfg_get_listitem` in a `while (item != NULL)`
 * loop: it stops at the first item that is not a string, so that item and
 * every later one are dropped without a word.
 */
export function stringItemsUntilList(items: readonly SpecItem[], key: string, problems: ListProblem[]): IndexedSpecItem[] {
  const out: IndexedSpecItem[] = [];
  for (const [index, item] of items.entries()) {
    if (item.kind === "list") {
      const dropped = items.length - index;
      problems.push(
        makeListProblem(
          [index],
          "nested-list-item",
          `item ${index + 1} of \`${key}\` is a list, not a string: xl stops reading \`${key}\` there and silently drops it and the ${dropped - 1} item(s) after it; write each device as one quoted string`,
          "silent",
        ),
      );
      break;
    }
    out.push({ index, spec: item.spec });
  }
  return out;
}

/** Shows a piece of text in a message, visibly even when empty or blank. */
export function quoteForMessage(text: string): string {
  return text === "" ? "(empty)" : `\`${text}\``;
}

/** The `key=value` tokens of a spec read by xl's `strtok` + `strchr('=')` loops. */
export interface KeyValueSlices {
  readonly pairs: readonly SliceKeyValue[];
  /** The first token without `=`: xl's loop `break`s there and ignores the rest. */
  readonly stoppedAt: SpecSlice | undefined;
}

/**
 * The loop xl uses for vtpm, p9, pvcalls and vfb: cut at commas, skip
 * leading spaces, stop at the first token that has no `=`.
 */
export function keyValueSlices(spec: SpecText): KeyValueSlices {
  const pairs: SliceKeyValue[] = [];
  for (const raw of strtokSlices(spec.text, ",")) {
    const token = skipSpaceChars(raw);
    const kv = splitSliceAtEquals(token);
    if (!kv) return { pairs, stoppedAt: { text: spec.text.slice(token.start), start: token.start, end: spec.text.length } };
    pairs.push(kv);
  }
  return { pairs, stoppedAt: undefined };
}

/** The silent stop at a token without `=`, worded for the device `what`. */
export function stoppedAtTokenProblem(stoppedAt: SpecSlice, what: string): SpecProblem {
  const word = stoppedAt.text.split(",")[0] ?? "";
  return devProblem(
    "token-without-equals",
    `${quoteForMessage(word)} has no \`=\`: xl stops reading this ${what} there and silently ignores it and everything after it; write it as key=value`,
    sliceSpan(stoppedAt),
    "silent",
  );
}

/** Keeps the last value of each key (as xl does) and flags the earlier ones. */
export function noteRepeatedKey(seen: Map<string, SpecSlice>, key: SpecSlice, what: string, problems: SpecProblem[]): void {
  const earlier = seen.get(key.text);
  if (earlier) {
    problems.push(
      devProblem(
        "repeated-key",
        `\`${key.text}\` is given more than once in this ${what}: xl silently keeps only the last value; remove the extra one`,
        sliceSpan(key),
        "silent",
      ),
    );
  }
  seen.set(key.text, key);
}

/** An empty `backend=`: libxl reads the empty name as a domain id, i.e. domain 0. */
export function emptyBackendProblem(value: SpecSlice, what: string): SpecProblem | undefined {
  if (value.text !== "") return undefined;
  return devProblem(
    "empty-backend",
    `the ${what} backend is empty: libxl reads an empty name as domain 0, which may not be what you meant; name the backend domain or drop \`backend=\``,
    sliceSpan(value),
    "silent",
  );
}

/** `MATCH_OPTION(key, token, oparg)`: the token starts with `key=`; gives the value after it. */
export function matchXlOption(token: SpecSlice, key: string): SpecSlice | undefined {
  if (!token.text.startsWith(`${key}=`)) return undefined;
  const at = key.length + 1;
  return { text: token.text.slice(at), start: token.start + at, end: token.end };
}

/** Flags what a C number reader silently made of `value` (nothing read, or junk after the digits). */
function noteSloppyNumber(value: SpecSlice, key: string, end: number, shown: string, problems: SpecProblem[]): void {
  if (end === 0) {
    problems.push(
      devProblem("not-a-number", `${key}=${quoteForMessage(value.text)} is not a number: xl reads it as 0 without a word; write a number`, sliceSpan(value), "silent"),
    );
  } else if (end < value.text.length) {
    problems.push(
      devProblem(
        "number-with-junk",
        `xl reads ${key}=${quoteForMessage(value.text)} as ${shown} and silently ignores ${quoteForMessage(value.text.slice(end))}; write just the number`,
        { start: value.start + end, end: value.end },
        "silent",
      ),
    );
  }
}

/** `atoi(value)` as xl uses it for device numbers and on/off flags. */
export function readAtoiValue(value: SpecSlice, key: string, problems: SpecProblem[]): number {
  const read = glibcStrtol(value.text, 0, 10);
  const number = toCInt(read.value);
  noteSloppyNumber(value, key, read.end, String(number), problems);
  return number;
}

/**
 * `strtoul(value, NULL, 0)` stored into an unsigned field of `bits` bits
 * (decimal, 0x hex or 0 octal; junk after the digits ignored; the result cut
 * to the field's width, which xl does silently).
 */
export function readStrtoulValue(value: SpecSlice, key: string, bits: 1 | 8 | 32 | 64, problems: SpecProblem[]): bigint {
  const read = glibcStrtoul(value.text, 0, 0);
  const stored = bits === 1 ? (read.value !== 0n ? 1n : 0n) : BigInt.asUintN(bits, read.value);
  noteSloppyNumber(value, key, read.end, String(stored), problems);
  if (read.end > 0 && bits !== 1 && stored !== read.value) {
    problems.push(
      devProblem(
        "number-truncated",
        `${key}=${quoteForMessage(value.text)} does not fit in ${bits} bits: xl silently keeps ${stored}; write a smaller number`,
        sliceSpan(value),
        "silent",
      ),
    );
  }
  return stored;
}
