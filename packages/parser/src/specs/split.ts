/**
 * How xl's C code cuts and reads the vif, pci, cpus and rdm specs: `strtok`
 * splitting (empty pieces vanish) and glibc's number readers (`strtoul`,
 * `sscanf("%x")`, `atoi`) with their x86_64 quirks — whitespace skipping,
 * signs, `0x` prefixes, saturation on overflow and the silent truncation when
 * a 64-bit result is stored into a 32-bit field. The spec parsers depend on
 * these quirks (`mac=100000001:…` is octet 01, `cpus="4294967296"` is CPU 0),
 * so they live here, written out once.
 */

/** A piece of a spec as `strtok` returns it, with its place in the spec. */
export interface SpecPiece {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/**
 * Splits `text` at `delimiter` like repeated `strtok` calls: runs of
 * delimiters act as one and empty pieces are never returned.
 */
export function splitLikeStrtok(text: string, delimiter: string): SpecPiece[] {
  const pieces: SpecPiece[] = [];
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf(delimiter, start);
    if (end < 0) end = text.length;
    if (end > start) pieces.push({ text: text.slice(start, end), start, end });
    start = end + 1;
  }
  return pieces;
}

const TWO_POW_32 = 1n << 32n;
const TWO_POW_64 = 1n << 64n;
const ULONG_MAX_BIG = TWO_POW_64 - 1n;
const LONG_MAX_BIG = (1n << 63n) - 1n;

/** `isspace` in the C locale. */
export function isCWhitespace(ch: string | undefined): boolean {
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

/** What one C number reader made of the text at some index. */
export interface CNumberRead {
  /** At least one digit was read (otherwise C reports "no conversion"). */
  readonly found: boolean;
  /**
   * The `unsigned long` result: a leading `-` negates modulo 2^64, and a
   * magnitude above 2^64-1 saturates to 2^64-1 (glibc ignores the sign then).
   */
  readonly value: bigint;
  /** The magnitude was above 2^64-1 (`errno == ERANGE`). */
  readonly overflow: boolean;
  readonly negative: boolean;
  /** Index just after what was read (`endptr`); the start index when nothing was. */
  readonly end: number;
}

interface DigitsRead {
  readonly magnitude: bigint;
  readonly end: number;
}

function readDigits(text: string, at: number, base: number): DigitsRead {
  let magnitude = 0n;
  let end = at;
  const big = BigInt(base);
  while (end < text.length && digitValue(text[end]) < base) {
    magnitude = magnitude * big + BigInt(digitValue(text[end]));
    end++;
  }
  return { magnitude, end };
}

function signedResult(magnitude: bigint, negative: boolean, end: number): CNumberRead {
  const overflow = magnitude > ULONG_MAX_BIG;
  let value = overflow ? ULONG_MAX_BIG : magnitude;
  if (!overflow && negative) value = (TWO_POW_64 - value) % TWO_POW_64;
  return { found: true, value, overflow, negative, end };
}

/**
 * glibc `strtoul(text + from, &end, base)`. Base 0 picks 16 for `0x`, 8 for
 * a leading `0`, else 10. A `0x` not followed by a hex digit reads as `0`
 * and stops at the `x`.
 */
export function readCUnsigned(text: string, from: number, base: 0 | 10 | 16): CNumberRead {
  let at = from;
  while (isCWhitespace(text[at])) at++;
  let negative = false;
  if (text[at] === "+" || text[at] === "-") {
    negative = text[at] === "-";
    at++;
  }
  let radix: number = base;
  const hasHexPrefix = text[at] === "0" && (text[at + 1] === "x" || text[at + 1] === "X") && digitValue(text[at + 2]) < 16;
  if ((base === 0 || base === 16) && hasHexPrefix) {
    radix = 16;
    at += 2;
  } else if (base === 0) {
    radix = text[at] === "0" ? 8 : 10;
  }
  const digits = readDigits(text, at, radix);
  if (digits.end === at) {
    return { found: false, value: 0n, overflow: false, negative: false, end: from };
  }
  return signedResult(digits.magnitude, negative, digits.end);
}

/**
 * glibc `sscanf("%x")` at `from`: like `strtoul(…, 16)` except that a `0x`
 * prefix is consumed even when no hex digit follows (`0x.` reads 0 and
 * stops at the `.`).
 */
export function readScanfHex(text: string, from: number): CNumberRead {
  let at = from;
  while (isCWhitespace(text[at])) at++;
  let negative = false;
  if (text[at] === "+" || text[at] === "-") {
    negative = text[at] === "-";
    at++;
  }
  if (text[at] === "0" && (text[at + 1] === "x" || text[at + 1] === "X")) {
    const digits = readDigits(text, at + 2, 16);
    return signedResult(digits.magnitude, negative, digits.end);
  }
  const digits = readDigits(text, at, 16);
  if (digits.end === at) {
    return { found: false, value: 0n, overflow: false, negative: false, end: from };
  }
  return signedResult(digits.magnitude, negative, digits.end);
}

/** An `unsigned long` stored into an `unsigned int` (x86_64: keeps the low 32 bits). */
export function toCUint32(value: bigint): number {
  return Number(BigInt.asUintN(32, value));
}

/** An `unsigned long` stored into an `int` (x86_64: the low 32 bits, signed). */
export function toCInt32(value: bigint): number {
  return Number(BigInt.asIntN(32, value));
}

/** glibc `atoi`: `strtol` base 10 (saturating at the `long` range), then stored into an `int`. */
export function readCAtoi(text: string): number {
  let at = 0;
  while (isCWhitespace(text[at])) at++;
  let negative = false;
  if (text[at] === "+" || text[at] === "-") {
    negative = text[at] === "-";
    at++;
  }
  const digits = readDigits(text, at, 10);
  if (digits.end === at) return 0;
  let value = negative ? -digits.magnitude : digits.magnitude;
  if (value > LONG_MAX_BIG) value = LONG_MAX_BIG;
  if (value < -LONG_MAX_BIG - 1n) value = -LONG_MAX_BIG - 1n;
  return Number(BigInt.asIntN(32, value));
}

/** The smallest x in [first, last] with x ≡ target (mod 2^32), if any: which loop steps of xl hit a 32-bit index. */
export function rangeHitsModulo32(first: bigint, last: bigint, target: number): boolean {
  const offset = (((BigInt(target) - first) % TWO_POW_32) + TWO_POW_32) % TWO_POW_32;
  return first + offset <= last;
}
