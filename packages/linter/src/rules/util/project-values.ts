/**
 * Grouping what project rules collect across the files of a run, and naming
 * the other members of a group in a finding. A template copied to 500 guests
 * makes a group of 500 uses: each of its findings names only the first few
 * others ("and 496 more"), so the report of a group of k grows as O(k).
 */
import type { Range } from "@xlint/parser";
import type { FactSource, ProjectContext, ProjectFacts, RelatedLocation } from "../../engine/types";
import { rangeOfString } from "./settings";

/** How many other places a finding names, in its message and in `related`. */
export const SHOWN_OTHERS = 3;

/** One use of a value in one file. */
export interface Use {
  readonly path: string;
  readonly range: Range;
}

/** A string setting's value as collected from one file: the text and where it is written. */
export interface ValueFact {
  readonly text: string;
  readonly range: Range;
}

/** Items grouped by key, in the order met; items without a key are left out. */
export function groupBy<T>(items: Iterable<T>, keyOf: (item: T) => string | undefined): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    if (key === undefined) continue;
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/** The others of `group[index]` a finding names (at most SHOWN_OTHERS, first in run order), and how many it leaves out. */
export function othersOf<T>(group: readonly T[], index: number): { readonly shown: T[]; readonly more: number } {
  const shown: T[] = [];
  for (let i = 0; i < group.length && shown.length < SHOWN_OTHERS; i++) if (i !== index) shown.push(group[i] as T);
  return { shown, more: group.length - 1 - shown.length };
}

/** `a, b and c`, or `a, b, c and 122 more`. */
export function listWithMore(items: readonly string[], more: number): string {
  if (more > 0) return `${items.join(", ")} and ${more} more`;
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** How a finding names another use: `line 7` in the same file, else `file:7`. */
export function placeOf(other: Use, from: string): string {
  return other.path === from ? `line ${other.range.start.line + 1}` : `${other.path}:${other.range.start.line + 1}`;
}

/** A string setting's value and range, for `collect`. */
export function collectValue(file: FactSource, key: string): ValueFact | undefined {
  const setting = file.setting(key);
  if (setting?.value.kind !== "string") return undefined;
  const range = rangeOfString(setting.value);
  return range ? { text: setting.value.value, range: file.keep(range) } : undefined;
}

/** Files grouped by a normalised value; only groups of two or more. */
export function repeatedValues(files: readonly ProjectFacts<ValueFact>[], normalise: (value: string) => string | undefined): (Use & ValueFact)[][] {
  const uses = files.map((f) => ({ path: f.path, text: f.facts.text, range: f.facts.range }));
  return [...groupBy(uses, (use) => normalise(use.text)).values()].filter((group) => group.length > 1);
}

/** Reports each use of a repeated value, naming a few of the others. */
export function reportRepeats(context: ProjectContext<ValueFact>, groups: readonly (Use & ValueFact)[][], message: (use: ValueFact, others: string) => string): void {
  for (const group of groups) {
    group.forEach((use, i) => {
      const { shown, more } = othersOf(group, i);
      context.report(use.path, {
        range: use.range,
        message: message(use, listWithMore(shown.map((o) => placeOf(o, use.path)), more)),
        related: relatedOf(shown, () => "also here"),
      });
    });
  }
}

export function relatedOf<T extends Use>(shown: readonly T[], message: (other: T) => string): RelatedLocation[] {
  return shown.map((o) => ({ path: o.path, range: o.range, message: message(o) }));
}
