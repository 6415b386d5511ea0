/**
 * Reading settings the way xl_parse.c reads them, with the source ranges a
 * rule needs to point at. Every accessor returns undefined rather than
 * guessing when the value has another shape; shape problems are the
 * business of the value-shape rules.
 */
import { fileCache } from "../../engine/file-caches";
import {
  fileRangeOf,
  readXlNumber,
  specTextOf,
  detachedSpecText,
  xlNumberOptionsFor,
  type EvalValue,
  type Evaluation,
  type NumberValue,
  type Range,
  type Setting,
  type Span,
  type SpecText,
  type StringValue,
  type XlNumber,
} from "@xlint/parser";
import type { FileContext } from "../../engine/types";

/**
 * Readings shared by all the rules of a file: dozens of rules ask for the
 * same settings, and decoding them once per file instead of once per rule
 * is a large part of linting speed. The readings are immutable.
 */
const stringReadings = fileCache<Map<string, StringSetting | undefined>>();
const numberReadings = fileCache<Map<string, NumberSetting | undefined>>();

function memoPerFile<T>(cache: WeakMap<Evaluation, Map<string, T>>, context: FileContext, key: string, compute: () => T): T {
  let memo = cache.get(context.evaluation);
  if (!memo) {
    memo = new Map();
    cache.set(context.evaluation, memo);
  }
  if (memo.has(key)) return memo.get(key) as T;
  const value = compute();
  memo.set(key, value);
  return value;
}

/** The range covering all the atoms a string setting was joined from (`+=`). */
export function rangeOfString(value: EvalValue): Range | undefined {
  if (value.kind !== "string") return rangeOfValue(value);
  const first = value.parts[0];
  const last = value.parts[value.parts.length - 1];
  return first && last ? joinedRange(first.range, last.range) : undefined;
}

/**
 * From the start of one range to the end of another, worked out only when
 * asked: most readings never become findings, and each position costs a
 * lookup in the file's line index.
 */
class JoinedRange implements Range {
  constructor(
    private readonly from: Range,
    private readonly to: Range,
  ) {}

  get start(): Range["start"] {
    return this.from.start;
  }

  get end(): Range["end"] {
    return this.to.end;
  }

  toJSON(): { start: Range["start"]; end: Range["end"] } {
    return { start: this.start, end: this.end };
  }
}

function joinedRange(from: Range, to: Range): Range {
  return from === to ? from : new JoinedRange(from, to);
}

/** The range of any evaluated value (a list: its literal; appended lists: from the first to the last). */
export function rangeOfValue(value: EvalValue): Range | undefined {
  if (value.kind === "string") return rangeOfString(value);
  const first = value.sources[0];
  const last = value.sources[value.sources.length - 1];
  return first && last ? joinedRange(first.range, last.range) : undefined;
}

/** Where a setting was last written: its value, or the key when the value is empty. */
export function settingRange(setting: Setting): Range {
  const last = setting.assignments[setting.assignments.length - 1];
  return rangeOfValue(setting.value) ?? (last as NonNullable<typeof last>).range;
}

/** The key of the last assignment, for findings about the key itself. */
export function keyRange(setting: Setting): Range {
  const last = setting.assignments[setting.assignments.length - 1];
  return (last as NonNullable<typeof last>).key.range;
}

export interface StringSetting {
  readonly value: string;
  readonly range: Range;
  /** The spec text mapped to the file, when the value is a single atom. */
  readonly spec: SpecText | undefined;
}

/** A setting xl reads as a single string (xlu_cfg_get_string); undefined for a list or an absent key. */
export function stringSetting(context: FileContext, key: string): StringSetting | undefined {
  return memoPerFile(stringReadings, context, key, () => readStringSetting(context, key));
}

function readStringSetting(context: FileContext, key: string): StringSetting | undefined {
  const setting = context.setting(key);
  if (!setting || setting.value.kind !== "string") return undefined;
  const range = rangeOfString(setting.value) ?? settingRange(setting);
  const parts = setting.value.parts;
  const spec = parts.length === 1 ? specOfAtom(parts[0] as StringValue | NumberValue) : undefined;
  return { value: setting.value.value, range, spec };
}

/** The spec text of one atom: strings map through their escapes, numbers are their text. */
export function specOfAtom(atom: StringValue | NumberValue): SpecText {
  if (atom.kind === "string") return specTextOf(atom);
  return detachedSpecText(atom.raw, atom.range.start.offset);
}

export interface NumberSetting extends XlNumber {
  readonly text: string;
  readonly range: Range;
}

/** A setting xl reads as a number (xlu_cfg_get_long), with what xl makes of it. */
export function numberSetting(context: FileContext, key: string): NumberSetting | undefined {
  return memoPerFile(numberReadings, context, key, () => readNumberSetting(context, key));
}

function readNumberSetting(context: FileContext, key: string): NumberSetting | undefined {
  const setting = context.setting(key);
  if (!setting || setting.value.kind !== "string") return undefined;
  const read = readXlNumber(setting.value.value, xlNumberOptionsFor(key, setting.operator));
  return { ...read, text: setting.value.value, range: rangeOfString(setting.value) ?? settingRange(setting) };
}

/** A numeric setting's value when xl can use it, as a JS number (undefined otherwise). */
export function numberValue(context: FileContext, key: string): number | undefined {
  const read = numberSetting(context, key);
  return read?.value === undefined ? undefined : Number(read.value);
}

export interface ListItem {
  readonly index: number;
  readonly value: EvalValue;
  readonly range: Range;
  /** The spec text of a string item, mapped to the file. */
  readonly spec: SpecText | undefined;
}

/** The items of a list setting (xlu_cfg_get_list); undefined when absent or a string. */
export function listItems(context: FileContext, key: string): ListItem[] | undefined {
  const setting = context.setting(key);
  if (!setting || setting.value.kind !== "list") return undefined;
  return setting.value.items.map((value, index) => {
    const atom = value.kind === "string" && value.parts.length === 1 ? (value.parts[0] as StringValue | NumberValue) : undefined;
    return {
      index,
      value,
      range: rangeOfValue(value) ?? settingRange(setting),
      spec: atom ? specOfAtom(atom) : undefined,
    };
  });
}

/** The file range of a span inside a spec. */
export function spanRange(context: FileContext, spec: SpecText, span: Span): Range {
  return fileRangeOf(spec, span, context.parse.lines);
}

/** Whether the key is set at all (any shape). */
export function isSet(context: FileContext, key: string): boolean {
  return context.setting(key) !== undefined;
}
