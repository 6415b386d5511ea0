/**
 * The disks of a config, each parsed once the way xl reads it and shared by
 * every rule of the disk family: the list items of `disk`, the result of
 * `parseDiskSpec`, the vdev decoded as libxl decodes it, and what libxl will
 * say about the disk at create time (`checkDiskForLibxl`).
 */
import {
  readXlNumber,
  xlNumberOptionsFor,
  checkDiskForLibxl,
  decodeVdev,
  fileRangeOf,
  parseDiskSpec,
  type DiskSpecResult,
  type Evaluation,
  type LineIndex,
  type NumberValue,
  type Range,
  type Setting,
  type Span,
  type SpecProblem,
  type SpecText,
  type StringValue,
  type VdevInfo,
} from "@xlint/parser";
import { compareXenVersions, type HostProfile } from "../../engine/host";
import type { GuestType } from "../../engine/guest-type";
import { fileCache } from "../../engine/file-caches";
import type { FileContext } from "../../engine/types";
import { rangeOfValue, specOfAtom } from "./settings";

export interface DiskEntry {
  /** Position in the `disk` list (0 is the boot disk for a bootloader). */
  readonly index: number;
  /** The whole list item in the file. */
  readonly range: Range;
  /**
   * The spec as this release's xl reads it. For Xen 4.19 and later the words
   * the 4.17 scanner lacks (`trusted`, `untrusted`, `grant_usage=`) are blanked
   * out, so that the rest reads as a newer xl reads it; indices still match
   * the file.
   */
  readonly spec: SpecText;
  /** Whether `spec` differs from what the file says (words blanked for a newer xl): whole-spec rewrites would lose them. */
  readonly rewritten: boolean;
  readonly result: DiskSpecResult;
  /** The vdev as libxl decodes it, when the spec parses and names one. */
  readonly vdev: VdevInfo | undefined;
  /** What libxl does with a disk the parser accepted (empty when it did not). */
  readonly libxl: readonly SpecProblem[];
}

export interface DiskEnvironment {
  readonly guestType: GuestType | undefined;
  readonly host: HostProfile;
  /** `hdtype` as xl matches it (any case); anything else counts as the default, `ide`. */
  readonly hdtype: "ide" | "ahci";
  /** qemu-xen-traditional builds its command line differently: the qemu-xen checks do not apply. */
  readonly traditionalDeviceModel: boolean;
}

/** Whether the host's xl predates the disk words added in 4.19 (`trusted`, `untrusted`, `grant_usage=`). */
export function hasOldDiskScanner(host: HostProfile): boolean {
  return compareXenVersions(host.xenVersion, "4.19") < 0;
}

/** The spec items of a `disk` list; a plain string or nested lists are another family's business. */
function specItems(setting: Setting | undefined): { index: number; range: Range; spec: SpecText }[] {
  if (!setting || setting.value.kind !== "list") return [];
  const out: { index: number; range: Range; spec: SpecText }[] = [];
  setting.value.items.forEach((value, index) => {
    if (value.kind !== "string" || value.parts.length !== 1) return;
    const range = rangeOfValue(value);
    if (!range) return;
    out.push({ index, range, spec: specOfAtom(value.parts[0] as StringValue | NumberValue) });
  });
  return out;
}

function stringValue(setting: Setting | undefined): string | undefined {
  return setting?.value.kind === "string" ? setting.value.value : undefined;
}

function blank(text: string, span: Span): string {
  return text.slice(0, span.start) + " ".repeat(span.end - span.start) + text.slice(span.end);
}

/**
 * For a 4.19+ host: the spec with the words its scanner knows but the 4.17
 * one misreads replaced by blanks (which the scanner skips before a field),
 * one at a time, re-reading after each.
 */
function asNewerXlReadsIt(spec: SpecText): SpecText {
  let text = spec.text;
  for (let round = 0; round < 16; round++) {
    const { tokens } = parseDiskSpec({ ...spec, text });
    let cut: Span | undefined;
    tokens.forEach((token) => {
      if (cut || token.kind !== "positional" || !token.valueSpan) return;
      const word = text.slice(token.valueSpan.start, token.valueSpan.end);
      if (word === "trusted" || word === "untrusted") cut = token.span;
      else if (word === "grant_usage" && text[token.valueSpan.end] === "=") {
        const comma = text.indexOf(",", token.valueSpan.end);
        cut = { start: token.span.start, end: comma < 0 ? text.length : comma + 1 };
      }
    });
    if (!cut) break;
    text = blank(text, cut);
  }
  return text === spec.text ? spec : { ...spec, text };
}

function diskEnvironmentOf(settings: ReadonlyMap<string, Setting>, guestType: GuestType | undefined, host: HostProfile): DiskEnvironment {
  return {
    guestType,
    host,
    hdtype: stringValue(settings.get("hdtype"))?.toLowerCase() === "ahci" ? "ahci" : "ide",
    traditionalDeviceModel: traditionalDeviceModel(settings, guestType),
  };
}

/**
 * Whether the device model is qemu-xen-traditional: asked for by name, or
 * chosen by libxl for an HVM guest with a stub domain and no
 * `device_model_version` (libxl_create.c, libxl__domain_build_info_setdefault).
 */
function traditionalDeviceModel(settings: ReadonlyMap<string, Setting>, guestType: GuestType | undefined): boolean {
  const version = settings.get("device_model_version");
  if (version) return stringValue(version) === "qemu-xen-traditional";
  return guestType === "hvm" && defbool(settings.get("device_model_stubdomain_override")) === true;
}

/** A boolean as xl's `xlu_cfg_get_defbool` reads it: a number, non-zero for true; anything else leaves the default. */
function defbool(setting: Setting | undefined): boolean | undefined {
  if (setting?.value.kind !== "string") return undefined;
  const read = readXlNumber(setting.value.value, xlNumberOptionsFor("device_model_stubdomain_override", setting.operator));
  return read.value === undefined ? undefined : read.value !== 0n;
}

function readDiskEntries(settings: ReadonlyMap<string, Setting>, environment: DiskEnvironment): DiskEntry[] {
  const newer = !hasOldDiskScanner(environment.host);
  // One options object for every disk of the file (not one per disk).
  const libxlOptions = { ...(environment.guestType ? { guestType: environment.guestType } : {}), hdtype: environment.hdtype };
  return specItems(settings.get("disk")).map(({ index, range, spec: written }) => {
    const spec = newer ? asNewerXlReadsIt(written) : written;
    const result = parseDiskSpec(spec);
    const vdev = result.accepted && result.disk.vdev !== undefined ? decodeVdev(result.disk.vdev) : undefined;
    let libxl = checkDiskForLibxl(result, libxlOptions);
    if (environment.traditionalDeviceModel) libxl = libxl.filter((p) => p.code !== "read-only-emulated-disk");
    // From Xen 4.19 libxl drives tap again (through tapback) for raw and vhd images without COLO.
    const tapServes = result.disk.backendType === "tap" && (result.disk.format === "raw" || result.disk.format === "vhd") && result.disk.colo !== true;
    if (newer && tapServes) libxl = libxl.filter((p) => p.code !== "no-suitable-backend");
    return { index, range, spec, rewritten: spec !== written, result, vdev, libxl };
  });
}

const cache = fileCache<{ host: HostProfile; guestType: GuestType | undefined; entries: DiskEntry[] }>();

/** Every disk of the file, parsed once per file and host for all the rules of the family (and duplicate-target's facts). */
export function diskEntries(context: Pick<FileContext, "evaluation" | "guest" | "host">): DiskEntry[] {
  return diskEntriesOf(context.evaluation, context.guest.type, context.host);
}

function diskEntriesOf(evaluation: Evaluation, guestType: GuestType | undefined, host: HostProfile): DiskEntry[] {
  const cached = cache.get(evaluation);
  if (cached && cached.host === host && cached.guestType === guestType) return cached.entries;
  const entries = readDiskEntries(evaluation.settings, diskEnvironmentOf(evaluation.settings, guestType, host));
  cache.set(evaluation, { host, guestType, entries });
  return entries;
}

/**
 * The file range of a span inside a disk spec. A field with no characters
 * (an empty vdev or target) has nothing to point at, so the whole spec is
 * shown instead.
 */
export function diskRange(lines: LineIndex, entry: DiskEntry, span: Span): Range {
  const shown = span.end > span.start || entry.spec.text.length === 0 ? span : { start: 0, end: entry.spec.text.length };
  return fileRangeOf(entry.spec, shown, lines);
}

/** The characters of the spec at `span`. */
export function textAt(entry: DiskEntry, span: Span): string {
  return entry.spec.text.slice(span.start, span.end);
}

/** The libxl problem of a disk with the given code, if libxl has it. */
export function libxlProblem(entry: DiskEntry, ...codes: readonly string[]): SpecProblem | undefined {
  return entry.libxl.find((p) => codes.includes(p.code));
}

/** How a message names another disk: `disk 2 (line 7)`, both 1-based. */
export function describeEntry(entry: DiskEntry): string {
  return `disk ${entry.index + 1} (line ${entry.range.start.line + 1})`;
}
