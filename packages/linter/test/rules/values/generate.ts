/**
 * Generated configs for the values rules: a small valid guest of each type
 * plus one setting taken from the catalog and spoilt the way people spoil
 * values — the wrong shape, a nested list, a number xl cannot read, `+=`, an
 * enum in the wrong case or misspelt, a deprecated or ignored key — so that
 * whatever xl says about the result is about that one setting.
 */
import { allOptions, exampleOf, type OptionInfo } from "../../../src/catalog";

export type GuestType = "pv" | "pvh" | "hvm";

const BASES: Readonly<Record<GuestType, string>> = {
  pv: 'name = "values"\nkernel = "/boot/vmlinuz"\nmemory = 512\n',
  pvh: 'name = "values"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nmemory = 512\n',
  hvm: 'name = "values"\ntype = "hvm"\nmemory = 512\n',
};

/**
 * Keys left out: those whose values the guest family judges (type, boot,
 * identity, CPU lists, NUMA), keys newer than 4.17 (the oracle's xl does not
 * know them), and values libxl refuses only after the checks the oracle
 * runs (an unknown `soundhw`, `usbversion` above 3), which no oracle can judge.
 */
const LEFT_OUT: ReadonlySet<string> = new Set([
  "name", "type", "builder", "firmware", "kernel", "ramdisk", "bootloader", "uuid", "cpus", "cpus_soft", "vnuma",
  "viridian", "cpuid", "vcpus", "maxvcpus", "maxmem", "pool", "seclabel", "init_seclabel", "soundhw", "usbversion",
  "spiceusbredirection", "passthrough", "pci", "dtdev", "vsnd",
]);

/** Numbers and near-numbers for numeric keys (reference §1.3): readable, unreadable, octal, huge. */
const NUMBERS = [
  "0", "1", "2", "3", "4", "8", "512", "5000", "70000", "0x10", "010", "09", '"2"', '" 12"', '"12 "', '"12x"', '"1e3"',
  '"1.5"', '""', '"-1"', '"512M"', '"2G"', '"yes"', '"0x1F"', "99999999999999999999",
];

export interface Generated {
  readonly text: string;
  readonly guest: GuestType;
  readonly key: string;
  /** Which spoiling was applied, for the per-operator counts. */
  readonly operator: string;
}

type Random = () => number;

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

/** The value text of a catalog example (`memory = 2048` → `2048`). */
function exampleValue(option: OptionInfo): string | undefined {
  const example = exampleOf(option);
  return example?.replace(/^[a-z_0-9.]+\s*\+?=\s*/, "");
}

/** The top-level items of a list literal written on one line, as source text. */
function listItems(text: string): string[] {
  const inner = text.trim().replace(/^\[/, "").replace(/\]$/, "");
  const items: string[] = [];
  let depth = 0;
  let quote = "";
  let current = "";
  for (const ch of inner) {
    if (quote) {
      current += ch;
      if (ch === quote) quote = "";
      continue;
    }
    if (ch === '"' || ch === "'") quote = ch;
    if (ch === "[") depth++;
    if (ch === "]") depth--;
    if (ch === "," && depth === 0) {
      items.push(current.trim());
      current = "";
      continue;
    }
    current += ch;
  }
  if (current.trim() !== "") items.push(current.trim());
  return items;
}

function upperFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** libxl refuses TSC mode 3 only while it builds the domain, after the checks the oracle runs. */
const REFUSED_AFTER_DEEP_CHECKS: ReadonlySet<string> = new Set(["native_paravirt"]);

function enumValues(option: OptionInfo, random: Random): string {
  const allowed = (option.values?.allowed ?? []).filter((v) => !REFUSED_AFTER_DEEP_CHECKS.has(v));
  const word = pick(random, allowed.length > 0 ? allowed : ["x"]);
  const choices = [
    `"${word}"`,
    `"${word.toUpperCase()}"`,
    `"${upperFirst(word)}"`,
    `"${word.slice(0, -1)}"`,
    `"${word.replace(/-/g, "_")}"`,
    '"bogus"',
    '""',
    pick(random, option.key === "tsc_mode" ? ["0", "1", "2", "4", "7"] : ["0", "1", "2", "3", "4", "7"]),
  ];
  return pick(random, choices);
}

/** One spoilt setting for `option`, or undefined when the option offers nothing to spoil that way. */
function spoil(option: OptionInfo, random: Random): { line: string; operator: string } | undefined {
  const key = option.key;
  const example = exampleValue(option);
  const roll = random();
  const isList = example?.trim().startsWith("[") === true;
  if (roll < 0.2 && example) {
    // The catalog's own example: deprecated, ignored and companion-less keys show up here.
    return { line: `${key} = ${example}`, operator: "example" };
  }
  if (roll < 0.4 && example) {
    if (isList) {
      const first = listItems(example)[0];
      return first && !first.startsWith("[") ? { line: `${key} = ${first}`, operator: "shape/string-for-list" } : undefined;
    }
    return { line: `${key} = [ ${example} ]`, operator: "shape/list-for-string" };
  }
  if (roll < 0.5 && example && isList) {
    const items = listItems(example);
    const at = Math.floor(random() * (items.length + 1));
    const nested = [...items.slice(0, at), `[ ${items[0] ?? '"x"'} ]`, ...items.slice(at)];
    return { line: `${key} = [ ${nested.join(", ")} ]`, operator: "nested" };
  }
  if (option.kind === "integer" || option.kind === "boolean") {
    const append = random() < 0.2;
    return { line: `${key} ${append ? "+=" : "="} ${pick(random, NUMBERS)}`, operator: append ? "number/append" : "number" };
  }
  if (option.values && option.kind !== "boolean-or-enum-list") {
    const value = enumValues(option, random);
    if (option.kind === "enum-list") return { line: `${key} = [ ${value} ]`, operator: "enum-list" };
    const append = (option.kind === "integer-or-enum" || option.kind === "boolean-or-enum") && random() < 0.2;
    return { line: `${key} ${append ? "+=" : "="} ${value}`, operator: append ? "enum/append" : "enum" };
  }
  return undefined;
}

/** The options worth spoiling: xl 4.17 reads them, and their values are this family's to judge. */
export function spoilableOptions(): OptionInfo[] {
  return allOptions().filter((o) => o.status !== "xm-only" && o.since === undefined && !LEFT_OUT.has(o.key));
}

/** One generated config: mostly a guest type that reads the key, sometimes one that does not. */
export function generateValuesConfig(random: Random, options: readonly OptionInfo[]): Generated {
  for (;;) {
    const option = pick(random, options);
    const spoilt = spoil(option, random);
    if (!spoilt) continue;
    const guest: GuestType = random() < 0.85 ? pick(random, option.readFor) : pick(random, ["pv", "pvh", "hvm"] as const);
    return { text: `${BASES[guest]}${spoilt.line}\n`, guest, key: option.key, operator: spoilt.operator };
  }
}
