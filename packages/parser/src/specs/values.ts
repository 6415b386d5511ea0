/**
 * Numbers and UUIDs exactly as xl 4.17 reads them.
 *
 * xl never parses numbers itself: it calls glibc (`strtol`, `strtoul`,
 * `atoi`, `sscanf`) and acts on what those return, quirks included. The
 * `c*` functions below reproduce glibc's results (value, end position,
 * overflow) so that every spec parser can say precisely what xl does with
 * `"0x"`, `" 12"`, `"-1"` or `"512M"`.
 */
import type { SpecField, SpecProblem, SpecText, Span } from "./spec-text";

export const C_ULONG_MAX = (1n << 64n) - 1n;
export const C_LONG_MAX = (1n << 63n) - 1n;
export const C_LONG_MIN = -(1n << 63n);
export const C_INT_MAX = 2147483647n;
export const C_UINT32_MAX = 0xffffffffn;

/** C's isspace in the "C" locale (xl never sets another locale). */
export function isCTypeSpace(ch: string | undefined): boolean {
  return ch === " " || ch === "\t" || ch === "\n" || ch === "\v" || ch === "\f" || ch === "\r";
}

function digitValue(ch: string | undefined): number {
  if (ch === undefined) return 99;
  const code = ch.charCodeAt(0);
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 122) return code - 87;
  if (code >= 65 && code <= 90) return code - 55;
  return 99;
}

/** What a glibc `strto*` call gives back. */
export interface GlibcNumberRead {
  /** The value returned, already saturated or wrapped as glibc does. */
  readonly value: bigint;
  /** Index just past the characters used; equals the start index when nothing was converted. */
  readonly end: number;
  /** True when glibc sets errno to ERANGE. */
  readonly overflow: boolean;
  /** A `-` sign was read. */
  readonly negative: boolean;
  /** The base used once the prefix was seen (8, 10 or 16). */
  readonly base: 8 | 10 | 16;
}

interface Magnitude {
  readonly magnitude: bigint;
  readonly end: number;
  readonly converted: boolean;
  readonly negative: boolean;
  readonly base: 8 | 10 | 16;
}

/** The common front end of strtol/strtoul: spaces, sign, base prefix, digits. */
function readMagnitude(text: string, start: number, requestedBase: 0 | 8 | 10 | 16): Magnitude {
  let i = start;
  while (isCTypeSpace(text[i])) i++;
  let negative = false;
  if (text[i] === "-" || text[i] === "+") {
    negative = text[i] === "-";
    i++;
  }
  let base: 8 | 10 | 16 = requestedBase === 0 ? 10 : requestedBase;
  let afterPrefix = -1;
  if (text[i] === "0") {
    if ((requestedBase === 0 || requestedBase === 16) && (text[i + 1] === "x" || text[i + 1] === "X")) {
      base = 16;
      afterPrefix = i + 2;
      i += 2;
    } else if (requestedBase === 0) {
      base = 8;
    }
  }
  const digitsStart = i;
  let magnitude = 0n;
  const bigBase = BigInt(base);
  while (digitValue(text[i]) < base) {
    magnitude = magnitude * bigBase + BigInt(digitValue(text[i]));
    i++;
  }
  if (i === digitsStart) {
    // glibc: "0x" with no hex digit after it converts the "0" and stops at the x.
    if (afterPrefix >= 0) return { magnitude: 0n, end: afterPrefix - 1, converted: true, negative, base };
    return { magnitude: 0n, end: start, converted: false, negative, base };
  }
  return { magnitude, end: i, converted: true, negative, base };
}

/** glibc `strtoul(text + start, &end, base)` on a 64-bit machine. */
export function glibcStrtoul(text: string, start = 0, base: 0 | 8 | 10 | 16 = 10): GlibcNumberRead {
  const m = readMagnitude(text, start, base);
  if (m.magnitude > C_ULONG_MAX) return { value: C_ULONG_MAX, end: m.end, overflow: true, negative: m.negative, base: m.base };
  const value = m.negative ? (C_ULONG_MAX + 1n - m.magnitude) & C_ULONG_MAX : m.magnitude;
  return { value, end: m.end, overflow: false, negative: m.negative, base: m.base };
}

/** glibc `strtol(text + start, &end, base)` on a 64-bit machine. */
export function glibcStrtol(text: string, start = 0, base: 0 | 8 | 10 | 16 = 10): GlibcNumberRead {
  const m = readMagnitude(text, start, base);
  if (m.negative) {
    if (m.magnitude > -C_LONG_MIN) return { value: C_LONG_MIN, end: m.end, overflow: true, negative: true, base: m.base };
    return { value: -m.magnitude, end: m.end, overflow: false, negative: true, base: m.base };
  }
  if (m.magnitude > C_LONG_MAX) return { value: C_LONG_MAX, end: m.end, overflow: true, negative: false, base: m.base };
  return { value: m.magnitude, end: m.end, overflow: false, negative: false, base: m.base };
}

/** Wraps a 64-bit value to C's `int` (what `atoi` and `(int)` casts give). */
export function truncateToCInt(value: bigint): number {
  return Number(BigInt.asIntN(32, value));
}

/** glibc `atoi`: `(int) strtol(s, NULL, 10)`; text that is not a number gives 0. */
export function glibcAtoi(text: string, start = 0): number {
  return truncateToCInt(glibcStrtol(text, start, 10).value);
}

/**
 * One `sscanf` integer conversion: the value stored and where the input
 * stands after it, or why it failed (`input-failure`: nothing but blanks
 * left, which makes sscanf return EOF when it is the first conversion;
 * `mismatch`: the text does not start like a number).
 */
export type GlibcScanRead =
  | { readonly kind: "ok"; readonly value: bigint; readonly end: number }
  | { readonly kind: "input-failure" }
  | { readonly kind: "mismatch" };

/**
 * The `%lx` / `%llx` conversion of glibc's sscanf: optional spaces and sign,
 * an optional `0x`, hex digits. Unlike strtoul it consumes `0x` even with no
 * digit after it (`"0x"` reads as 0).
 */
export function glibcScanHex(text: string, start: number): GlibcScanRead {
  let i = start;
  while (isCTypeSpace(text[i])) i++;
  if (i >= text.length) return { kind: "input-failure" };
  let negative = false;
  if (text[i] === "-" || text[i] === "+") {
    negative = text[i] === "-";
    i++;
  }
  let sawZero = false;
  if (text[i] === "0") {
    sawZero = true;
    i++;
    if (text[i] === "x" || text[i] === "X") i++;
  }
  let magnitude = 0n;
  let digits = 0;
  while (digitValue(text[i]) < 16) {
    magnitude = magnitude * 16n + BigInt(digitValue(text[i]));
    i++;
    digits++;
  }
  if (!sawZero && digits === 0) return { kind: "mismatch" };
  let value: bigint;
  if (magnitude > C_ULONG_MAX) value = C_ULONG_MAX;
  else value = negative ? (C_ULONG_MAX + 1n - magnitude) & C_ULONG_MAX : magnitude;
  return { kind: "ok", value, end: i };
}

/**
 * The `%u` conversion of glibc's sscanf into an `unsigned int`: the 64-bit
 * strtoul result cut to 32 bits (`"-1"` gives 4294967295).
 */
export function glibcScanUnsigned(text: string, start: number): GlibcScanRead {
  let i = start;
  while (isCTypeSpace(text[i])) i++;
  if (i >= text.length) return { kind: "input-failure" };
  const read = glibcStrtoul(text, i, 10);
  if (read.end === i) return { kind: "mismatch" };
  return { kind: "ok", value: read.value & C_UINT32_MAX, end: read.end };
}

/* ------------------------------------------------------------------ */
/* Numeric keys: xlu_cfg_get_long / xlu_cfg_get_bounded_long           */
/* ------------------------------------------------------------------ */

export interface XlNumberOptions {
  /** The key, for messages (`memory`). */
  readonly key?: string;
  /** The operator of the last assignment: xl refuses to read a number set with `+=`. */
  readonly operator?: "=" | "+=";
  /** Bounds xl itself checks (only `max_grant_frames`, `max_maptrack_frames`, `max_grant_version`). */
  readonly min?: bigint;
  readonly max?: bigint;
  /**
   * What xl does when it cannot use the value: `ignore` (print a warning and
   * carry on without the setting, most keys) or `exit` (stop without any
   * message: the keys read with warnings turned off and checked by xl).
   */
  readonly onFailure?: "ignore" | "exit";
}

/** The result of reading a numeric setting the way xl does. */
export interface XlNumber {
  /** The C `long` xl stores, or undefined when xl does not use the setting. */
  readonly value: bigint | undefined;
  readonly problems: readonly SpecProblem[];
}

/** The keys whose bad values make xl exit (silently), with the bounds xl checks. */
const EXITING_NUMBER_KEYS: ReadonlyMap<string, XlNumberOptions> = new Map([
  ["max_grant_frames", { min: 0n, max: C_INT_MAX, onFailure: "exit" }],
  ["max_maptrack_frames", { min: 0n, max: C_INT_MAX, onFailure: "exit" }],
  ["max_grant_version", { min: 0n, max: C_INT_MAX, onFailure: "exit" }],
]);

/** How xl 4.17 reads the numeric key `key`: bounds and failure behaviour. */
export function xlNumberOptionsFor(key: string, operator: "=" | "+=" = "="): XlNumberOptions {
  return { key, operator, ...(EXITING_NUMBER_KEYS.get(key) ?? { onFailure: "ignore" }) };
}

function describeKey(options: XlNumberOptions): string {
  return options.key ? `\`${options.key}\`` : "this setting";
}

/**
 * Reads `text` as xl reads a numeric setting: `strtol(text, &end, 0)` on the
 * whole string. Decimal, `0x` hex and leading-`0` octal are accepted, with
 * optional leading blanks and sign; anything after the digits makes the
 * value unusable. Spans index `text`.
 */
export function readXlNumber(text: string, options: XlNumberOptions = {}): XlNumber {
  const whole: Span = { start: 0, end: text.length };
  const exits = options.onFailure === "exit";
  const effect = exits ? "fatal" : "warning";
  const consequence = exits
    ? "xl stops without printing any message, so the guest is not created"
    : "xl prints a warning and ignores the setting, so the default is used";
  const key = describeKey(options);
  const fail = (code: string, what: string, fix: string, span: Span = whole): XlNumber => ({
    value: undefined,
    problems: [{ code, message: `${what}: ${consequence}; ${fix}`, span, effect }],
  });
  if (options.operator === "+=") {
    return fail("append-to-number", `${key} is set with \`+=\`, which xl refuses for numbers`, "use `=`");
  }
  const read = glibcStrtol(text, 0, 0);
  if (read.overflow) {
    return fail("number-out-of-range", `\`${text}\` does not fit in a 64-bit signed number`, "write a smaller number");
  }
  if (read.end === 0 || read.end !== text.length) {
    const junk: Span = read.end === 0 ? whole : { start: read.end, end: text.length };
    const hint = numberHint(text);
    return fail("not-a-number", `\`${text}\` is not a number xl can read${hint}`, "write a plain decimal or 0x hex integer", junk);
  }
  if (options.min !== undefined && read.value < options.min) {
    return fail("number-below-minimum", `${key} is ${read.value}, below the smallest value xl allows (${options.min})`, `use a value of at least ${options.min}`);
  }
  if (options.max !== undefined && read.value > options.max) {
    return fail("number-above-maximum", `${key} is ${read.value}, above the largest value xl allows (${options.max})`, `use a value of at most ${options.max}`);
  }
  const problems: SpecProblem[] = [];
  if (read.base === 8 && /[1-7]/.test(text)) {
    problems.push({
      code: "octal-number",
      message: `\`${text}\` starts with 0, so xl reads it as octal (${read.value}); drop the leading zero if you meant decimal`,
      span: whole,
      effect: "silent",
    });
  }
  return { value: read.value, problems };
}

function numberHint(text: string): string {
  if (/^\s*\d+\s*[kKmMgGtT][bB]?\s*$/.test(text)) return " (xl does not understand size suffixes; memory sizes are plain MiB)";
  if (/\s$/.test(text)) return " (the trailing blank is not allowed)";
  if (/^\s*0\d*[89]/.test(text)) return " (a leading 0 means octal, where 8 and 9 are not digits)";
  if (/^\s*\d*\.\d/.test(text)) return " (only whole numbers are allowed)";
  return "";
}

/** A memory size setting (`memory`, `maxmem`, …) in MiB, as xl reads it. */
export interface XlMemorySize {
  /** MiB as written, or undefined when xl ignores the setting. */
  readonly mib: bigint | undefined;
  /** The KiB figure xl hands to libxl (`mib * 1024` wrapped to 64 bits, as C does). */
  readonly kib: bigint | undefined;
  readonly problems: readonly SpecProblem[];
}

/**
 * Reads a MiB size (`memory`, `maxmem`, `videoram`, `shadow_memory`, …) as
 * xl does: an ordinary numeric setting (no `M`/`G` suffix), multiplied by 1024.
 */
export function readMemoryMiB(text: string, options: XlNumberOptions = {}): XlMemorySize {
  const read = readXlNumber(text, options);
  if (read.value === undefined) return { mib: undefined, kib: undefined, problems: read.problems };
  const problems = [...read.problems];
  const kib = BigInt.asUintN(64, read.value * 1024n);
  const whole: Span = { start: 0, end: text.length };
  if (read.value < 0n) {
    problems.push({
      code: "negative-memory",
      message: `${describeKey(options)} is negative: xl turns it into an enormous unsigned size that no host has, so creating the guest fails; give a positive size in MiB`,
      span: whole,
      effect: "libxl-fatal",
    });
  } else if (read.value * 1024n > C_LONG_MAX) {
    problems.push({
      code: "memory-overflow",
      message: `${describeKey(options)} is too large: the size in KiB overflows and wraps around, so the guest does not get what you asked for; give a realistic size in MiB`,
      span: whole,
      effect: "libxl-fatal",
    });
  }
  return { mib: read.value, kib, problems };
}

/* ------------------------------------------------------------------ */
/* UUIDs (libuuid's uuid_parse, used for `uuid` and vtpm `uuid=`)       */
/* ------------------------------------------------------------------ */

export interface ParsedUuid {
  /** The UUID, lowercased, when valid. */
  readonly value: SpecField<string> | undefined;
  readonly problems: readonly SpecProblem[];
}

const UUID_DASHES = new Set([8, 13, 18, 23]);

/** Where `text` first departs from the 8-4-4-4-12 form, or -1 when it is a valid UUID. */
export function uuidErrorIndex(text: string): number {
  for (let i = 0; i < Math.min(text.length, 36); i++) {
    const ch = text[i] as string;
    if (UUID_DASHES.has(i)) {
      if (ch !== "-") return i;
    } else if (!/[0-9a-fA-F]/.test(ch)) {
      return i;
    }
  }
  return text.length === 36 ? -1 : Math.min(text.length, 36);
}

/**
 * Reads a UUID the way libuuid does: exactly 36 characters, hex digits
 * (either case) with dashes at 8-4-4-4-12; no braces, no spaces. The nil
 * UUID is accepted. `span` selects the UUID inside the spec (default: all of
 * it); `what` names it in messages (default: the \`uuid\` key).
 */
export function parseUuid(spec: SpecText, span: Span = { start: 0, end: spec.text.length }, what = "`uuid`"): ParsedUuid {
  const text = spec.text.slice(span.start, span.end);
  const bad = uuidErrorIndex(text);
  if (bad >= 0) {
    const detail =
      text.length !== 36
        ? `it has ${text.length} character${text.length === 1 ? "" : "s"} instead of 36`
        : `character ${bad + 1} (\`${text[bad]}\`) should be ${UUID_DASHES.has(bad) ? "a dash" : "a hex digit"}`;
    return {
      value: undefined,
      problems: [
        {
          code: "bad-uuid",
          message: `${what} \`${text}\` is not a UUID (${detail}): xl refuses the config; write it as 8-4-4-4-12 hex digits, e.g. from \`uuidgen\``,
          span,
          effect: "fatal",
        },
      ],
    };
  }
  const problems: SpecProblem[] = [];
  if (/^[0-]+$/.test(text)) {
    problems.push({
      code: "nil-uuid",
      message: `${what} is the nil UUID: xl uses it as it is, so it identifies nothing and is shared by every config that uses it; use a generated UUID`,
      span,
      effect: "silent",
    });
  }
  return { value: { value: text.toLowerCase(), span }, problems };
}
