/**
 * Enum-like values as xl compares them (reference §1.3, §2): `strcmp` for
 * the keys xl checks itself, libxl's case-insensitive `*_from_string` for
 * the others, and the per-release additions and removals. The prefix
 * matching of `type` and `builder` belongs to the guest family and is not
 * handled here.
 */
import { readXlNumber, type EvalValue, type Range, type Setting } from "@xlint/parser";
import { damerauLevenshtein, maxEditsFor, type AddedValue, type OptionInfo, type RemovedValue } from "../../catalog";
import { compareXenVersions, type HostProfile } from "../../engine/host";
import type { FileContext } from "../../engine/types";
import { rangeOfValue, settingRange } from "./settings";
import { isNumberOrNameKind, settingsXlReads } from "./values-read";

export type EnumVerdict =
  /** Taken as written. */
  | { readonly kind: "exact" }
  /** Taken only because xl ignores case; `canonical` is the documented spelling. */
  | { readonly kind: "case"; readonly canonical: string }
  /** Refused by the targeted release, which removed the value. */
  | { readonly kind: "removed"; readonly removed: RemovedValue }
  /** Refused by the targeted release; a later one accepts it. */
  | { readonly kind: "later"; readonly added: AddedValue }
  /** Not a value of the key at all. */
  | { readonly kind: "unknown" };

function atLeast(host: HostProfile, version: string): boolean {
  return compareXenVersions(host.xenVersion, version) >= 0;
}

function sameValue(option: OptionInfo, a: string, b: string): boolean {
  return option.values?.match === "case-insensitive" ? a.toLowerCase() === b.toLowerCase() : a === b;
}

/** The documented values the targeted release accepts, in the catalog's order (no `unknown`-style extras). */
export function documentedValues(option: OptionInfo, host: HostProfile): string[] {
  const removed = (option.removedValues ?? []).filter((r) => atLeast(host, r.since)).map((r) => r.value);
  const added = (option.addedValues ?? []).filter((a) => atLeast(host, a.since)).map((a) => a.value);
  return [...(option.values?.allowed ?? []), ...added].filter((v) => !removed.includes(v));
}

/** How xl (for the targeted release) takes `value` for the enum-like key `option`. */
export function judgeEnumValue(option: OptionInfo, value: string, host: HostProfile): EnumVerdict {
  const values = option.values;
  if (!values) return { kind: "exact" };
  for (const removed of option.removedValues ?? []) {
    if (sameValue(option, removed.value, value) && atLeast(host, removed.since)) return { kind: "removed", removed };
  }
  // Keywords (viridian's `all`, `defaults`) are compared exactly whatever the match mode.
  if (values.keywords?.includes(value)) return { kind: "exact" };
  const accepted = [...documentedValues(option, host), ...(values.alsoAccepted ?? [])];
  if (accepted.includes(value)) return { kind: "exact" };
  const folded = accepted.find((a) => sameValue(option, a, value));
  if (folded !== undefined) return { kind: "case", canonical: folded };
  const later = (option.addedValues ?? []).find((a) => !atLeast(host, a.since) && sameValue(option, a.value, value));
  if (later) return { kind: "later", added: later };
  return { kind: "unknown" };
}

/** Case folded, `-` and `_` made the same, words sorted: `restart_rename` and `rename-restart` meet. */
function looseForm(text: string): string {
  return text.toLowerCase().replace(/-/g, "_").split("_").sort().join("_");
}

export interface ValueSuggestion {
  readonly value: string;
  /** True when only case, `-`/`_` or word order differ: the author certainly meant this value. */
  readonly certain: boolean;
}

/**
 * "Did you mean" among the values the release accepts: first the spellings
 * that differ only in case, separators or word order, otherwise the values
 * within a small edit distance (none for one- or two-letter words).
 */
export function suggestValues(option: OptionInfo, value: string, host: HostProfile): ValueSuggestion[] {
  const candidates = [...documentedValues(option, host), ...(option.values?.keywords ?? [])];
  const loose = candidates.filter((c) => looseForm(c) === looseForm(value));
  if (loose.length > 0) return loose.map((c) => ({ value: c, certain: true }));
  const wanted = value.toLowerCase();
  const budget = maxEditsFor(wanted);
  const scored = candidates
    .map((c) => ({ value: c, distance: damerauLevenshtein(wanted, c.toLowerCase()) }))
    .filter((s) => s.distance <= budget)
    .sort((a, b) => a.distance - b.distance);
  const best = scored[0]?.distance;
  return scored.filter((s) => s.distance === best).map((s) => ({ value: s.value, certain: false }));
}

/** "`a`, `b` or `c`". */
export function listOfValues(values: readonly string[]): string {
  const quoted = values.map((v) => `\`${v}\``);
  return quoted.length <= 1 ? (quoted[0] ?? "") : `${quoted.slice(0, -1).join(", ")} or ${quoted[quoted.length - 1]}`;
}

/** Keys whose values other families judge: the guest type keys (prefix matching) and `viridian`. */
const JUDGED_ELSEWHERE: ReadonlySet<string> = new Set(["type", "builder", "firmware", "viridian"]);

/** One enum value as written: the whole setting, or one item of an enum list. */
export interface WrittenEnumValue {
  readonly setting: Setting;
  readonly option: OptionInfo;
  readonly text: string;
  readonly value: EvalValue;
  readonly range: Range;
  /** The item's index in an enum list; undefined for a single value. */
  readonly item: number | undefined;
  /** Set with `+=`: xl then skips the number reading and takes even digits as a name. */
  readonly appended: boolean;
}

/**
 * The enum values xl reads for this config, as names: single values of the
 * enum keys, the string form of the number-or-name keys (`tsc_mode`,
 * `altp2m`, …) when xl cannot read it as a number, and the items of enum
 * lists up to the first nested one. Keys xl refuses whatever the value for
 * this guest type (`timer_mode` on PV) are left to their own rule.
 */
export function* enumValuesXlReads(context: FileContext): Generator<WrittenEnumValue> {
  for (const { setting, option } of settingsXlReads(context)) {
    if (option.status !== "xl" || !option.values || JUDGED_ELSEWHERE.has(option.key)) continue;
    const type = context.guest.type;
    if (type !== undefined && option.rejectedFor?.includes(type)) continue;
    const value = setting.value;
    const appended = setting.operator === "+=";
    if (option.kind === "enum-list") {
      if (value.kind !== "list") continue;
      for (const [index, item] of value.items.entries()) {
        if (item.kind !== "string") break;
        yield { setting, option, text: item.value, value: item, range: rangeOfValue(item) ?? settingRange(setting), item: index, appended };
      }
      continue;
    }
    if (value.kind !== "string") continue;
    if (option.kind !== "enum" && !isNumberOrNameKind(option.kind)) continue;
    // xl first tries a number (quietly), unless `+=` was used; a readable number is the number rules' business.
    if (isNumberOrNameKind(option.kind) && !appended && readXlNumber(value.value).value !== undefined) continue;
    yield { setting, option, text: value.value, value, range: rangeOfValue(value) ?? settingRange(setting), item: undefined, appended };
  }
}
