/**
 * The C library number readers that libxl uses on vdev names, reproduced
 * with glibc's exact behaviour on x86_64 (64-bit `long`, 32-bit `int`):
 * whitespace skipping, signs, base prefixes, saturation on overflow and the
 * silent truncation when a `long` is stored into an `int`. The vdev decoder
 * depends on these quirks (`d0x10p0` is disk 16, `xvda-18446744073709551615`
 * is partition 1), so they are kept in one place and written out in full.
 */

const ULONG_MAX = (1n << 64n) - 1n;
const LONG_MAX = (1n << 63n) - 1n;
const LONG_MIN = -(1n << 63n);

/** `isspace` in the C locale. */
export function isCSpace(ch: string | undefined): boolean {
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

function isHexDigit(ch: string | undefined): boolean {
  return digitValue(ch) < 16;
}

/** Reads the digits of `base` from `at`: their value (unbounded) and where they stop. */
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

export interface StrtoulResult {
  /** The `unsigned long` result (0 … 2^64−1). */
  readonly value: bigint;
  /** Index of the first character not used (`*endptr`); `from` when nothing was converted. */
  readonly end: number;
  /** Whether glibc would set `errno = ERANGE`. */
  readonly overflow: boolean;
}

/**
 * `strtoul(text + from, &end, base)` for base 0 or 10. A leading `-` negates
 * modulo 2^64 (so `-1` is ULONG_MAX); a magnitude above ULONG_MAX gives
 * ULONG_MAX and ERANGE.
 */
export function cStrtoul(text: string, from: number, base: 0 | 10): StrtoulResult {
  let at = from;
  while (isCSpace(text[at])) at++;
  let negative = false;
  if (text[at] === "+" || text[at] === "-") {
    negative = text[at] === "-";
    at++;
  }
  let radix = 10;
  if (base === 0) {
    // "0x" counts as a prefix only when a hex digit follows; otherwise the
    // "0" alone is the number and the "x" is left over.
    if (text[at] === "0" && (text[at + 1] === "x" || text[at + 1] === "X") && isHexDigit(text[at + 2])) {
      radix = 16;
      at += 2;
    } else if (text[at] === "0") {
      radix = 8;
    }
  }
  const { magnitude, end } = readDigits(text, at, radix);
  if (end === at) return { value: 0n, end: from, overflow: false };
  if (magnitude > ULONG_MAX) return { value: ULONG_MAX, end, overflow: true };
  const value = negative ? (ULONG_MAX + 1n - magnitude) & ULONG_MAX : magnitude;
  return { value, end, overflow: false };
}

/** An `unsigned long` seen as a signed `long` (what `long pl = strtoul(…)` stores). */
export function asLong(value: bigint): bigint {
  return BigInt.asIntN(64, value);
}

/** A `long` stored into an `int`: the low 32 bits, as x86_64 gcc does. */
export function longToInt(value: bigint): number {
  return Number(BigInt.asIntN(32, value));
}

/**
 * One `%i` conversion of glibc's `sscanf` into an `int`, starting at `from`:
 * skips whitespace, takes a sign, then `0x`/`0X` (hex, consumed even with no
 * digit after it), a leading `0` (octal) or decimal digits. The value goes
 * through `strtol`, which saturates at the `long` limits, and is then cut to
 * 32 bits. Undefined when nothing matches (a matching failure).
 */
export function cScanInt(text: string, from: number): { value: number; end: number } | undefined {
  let at = from;
  while (isCSpace(text[at])) at++;
  let negative = false;
  if (text[at] === "+" || text[at] === "-") {
    negative = text[at] === "-";
    at++;
  }
  let radix = 10;
  let sawZero = false;
  if (text[at] === "0") {
    sawZero = true;
    at++;
    if (text[at] === "x" || text[at] === "X") {
      radix = 16;
      at++;
    } else {
      radix = 8;
    }
  }
  const { magnitude, end } = readDigits(text, at, radix);
  if (!sawZero && end === at) return undefined;
  let value = negative ? -magnitude : magnitude;
  if (value > LONG_MAX) value = LONG_MAX;
  if (value < LONG_MIN) value = LONG_MIN;
  return { value: longToInt(value), end };
}

export const INT_MAX = 2 ** 31 - 1;
