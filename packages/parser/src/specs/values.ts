/**
 * Numeric settings, memory sizes and UUIDs exactly as xl 4.17 reads them.
 *
 * xl never parses numbers itself: it calls glibc (`strtol` here) and acts on
 * what that returns, quirks included; the glibc readers live in
 * `c-numbers.ts`, shared by every spec parser.
 */
import { C_INT_MAX, C_LONG_MAX, glibcStrtol } from "./c-numbers";
import type { SpecField, SpecProblem, SpecText, Span } from "./spec-text";

// The glibc readers used to live here and spec-values.test.ts still imports them from this module.
export { C_LONG_MAX, C_LONG_MIN, C_ULONG_MAX, glibcAtoi, glibcScanHex, glibcScanUnsigned, glibcStrtol, glibcStrtoul } from "./c-numbers";

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
