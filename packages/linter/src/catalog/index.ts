/**
 * The option catalog: every key xl reads from a domain config (Xen 4.17,
 * plus the keys added up to 4.22, marked with their release), the xm keys
 * xl ignores, and the xl.conf keys that do not belong in a domain config.
 */
import { armOptions } from "./arm";
import { bootOptions } from "./boot";
import { cpuMemoryOptions } from "./cpu-memory";
import { deviceListOptions } from "./device-lists";
import { deviceModelOptions } from "./device-model";
import { emulatedDeviceOptions } from "./emulated";
import { graphicsOptions } from "./graphics";
import { identityOptions } from "./identity";
import { lifecycleOptions } from "./lifecycle";
import { platformOptions } from "./platform";
import { closestKeys } from "./suggest";
import type { OptionInfo, XlConfOption } from "./types";
import { xlConfOptions } from "./xl-conf";
import { xmOptions } from "./xm";

export type {
  AddedValue,
  AllowedValues,
  DeprecationInfo,
  OptionInfo,
  OptionKind,
  OptionSpec,
  OptionStatus,
  OptionTopic,
  RemovedValue,
  Requirement,
  WrongShape,
  XenArch,
  XenVersion,
  XlConfOption,
} from "./types";
export { closestValue, damerauLevenshtein, maxEditsFor, normaliseKey } from "./suggest";

const options: readonly OptionInfo[] = [
  ...identityOptions,
  ...cpuMemoryOptions,
  ...lifecycleOptions,
  ...bootOptions,
  ...platformOptions,
  ...graphicsOptions,
  ...emulatedDeviceOptions,
  ...deviceModelOptions,
  ...deviceListOptions,
  ...armOptions,
  ...xmOptions,
];

const byKey = new Map(options.map((o) => [o.key, o]));
const xlConfByKey = new Map(xlConfOptions.map((o) => [o.key, o]));

/** Keys worth suggesting: the ones xl acts on (not xm leftovers it ignores). */
const suggestible = options.filter((o) => o.status === "xl").map((o) => o.key);

/** Every domain-config key xlint knows, xm-only ones included, grouped by topic. */
export function allOptions(): readonly OptionInfo[] {
  return options;
}

/** The catalog entry of a domain-config key (exact, case-sensitive, as xl looks keys up). */
export function optionByKey(key: string): OptionInfo | undefined {
  return byKey.get(key);
}

/** Every key of /etc/xen/xl.conf. */
export function allXlConfOptions(): readonly XlConfOption[] {
  return xlConfOptions;
}

/** The xl.conf entry of a key, to tell a domain config that the key belongs in xl.conf. */
export function xlConfOptionByKey(key: string): XlConfOption | undefined {
  return xlConfByKey.get(key);
}

/**
 * "Did you mean" for an unknown key: the closest keys xl acts on, best
 * first. Case and `-`/`_` are folded before measuring, so `on-crash` and
 * `Memory` find `on_crash` and `memory`; the allowed distance grows with
 * the key's length, up to two edits.
 */
export function suggestKeys(unknown: string, limit = 3): string[] {
  return closestKeys(unknown, suggestible, limit);
}

/**
 * The example assignment in an entry's doc, the code after "Example:"
 * (`memory = 2048`), when it assigns the entry's key.
 */
export function exampleOf(entry: { readonly key: string; readonly doc: string }): string | undefined {
  const text = /Example: `([^`]+)`/.exec(entry.doc)?.[1];
  if (text === undefined || !text.startsWith(entry.key)) return undefined;
  return /^\s*\+?=/.test(text.slice(entry.key.length)) ? text : undefined;
}
