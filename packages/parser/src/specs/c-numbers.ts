/**
 * The C library number readers xl and libxl call, reproduced with glibc's
 * exact behaviour on x86_64 (64-bit `long`, 32-bit `int`), and the casts xl
 * applies to their results.
 *
 * xl never parses numbers itself, so every spec parser that reports what xl
 * does with `"0x"`, `" 12"`, `"-1"` or `"4294967296"` depends on these
 * quirks (`d0x10p0` is disk 16, `mac=100000001:…` is octet 01,
 * `cpus="4294967296"` is CPU 0). They are written out once here; the
 * differences between the C functions are real and kept explicit:
 *
 * - `strtoul` and `strtol` share the front end (blanks, sign, base prefix,
 *   digits) but differ on overflow: `strtoul` saturates at ULONG_MAX and
 *   negates modulo 2^64 (`"-1"` is ULONG_MAX); `strtol` clamps to the `long`
 *   range.
 * - `strto*` take `0x` as a prefix only when a hex digit follows (`"0x"`
 *   reads as `0` and stops at the `x`); `sscanf`'s `%x` and `%i` consume the
 *   `0x` anyway. `sscanf` also tells a blank input (input failure) from a
 *   non-number (matching failure), which changes what xl reports.
 * - Storing a result into a narrower C type keeps the low bits (`toCInt`,
 *   `toCUnsignedInt`, `toCLong`); xl does this silently.
 */

export const C_ULONG_MAX = (1n << 64n) - 1n;
export const C_LONG_MAX = (1n << 63n) - 1n;
export const C_LONG_MIN = -(1n << 63n);
export const C_INT_MAX = 2147483647n;
export const C_UINT32_MAX = 0xffffffffn;

/** C's `isspace` in the "C" locale (xl never sets another locale). */
export function isCSpace(ch: string | undefined): boolean {
  return ch === " " || ch === "\t" || ch === "\n" || ch === "\v" || ch === "\f" || ch === "\r";
}

/** The value of `ch` as a digit in any base up to 36; 99 (no base accepts it) for anything else. */
function digitValue(ch: string | undefined): number {
  if (ch === undefined) return 99;
  const code = ch.charCodeAt(0);
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 122) return code - 87;
  if (code >= 65 && code <= 90) return code - 55;
  return 99;
}

/** Reads the digits of `base` from `at`: their value (unbounded, so overflow can be judged afterwards) and where they stop. */
function readDigits(text: string, at: number, base: number): { magnitude: bigint; end: number } {
  let magnitude = 0n;
  let end = at;
  const big = BigInt(base);
  while (end < text.length && digitValue(text[end]) < base) {
    magnitude = magnitude * big + BigInt(digitValue(text[end]));
    end++;
  }
  return { magnitude, end };
}

/** Skips C whitespace from `at`; then reads an optional sign. */
function skipSpaceAndSign(text: string, at: number): { at: number; negative: boolean } {
  while (isCSpace(text[at])) at++;
  if (text[at] === "+" || text[at] === "-") return { at: at + 1, negative: text[at] === "-" };
  return { at, negative: false };
}

/** An `unsigned long` result: a magnitude above ULONG_MAX saturates (the sign is then ignored), otherwise `-` negates modulo 2^64. */
function asUnsignedLongResult(magnitude: bigint, negative: boolean): { value: bigint; overflow: boolean } {
  if (magnitude > C_ULONG_MAX) return { value: C_ULONG_MAX, overflow: true };
  return { value: negative ? (C_ULONG_MAX + 1n - magnitude) & C_ULONG_MAX : magnitude, overflow: false };
}

/** A `long` result: clamped to LONG_MIN … LONG_MAX. */
function asLongResult(magnitude: bigint, negative: boolean): { value: bigint; overflow: boolean } {
  if (negative) {
    if (magnitude > -C_LONG_MIN) return { value: C_LONG_MIN, overflow: true };
    return { value: -magnitude, overflow: false };
  }
  if (magnitude > C_LONG_MAX) return { value: C_LONG_MAX, overflow: true };
  return { value: magnitude, overflow: false };
}

/* ------------------------------------------------------------------ */
/* strtoul / strtol / atoi                                             */
/* ------------------------------------------------------------------ */

/** What a glibc `strto*` call gives back. */
export interface CNumberRead {
  /** At least one digit was converted (otherwise C reports "no conversion": value 0, `end` = start). */
  readonly found: boolean;
  /** The value returned, already saturated or wrapped as glibc does. */
  readonly value: bigint;
  /** Index just past the characters used (`*endptr`); equals the start index when nothing was converted. */
  readonly end: number;
  /** True when glibc sets errno to ERANGE. */
  readonly overflow: boolean;
  /** A `-` sign was read before the digits (false when nothing was converted). */
  readonly negative: boolean;
  /** The base used once the prefix was seen (8, 10 or 16). */
  readonly base: 8 | 10 | 16;
}

interface Magnitude {
  readonly magnitude: bigint;
  readonly end: number;
  readonly found: boolean;
  readonly negative: boolean;
  readonly base: 8 | 10 | 16;
}

/**
 * The common front end of glibc's strtol/strtoul: blanks, sign, base prefix
 * (base 0 picks 16 for `0x`, 8 for a leading `0`, else 10; base 16 allows an
 * optional `0x`), digits.
 */
function readMagnitude(text: string, start: number, requestedBase: 0 | 8 | 10 | 16): Magnitude {
  const signed = skipSpaceAndSign(text, start);
  let at = signed.at;
  let base: 8 | 10 | 16 = requestedBase === 0 ? 10 : requestedBase;
  let afterPrefix = -1;
  if (text[at] === "0") {
    if ((requestedBase === 0 || requestedBase === 16) && (text[at + 1] === "x" || text[at + 1] === "X")) {
      base = 16;
      afterPrefix = at + 2;
      at += 2;
    } else if (requestedBase === 0) {
      base = 8;
    }
  }
  const digits = readDigits(text, at, base);
  if (digits.end === at) {
    // glibc: "0x" with no hex digit after it converts the "0" and stops at the x.
    if (afterPrefix >= 0) return { magnitude: 0n, end: afterPrefix - 1, found: true, negative: signed.negative, base };
    return { magnitude: 0n, end: start, found: false, negative: false, base };
  }
  return { magnitude: digits.magnitude, end: digits.end, found: true, negative: signed.negative, base };
}

/** glibc `strtoul(text + start, &end, base)`: 64-bit, `-` negates modulo 2^64, saturates at ULONG_MAX. */
export function glibcStrtoul(text: string, start = 0, base: 0 | 8 | 10 | 16 = 10): CNumberRead {
  const m = readMagnitude(text, start, base);
  const { value, overflow } = asUnsignedLongResult(m.magnitude, m.negative); // not spread: this runs for every number in every spec
  return { found: m.found, value, overflow, end: m.end, negative: m.negative, base: m.base };
}

/** glibc `strtol(text + start, &end, base)`: 64-bit, clamped to LONG_MIN … LONG_MAX. */
export function glibcStrtol(text: string, start = 0, base: 0 | 8 | 10 | 16 = 10): CNumberRead {
  const m = readMagnitude(text, start, base);
  const { value, overflow } = asLongResult(m.magnitude, m.negative);
  return { found: m.found, value, overflow, end: m.end, negative: m.negative, base: m.base };
}

/** glibc `atoi`: `(int) strtol(s, NULL, 10)`; text that is not a number gives 0. */
export function glibcAtoi(text: string, start = 0): number {
  return toCInt(glibcStrtol(text, start, 10).value);
}

/* ------------------------------------------------------------------ */
/* sscanf integer conversions                                          */
/* ------------------------------------------------------------------ */

/**
 * One `sscanf` integer conversion: the value stored and where the input
 * stands after it, or why it failed (`input-failure`: nothing but blanks
 * left, which makes sscanf return EOF when it is the first conversion;
 * `mismatch`: the text does not start like a number).
 */
export type CScanRead<T = bigint> =
  | { readonly kind: "ok"; readonly value: T; readonly end: number }
  | { readonly kind: "input-failure" }
  | { readonly kind: "mismatch" };

type ScanFailure = Exclude<CScanRead, { kind: "ok" }>;

/**
 * The front end of glibc's sscanf integer conversions: blanks, sign, then
 * for `%x` an optional `0x` and for `%i` a `0x` (hex) or `0` (octal) prefix,
 * digits. Unlike strtoul, a `0x` is consumed even with no digit after it.
 */
function scanMagnitude(text: string, from: number, conversion: "i" | "x" | "u"): { magnitude: bigint; negative: boolean; end: number } | ScanFailure {
  let at = from;
  while (isCSpace(text[at])) at++;
  if (at >= text.length) return { kind: "input-failure" };
  const signed = skipSpaceAndSign(text, at);
  at = signed.at;
  let radix = conversion === "x" ? 16 : 10;
  let sawZero = false;
  if (conversion !== "u" && text[at] === "0") {
    sawZero = true;
    at++;
    if (text[at] === "x" || text[at] === "X") {
      radix = 16;
      at++;
    } else if (conversion === "i") {
      radix = 8;
    }
  }
  const digits = readDigits(text, at, radix);
  if (!sawZero && digits.end === at) return { kind: "mismatch" };
  return { magnitude: digits.magnitude, negative: signed.negative, end: digits.end };
}

/**
 * The `%x` / `%lx` / `%llx` conversion of glibc's sscanf at `from`: optional
 * blanks and sign, an optional `0x`, hex digits; the 64-bit `unsigned long`
 * value (`"0x"` reads as 0, `"-1"` as ULONG_MAX). xl stores `%x` into an
 * `unsigned int`: cut it with `toCUnsignedInt`.
 */
export function glibcScanHex(text: string, from: number): CScanRead {
  const read = scanMagnitude(text, from, "x");
  if ("kind" in read) return read;
  return { kind: "ok", value: asUnsignedLongResult(read.magnitude, read.negative).value, end: read.end };
}

/**
 * The `%u` conversion of glibc's sscanf into an `unsigned int`: the 64-bit
 * strtoul result cut to 32 bits (`"-1"` gives 4294967295).
 */
export function glibcScanUnsigned(text: string, from: number): CScanRead {
  const read = scanMagnitude(text, from, "u");
  if ("kind" in read) return read;
  return { kind: "ok", value: asUnsignedLongResult(read.magnitude, read.negative).value & C_UINT32_MAX, end: read.end };
}

/**
 * The `%i` conversion of glibc's sscanf into an `int`: `0x` hex (consumed
 * even with no digit after it), a leading `0` octal, else decimal. The value
 * goes through `strtol`, which clamps to the `long` range, and is then cut to
 * 32 bits.
 */
export function glibcScanInt(text: string, from: number): CScanRead<number> {
  const read = scanMagnitude(text, from, "i");
  if ("kind" in read) return read;
  return { kind: "ok", value: toCInt(asLongResult(read.magnitude, read.negative).value), end: read.end };
}

/* ------------------------------------------------------------------ */
/* Stores into narrower C types (x86_64 gcc keeps the low bits)        */
/* ------------------------------------------------------------------ */

/** A 64-bit value stored into an `int`: the low 32 bits, signed. */
export function toCInt(value: bigint): number {
  return Number(BigInt.asIntN(32, value));
}

/** A 64-bit value stored into an `unsigned int`: the low 32 bits. */
export function toCUnsignedInt(value: bigint): number {
  return Number(BigInt.asUintN(32, value));
}

/** An `unsigned long` seen as a signed `long` (what `long l = strtoul(…)` stores). */
export function toCLong(value: bigint): bigint {
  return BigInt.asIntN(64, value);
}

/**
 * Whether some x in [first, last] has x ≡ target (mod 2^32): which steps of
 * an xl loop over a 64-bit range hit a given 32-bit `int` index.
 */
export function rangeHitsModulo32(first: bigint, last: bigint, target: number): boolean {
  const modulus = 1n << 32n;
  const offset = (((BigInt(target) - first) % modulus) + modulus) % modulus;
  return first + offset <= last;
}
