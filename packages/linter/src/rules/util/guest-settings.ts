/**
 * Settings of the guest family read the way xl_parse.c and libxl read them:
 * strings only when xl can take them as strings, numbers only when `strtol`
 * can read them, booleans as xl's defbools, and the figures xl derives
 * (the vCPU maximum, passthrough, populate-on-demand). Everything returns
 * undefined rather than guessing when xl would not use the value.
 */
import type { Range, Setting } from "@xlint/parser";
import type { GuestType, GuestTypeInfo } from "../../engine/guest-type";
import type { EffectiveHost } from "../../engine/host";
import type { ArchInfo } from "../../engine/host-arch";
import type { FileContext, TextEdit } from "../../engine/types";
import { onArch } from "./arch";
import { lineOf, replaceRange } from "./edits";
import { numberSetting, stringSetting } from "./settings";

export const TYPE_LABEL: Readonly<Record<GuestType, string>> = { pv: "PV", pvh: "PVH", hvm: "HVM" };

/** "a PV guest", "an HVM guest". */
export function aGuest(type: GuestType): string {
  return `${type === "hvm" ? "an" : "a"} ${TYPE_LABEL[type]} guest`;
}

/** What decides the default guest type: the arch the file is judged for, and why. */
export interface ArchContext {
  readonly host: EffectiveHost;
  readonly arch: ArchInfo;
}

/** Where the guest type came from, for messages: "(`type` on line 2)", "(xl's default on this x86 host, …)". */
export function typeOrigin(guest: GuestTypeInfo, context: ArchContext): string {
  const where = guest.range ? ` on ${lineOf(guest.range)}` : "";
  switch (guest.source) {
    case "type":
      return `(\`type\`${where})`;
    case "builder":
      return `(from the deprecated \`builder\`${where})`;
    case "default":
      return `(xl's default ${onArch(context.arch)}, as neither \`type\` nor \`builder\` is set)`;
  }
}

/** "this is an HVM guest (`type` on line 2)". */
export function describeGuest(guest: GuestTypeInfo, context: ArchContext): string {
  return guest.type ? `this is ${aGuest(guest.type)} ${typeOrigin(guest, context)}` : "the guest type is invalid";
}

/** Whether the parser found an error anywhere: xl refuses the whole file, and broken statements hide keys. */
export function hasSyntaxErrors(context: FileContext): boolean {
  return context.parse.diagnostics.some((d) => d.severity === "error");
}

/** A numeric setting as xl's `xlu_cfg_get_long` reads it, or undefined when xl ignores it. */
export function longValue(context: FileContext, key: string): bigint | undefined {
  return numberSetting(context, key)?.value;
}

/** A numeric setting with the range of its value. */
export function longSetting(context: FileContext, key: string): { value: bigint; range: Range } | undefined {
  const read = numberSetting(context, key);
  return read?.value === undefined ? undefined : { value: read.value, range: read.range };
}

/** A defbool (`nestedhvm`, `hap`, …): true or false when xl reads a number, undefined otherwise. */
export function boolValue(context: FileContext, key: string): boolean | undefined {
  const value = longValue(context, key);
  return value === undefined ? undefined : value !== 0n;
}

/** C's conversion of a long to an int, as `b_info->max_vcpus = l` does. */
export function toCInt(value: bigint): bigint {
  return BigInt.asIntN(32, value);
}

/**
 * The items of a device list xl reads with `xlu_cfg_get_listitem` in a loop:
 * it stops at the first item that is not a string. A plain string is no list
 * at all for xl, so it counts as none.
 */
export function leadingStringItems(setting: Setting | undefined): number {
  if (!setting || setting.value.kind !== "list") return 0;
  let count = 0;
  for (const item of setting.value.items) {
    if (item.kind !== "string") break;
    count++;
  }
  return count;
}

/** The basename as libxl_basename computes it: the text after the last `/`. */
export function basename(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash < 0 ? path : path.slice(slash + 1);
}

/** The first assignment of the file, to anchor findings about something missing. */
export function firstStatementRange(context: FileContext): Range {
  for (const statement of context.parse.file.statements) {
    if (statement.kind === "assignment") return statement.key.range;
  }
  return context.parse.lines.range(0, 0);
}

/**
 * Where to point a finding about the guest as a whole: the value that chose
 * the type, or else the first statement.
 */
export function guestAnchor(context: FileContext): Range {
  return context.guest.range ?? firstStatementRange(context);
}

export type PassthroughMode = "default" | "disabled" | "enabled" | "sync_pt" | "share_pt";
const PASSTHROUGH_MODES: readonly PassthroughMode[] = ["default", "disabled", "enabled", "sync_pt", "share_pt"];

export interface Passthrough {
  /** The mode as written (case-folded), when xl can read it. */
  readonly written: PassthroughMode | undefined;
  readonly writtenRange: Range | undefined;
  readonly pciDevices: number;
  readonly dtDevices: number;
  /** `pci` or `dtdev` lists at least one device. */
  readonly hasDevices: boolean;
  /** The mode after libxl's default: `default` becomes `enabled` with devices, `disabled` without. */
  readonly mode: Exclude<PassthroughMode, "default">;
}

/** How libxl sees passthrough before its per-architecture checks. */
export function passthroughOf(context: FileContext): Passthrough {
  const setting = stringSetting(context, "passthrough");
  const folded = setting?.value.toLowerCase();
  const written = PASSTHROUGH_MODES.find((m) => m === folded);
  const pciDevices = leadingStringItems(context.setting("pci"));
  const dtDevices = leadingStringItems(context.setting("dtdev"));
  const hasDevices = pciDevices + dtDevices > 0;
  const mode = written === undefined || written === "default" ? (hasDevices ? "enabled" : "disabled") : written;
  return { written, writtenRange: written ? setting?.range : undefined, pciDevices, dtDevices, hasDevices, mode };
}

/** The devices that make passthrough needed, for messages: "`pci` (2 devices)". */
export function describeDevices(pt: Passthrough): string {
  const parts: string[] = [];
  if (pt.pciDevices > 0) parts.push(`\`pci\` (${pt.pciDevices} device${pt.pciDevices === 1 ? "" : "s"})`);
  if (pt.dtDevices > 0) parts.push(`\`dtdev\` (${pt.dtDevices} device${pt.dtDevices === 1 ? "" : "s"})`);
  return parts.join(" and ");
}

const ALTP2M_ON = new Set(["mixed", "external", "limited"]);

/** Whether `altp2m` asks for alternate p2m: a number 1–3, or a mode name other than `disabled` (any case). */
export function altp2mOn(context: FileContext): boolean {
  const numeric = longValue(context, "altp2m");
  if (numeric !== undefined) return numeric >= 1n && numeric <= 3n;
  const named = stringSetting(context, "altp2m");
  return named !== undefined && ALTP2M_ON.has(named.value.toLowerCase());
}

/** The altp2m settings libxl counts for this guest type: `altp2m` on non-PV, `altp2mhvm` on HVM only. */
export function altp2mKeysOn(context: FileContext, type: GuestType): string[] {
  const keys: string[] = [];
  if (type !== "pv" && altp2mOn(context)) keys.push("altp2m");
  if (type === "hvm" && boolValue(context, "altp2mhvm") === true) keys.push("altp2mhvm");
  return keys;
}

export type DeviceModel = "qemu-xen" | "qemu-xen-traditional";

/** The device model libxl picks for an HVM guest: the one named, else traditional for a stub domain, else qemu-xen. */
export function deviceModelOf(context: FileContext): { model: DeviceModel; explicit: boolean } | undefined {
  const written = stringSetting(context, "device_model_version")?.value;
  if (written === "qemu-xen" || written === "qemu-xen-traditional") return { model: written, explicit: true };
  // Any other value stops xl; that is the values rules' finding.
  if (written !== undefined) return undefined;
  return { model: boolValue(context, "device_model_stubdomain_override") === true ? "qemu-xen-traditional" : "qemu-xen", explicit: false };
}

/** The assignment of a key set exactly once, whose statement a fix can rewrite or remove as a whole. */
export function soleAssignment(context: FileContext, key: string): NonNullable<Setting["assignments"][number]> | undefined {
  const setting = context.setting(key);
  if (!setting || setting.assignments.length !== 1) return undefined;
  return setting.assignments[0];
}

/**
 * The edit that rewrites a string setting's value, when it is one quoted
 * atom written once (a value joined with `+=`, or a bare number, is left alone).
 */
export function replaceValueEdit(context: FileContext, key: string, newValue: string): TextEdit | undefined {
  const setting = context.setting(key);
  if (!setting || setting.value.kind !== "string" || setting.value.parts.length !== 1) return undefined;
  const atom = setting.value.parts[0];
  if (!atom || atom.kind !== "string") return undefined;
  return replaceRange(atom.range, `${atom.quote}${newValue}${atom.quote}`);
}

/** Where a new line can go right after the statement at `range` (or at the start of the file). */
export function insertLineAfter(context: FileContext, range: Range | undefined, line: string): TextEdit {
  if (!range) return { start: 0, end: 0, newText: `${line}\n` };
  const newline = freeNewlineAfter(context, range.end.offset);
  if (newline < 0) {
    // The last line has no newline. xl ignores a lone final byte (a `\r`, or a character its lexer
    // would refuse, like the `-` of `];-`), which is harmless only while it stays last: insert before it.
    const stray = context.parse.diagnostics.find((d) => d.code === "stray-char-at-eof")?.range.start.offset;
    const end = context.text.endsWith("\r") ? context.text.length - 1 : (stray ?? context.text.length);
    return { start: end, end, newText: `\n${line}${end < context.text.length ? "" : "\n"}` };
  }
  return { start: newline + 1, end: newline + 1, newText: `${line}\n` };
}

/**
 * The first newline after `offset` that no statement spans. A statement after
 * a `;` on the same line may go on over more lines (a list), and a line put
 * inside it would break it. Statements are in file order, so one walk does.
 */
function freeNewlineAfter(context: FileContext, offset: number): number {
  let newline = context.text.indexOf("\n", offset);
  for (const statement of context.parse.file.statements) {
    if (newline < 0) break;
    if (statement.range.start.offset < newline && statement.range.end.offset > newline) newline = context.text.indexOf("\n", statement.range.end.offset);
  }
  return newline;
}
