/**
 * The device lists of a config as xl 4.17 reads them, for the rules of the
 * devices family: each list parsed once per file by its spec parser, and
 * every problem placed at the characters it is about. xl walks a device list
 * with `xlu_cfg_get_listitem` and stops at the first item that is not a
 * string; that silent stop, and a list written as a plain string, are the
 * values family's findings, so they are left out here.
 */
import { fileCache } from "../../engine/file-caches";
import {
  fileRangeOf,
  parseChannel,
  parseIomem,
  parseIoports,
  parseIrqs,
  parseP9List,
  parsePciSpec,
  parsePvcalls,
  parseUsbctrl,
  parseUsbdev,
  parseVdispl,
  parseVfb,
  parseVirtio,
  parseVkb,
  parseVsnd,
  parseVtpm,
  problemAtPath,
  specItemsOf,
  stringItemsUntilList,
  type EvalValue,
  type Evaluation,
  type ListProblem,
  type Range,
  type Setting,
  type SpecItem,
  type SpecProblem,
  type SpecText,
  type XlEffect,
} from "@xlint/parser";
import { optionByKey } from "../../catalog";
import type { FileContext, Fix, Severity } from "../../engine/types";
import { problemFinding } from "./finding-text";
import { rangeOfValue, settingRange } from "./settings";

/** The device lists whose items the spec parsers read. */
export type DeviceListKey =
  | "pci"
  | "ioports"
  | "irqs"
  | "iomem"
  | "channel"
  | "vtpm"
  | "p9"
  | "pvcalls"
  | "vfb"
  | "vkb"
  | "vdispl"
  | "usbctrl"
  | "usbdev"
  | "vsnd"
  | "virtio";

/** A spec problem with the file range it points at and the list item it is in. */
export interface LocatedProblem {
  readonly problem: SpecProblem;
  readonly range: Range;
  /** Where the item sits in the list ([card, item] for vsnd); empty for the list as a whole. */
  readonly path: readonly number[];
  /** The spec text the problem's span indexes, for rules that edit inside it. */
  readonly spec: SpecText | undefined;
}

/** One string item per device, up to the first nested list (where xl stops reading). */
function perItem(parse: (spec: SpecText) => { readonly problems: readonly SpecProblem[] }) {
  return (items: readonly SpecItem[], key: string): ListProblem[] =>
    stringItemsUntilList(items, key, []).flatMap(({ index, spec }) => parse(spec).problems.map((p) => problemAtPath([index], p)));
}

const LIST_PARSERS: Readonly<Record<DeviceListKey, (items: readonly SpecItem[], key: string) => readonly ListProblem[]>> = {
  pci: perItem(parsePciSpec),
  ioports: (items) => parseIoports(items).problems,
  irqs: (items) => parseIrqs(items).problems,
  iomem: (items) => parseIomem(items).problems,
  channel: perItem(parseChannel),
  vtpm: perItem(parseVtpm),
  p9: (items) => parseP9List(items).problems,
  pvcalls: perItem(parsePvcalls),
  vfb: perItem(parseVfb),
  vkb: perItem(parseVkb),
  vdispl: perItem(parseVdispl),
  usbctrl: perItem(parseUsbctrl),
  usbdev: perItem(parseUsbdev),
  vsnd: (items) => parseVsnd(items).problems,
  virtio: perItem(parseVirtio),
};

/** Problems about nesting: the values family reports a nested list in a flat device list. */
const NESTING_CODES: ReadonlySet<string> = new Set(["nested-list-item"]);

const cache = fileCache<Map<DeviceListKey, readonly LocatedProblem[]>>();

/**
 * Every problem the spec parser finds in the device list `key`, located in
 * the file; empty when the key is absent or is not a list.
 */
export function deviceListProblems(context: FileContext, key: DeviceListKey): readonly LocatedProblem[] {
  let perFile = cache.get(context.evaluation);
  if (!perFile) {
    perFile = new Map();
    cache.set(context.evaluation, perFile);
  }
  const cached = perFile.get(key);
  if (cached) return cached;
  const located = locateAll(context, key);
  perFile.set(key, located);
  return located;
}

function locateAll(context: FileContext, key: DeviceListKey): readonly LocatedProblem[] {
  const setting = context.setting(key);
  if (!setting || setting.value.kind !== "list") return [];
  const items = specItemsOf(setting.value);
  return LIST_PARSERS[key](items, key)
    .filter((p) => !NESTING_CODES.has(p.code))
    .map((problem) => locate(context, setting, items, problem));
}

function locate(context: FileContext, setting: Setting, items: readonly SpecItem[], problem: ListProblem): LocatedProblem {
  const spec = specAt(items, problem.path);
  const itemRange = valueAt(setting.value, problem.path);
  const range =
    spec && problem.span.end > problem.span.start
      ? fileRangeOf(spec, problem.span, context.parse.lines)
      : (itemRange ? rangeOfValue(itemRange) : undefined) ?? settingRange(setting);
  return { problem, range, path: problem.path, spec };
}

function specAt(items: readonly SpecItem[], path: readonly number[]): SpecText | undefined {
  let level: readonly SpecItem[] = items;
  let item: SpecItem | undefined;
  for (const index of path) {
    item = level[index];
    if (!item) return undefined;
    level = item.kind === "list" ? item.items : [];
  }
  return item?.kind === "string" ? item.spec : undefined;
}

function valueAt(value: EvalValue, path: readonly number[]): EvalValue | undefined {
  let current: EvalValue | undefined = value;
  for (const index of path) {
    if (!current || current.kind !== "list") return undefined;
    current = current.items[index];
  }
  return current;
}

/** The number of leading string items of a list: the devices xl creates from it. */
export function devicesRead(context: FileContext, key: DeviceListKey): number {
  const setting = context.setting(key);
  if (!setting || setting.value.kind !== "list") return 0;
  return stringItemsUntilList(specItemsOf(setting.value), key, []).length;
}

/**
 * Whether a device list does anything for this guest on this host. When it
 * does not (a `vfb` on HVM, `pci` on x86 PVH), xl still parses it, so what
 * stops xl still matters, but nothing else does.
 */
function listTakesEffect(context: FileContext, key: string): boolean {
  const option = optionByKey(key);
  if (!option) return true;
  const type = context.guest.type;
  if (type !== undefined && !option.appliesTo.includes(type)) return false;
  return option.arch.includes(context.host.arch);
}

/** The problems of a list worth reporting for this guest: all of them, or only xl's refusals when the list does nothing. */
function relevantProblems(context: FileContext, key: DeviceListKey, problems: readonly LocatedProblem[]): readonly LocatedProblem[] {
  return listTakesEffect(context, key) ? problems : problems.filter((p) => p.problem.effect === "fatal");
}

/** Problems that crash xl 4.17: `device-spec-crash` reports them, the per-device rules skip them. */
export function isCrash(problem: SpecProblem): boolean {
  return problem.code.endsWith("-crash");
}

/**
 * The severity of a problem by what xl does: a refusal (by xl or by libxl)
 * is an error; a warning, a silent drop and a misbehaving guest are
 * warnings, since xl creates the guest.
 */
export function severityOfEffect(effect: XlEffect): Severity {
  return effect === "fatal" || effect === "libxl-fatal" ? "error" : "warning";
}

export interface ReportOptions {
  /** Problems another rule reports. */
  readonly skip?: (p: LocatedProblem) => boolean;
  readonly fix?: (p: LocatedProblem) => Fix | undefined;
  /** A severity other than the one the effect calls for (the effect describes Xen 4.17). */
  readonly severity?: (p: LocatedProblem) => Severity;
  /** Report for every guest type and architecture (the list is parsed, and refused, everywhere). */
  readonly everyGuest?: boolean;
}

/**
 * The check shared by the rules that report a device list's spec problems
 * as they are: each relevant problem once, at its characters, with the
 * severity its effect calls for. Crashes are left to `device-spec-crash`.
 */
export function reportListProblems(
  context: FileContext,
  keys: readonly DeviceListKey[],
  options: ReportOptions = {},
): void {
  for (const key of keys) {
    const problems = deviceListProblems(context, key);
    for (const located of options.everyGuest ? problems : relevantProblems(context, key, problems)) {
      if (isCrash(located.problem) || options.skip?.(located)) continue;
      const fix = options.fix?.(located);
      context.report({
        range: located.range,
        ...problemFinding(located.problem.message),
        severity: options.severity?.(located) ?? severityOfEffect(located.problem.effect),
        ...(fix ? { fix } : {}),
      });
    }
  }
}
