/**
 * Grouping what project rules collect across the files of a run, and naming
 * the other members of a group in a finding. A template copied to 500 guests
 * makes a group of 500 uses: each of its findings names only the first few
 * others ("and 496 more"), so the report of a group of k grows as O(k).
 */
import { hostScopeKey } from "../../engine/host-scope";
import { rangeOfFact } from "../../engine/plain";
import type { FactRange, FactSource, ProjectContext, ProjectFacts, RelatedLocation } from "../../engine/types";
import { rangeOfString } from "./settings";

/** How many other places a finding names, in its message and in `related`. */
export const SHOWN_OTHERS = 3;

/** One use of a value in one file. */
export interface Use {
  readonly path: string;
  readonly range: FactRange;
  /** The named host of the file (see engine/host-scope.ts); absent for the unnamed one. */
  readonly host?: string;
}

/** A string setting's value as collected from one file: the text and where it is written. */
export interface ValueFact {
  readonly text: string;
  readonly range: FactRange;
  /** The file's named host: values are compared only within one host. */
  readonly host?: string;
}

/**
 * The uses that share a key with another, grouped by key in run order. Two
 * walks over the files: the first only counts keys by a 32-bit hash, the
 * second keeps the uses whose hash was seen more than once (a hash collision
 * only costs a group of one, dropped at the end). A run of 100,000 guests
 * whose keys are all different so keeps a count per key and nothing else.
 */
export function repeatedGroups<F, U>(files: Iterable<ProjectFacts<F>>, usesOf: (file: ProjectFacts<F>) => Iterable<U>, keyOf: (use: U) => string | undefined): Map<string, U[]> {
  const counts = new Map<number, number>();
  for (const file of files) {
    for (const use of usesOf(file)) {
      const key = keyOf(use);
      if (key === undefined) continue;
      const hash = hashOf(key);
      counts.set(hash, (counts.get(hash) ?? 0) + 1);
    }
  }
  const groups = new Map<string, U[]>();
  for (const file of files) {
    for (const use of usesOf(file)) {
      const key = keyOf(use);
      if (key === undefined || (counts.get(hashOf(key)) ?? 0) < 2) continue;
      const group = groups.get(key);
      if (group) group.push(use);
      else groups.set(key, [use]);
    }
  }
  for (const [key, group] of groups) if (group.length < 2) groups.delete(key);
  return groups;
}

/** FNV-1a over the UTF-16 code units. */
function hashOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  // A signed 32-bit value is a small integer to V8, stored in the Map without a boxed number.
  return hash | 0;
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

/**
 * The other uses as a finding names them. Its short message names the one
 * other use when that is in the same file (`line 6`), else only how many
 * there are (`another vif`, `3 other vifs`: paths make a message long); the
 * help then lists those shown ("Other uses: …. ").
 */
export function otherPlaces(
  others: readonly { readonly place: string; readonly local: boolean }[],
  more: number,
  noun: string,
): { readonly short: string; readonly helpLead: string } {
  const total = others.length + more;
  const [only] = others;
  if (total === 1 && only?.local) return { short: only.place, helpLead: "" };
  return {
    short: total === 1 ? `another ${noun}` : `${total} other ${noun}s`,
    helpLead: `Other uses: ${listWithMore(others.map((o) => o.place), more)}. `,
  };
}

/** How a finding names another use: `line 7` in the same file, else `file:7`, with ` (host alpha)` when the other file's host is named and `withHost`. */
export function placeOf(other: Use, from: string, withHost = false): string {
  const place = other.path === from ? `line ${other.range[1] + 1}` : `${other.path}:${other.range[1] + 1}`;
  return withHost && other.path !== from && other.host !== undefined ? `${place} (host ${other.host})` : place;
}

/** ` on host alpha`, for a message about values compared within one named host; empty for the unnamed host. */
export function onHost(host: string | undefined): string {
  return host === undefined ? "" : ` on host ${host}`;
}

/** The file's named host, to keep in its facts (only when named, so unnamed files' facts stay as small as before). */
export function hostFact(file: FactSource): { host?: string } {
  const host = file.host.name;
  return host === undefined ? {} : { host };
}

/** A use's grouping key within its host scope. */
export function scopedKey(host: string | undefined, key: string | undefined): string | undefined {
  return key === undefined ? undefined : hostScopeKey(host) + key;
}

/** A string setting's value and range, for `collect`. */
export function collectValue(file: FactSource, key: string): ValueFact | undefined {
  const setting = file.setting(key);
  if (setting?.value.kind !== "string") return undefined;
  const range = rangeOfString(setting.value);
  return range ? { text: setting.value.value, range: file.keep(range), ...hostFact(file) } : undefined;
}

/** What relates files for a rule over a ValueFact (`ProjectRule.relatesBy`): the value in lower case, coarser than any rule's normalisation. */
export function valueKeys(fact: ValueFact): string[] {
  return [fact.text.toLowerCase()];
}

/** Files grouped by a normalised value; only groups of two or more. */
export function repeatedValues(files: Iterable<ProjectFacts<ValueFact>>, normalise: (value: string) => string | undefined): (Use & ValueFact)[][] {
  const usesOf = (f: ProjectFacts<ValueFact>): [Use & ValueFact] => [{ path: f.path, text: f.facts.text, range: f.facts.range, ...(f.facts.host !== undefined ? { host: f.facts.host } : {}) }];
  // Values are compared within one host only (see engine/host-scope.ts).
  return [...repeatedGroups(files, usesOf, (use) => scopedKey(use.host, normalise(use.text))).values()];
}

/** Reports each use of a repeated value, naming a few of the others (and, when named, the host they all belong to). */
export function reportRepeats(
  context: ProjectContext<ValueFact>,
  groups: readonly (Use & ValueFact)[][],
  noun: string,
  text: (use: ValueFact, others: string) => { readonly message: string; readonly help: string },
): void {
  const finding = (use: ValueFact, places: ReturnType<typeof otherPlaces>) => {
    const { message, help } = text(use, places.short + onHost(use.host));
    return { message, help: `${places.helpLead}${help}` };
  };
  for (const group of groups) {
    group.forEach((use, i) => {
      const { shown, more } = othersOf(group, i);
      context.report(use.path, {
        range: rangeOfFact(use.range),
        ...finding(use, otherPlaces(shown.map((o) => ({ place: placeOf(o, use.path), local: o.path === use.path })), more, noun)),
        related: relatedOf(shown, (o) => `also here${onHost(o.host)}`),
      });
    });
  }
}

export function relatedOf<T extends Use>(shown: readonly T[], message: (other: T) => string): RelatedLocation[] {
  return shown.map((o) => ({ path: o.path, range: rangeOfFact(o.range), message: message(o) }));
}
