/**
 * The CPU lists of `cpus` and `cpus_soft` as xl reads them: a string is
 * parsed whatever the vCPU count, list items only up to the vCPU maximum
 * and up to the first item that is not a string.
 */
import { detachedSpecText, parseCpuList, type CpuList, type Range, type SpecText } from "@xlint/parser";
import type { FileContext } from "../../engine/types";
import { vcpuCounts } from "./guest-cpus";
import { listItems, stringSetting } from "./settings";

export type CpuListKey = "cpus" | "cpus_soft";
export const CPU_LIST_KEYS: readonly CpuListKey[] = ["cpus", "cpus_soft"];

export interface ReadCpuList {
  readonly key: CpuListKey;
  /** The list item's index, or undefined for the string form. */
  readonly index: number | undefined;
  readonly spec: SpecText;
  /** False when the text was joined with `+=`, so its characters do not map to one place in the file. */
  readonly mapped: boolean;
  readonly range: Range;
  readonly list: CpuList;
}

export interface CpuListSetting {
  readonly key: CpuListKey;
  readonly form: "string" | "list";
  /** String items of a list up to the first nested list (all xl could read). */
  readonly readable: number;
  /** What xl parses, in order. */
  readonly parsed: readonly ReadCpuList[];
  /** The vCPU maximum xl sizes the affinity arrays with (0: nothing set, so nothing is applied). */
  readonly max: bigint;
  /** The first list item xl never reads because it lies beyond the maximum. */
  readonly firstUnread: { index: number; range: Range } | undefined;
}

/** How xl reads `cpus` or `cpus_soft`, or undefined when unset or when xl stops before (vCPU problems). */
export function cpuListSetting(context: FileContext, key: CpuListKey): CpuListSetting | undefined {
  const counts = vcpuCounts(context);
  if (!counts) return undefined;
  const affinity = key === "cpus" ? "hard" : "soft";
  const text = stringSetting(context, key);
  if (text) {
    const spec = text.spec ?? detachedSpecText(text.value);
    return { key, form: "string", readable: 1, parsed: [{ key, index: undefined, spec, mapped: text.spec !== undefined, range: text.range, list: parseCpuList(spec, { affinity }) }], max: counts.max, firstUnread: undefined };
  }
  const items = listItems(context, key);
  if (!items) return undefined;
  const firstList = items.findIndex((item) => item.value.kind !== "string");
  const readable = firstList < 0 ? items.length : firstList;
  const parsed: ReadCpuList[] = [];
  let firstUnread: { index: number; range: Range } | undefined;
  for (const item of items.slice(0, readable)) {
    if (BigInt(item.index) >= counts.max) {
      firstUnread = { index: item.index, range: item.range };
      break;
    }
    const spec = item.spec ?? detachedSpecText(item.value.kind === "string" ? item.value.value : "");
    parsed.push({ key, index: item.index, spec, mapped: item.spec !== undefined, range: item.range, list: parseCpuList(spec, { affinity }) });
  }
  return { key, form: "list", readable, parsed, max: counts.max, firstUnread };
}
