/**
 * The list items of a cpupool's `cpus` and `nodes` as `xl cpupool-create`
 * reads them: each with C's `atoi`, which takes the leading decimal number
 * and ignores the rest (`"2-3"` is 2, `"abc"` is 0), and only up to the
 * first item that is not a string (`xlu_cfg_get_listitem` then returns
 * NULL and the loop ends).
 */
import { glibcAtoi, glibcStrtol, type Range } from "@xlint/parser";
import type { FileContext } from "../../engine/types";
import { listItems } from "../util/settings";

export interface PoolNumber {
  readonly index: number;
  readonly text: string;
  readonly range: Range;
  /** What `atoi` makes of the item. */
  readonly value: number;
  /** False when the item is more than a plain decimal number, so `atoi` read only part of it (or none). */
  readonly exact: boolean;
}

export interface PoolNumberList {
  /** The items xl reads, in order. */
  readonly read: readonly PoolNumber[];
  /** The first item that is not a string, where xl stops reading. */
  readonly stop: { readonly index: number; readonly range: Range } | undefined;
}

/** How xl reads the list `key`, or undefined when it is not set as a list. */
export function poolNumberList(context: FileContext, key: "cpus" | "nodes"): PoolNumberList | undefined {
  const items = listItems(context, key);
  if (!items) return undefined;
  const read: PoolNumber[] = [];
  for (const item of items) {
    if (item.value.kind !== "string") return { read, stop: { index: item.index, range: item.range } };
    const text = item.value.value;
    const strtol = glibcStrtol(text, 0, 10);
    const value = glibcAtoi(text);
    const exact = strtol.found && strtol.end === text.length && BigInt(value) === strtol.value;
    read.push({ index: item.index, text, range: item.range, value, exact });
  }
  return { read, stop: undefined };
}
