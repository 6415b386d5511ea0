/**
 * The vif `rate=` value, `RATE[@INTERVAL]`, read as Xen 4.17's
 * `xlu_vif_parse_rate` reads it: the same two regular expressions, the same
 * base-0 number reading (a leading `0` means octal), the same 64-bit
 * arithmetic and overflow checks. Every error here makes `xl create` stop.
 */
import type { SpecProblem, Span } from "./spec-text";
import { C_UINT32_MAX, glibcStrtoul } from "./c-numbers";

/** The limit xl hands to libxl for a valid rate. */
export interface RateLimit {
  /** The rate in bytes per second, after xl's multiplier and bits-to-bytes division. */
  readonly bytesPerSecond: number;
  /** `rate_interval_usecs`: the replenishment interval in microseconds (50000 by default). */
  readonly intervalUsecs: number;
  /** `rate_bytes_per_interval`: bytesPerSecond × intervalUsecs / 10^6, rounded down. */
  readonly bytesPerInterval: number;
}

export interface RateParse {
  readonly text: string;
  /** The limit, when xl accepts the value. */
  readonly limit: RateLimit | undefined;
  /** The part before `@`. */
  readonly rateSpan: Span;
  /** The part after `@`, when there is one. */
  readonly intervalSpan: Span | undefined;
  /** Spans are indices into `text`. */
  readonly problems: readonly SpecProblem[];
}

/** xl's pattern for the rate part. */
const RATE_PATTERN = /^[0-9]+[GMK]?[Bb]\/s$/;
/** xl's pattern for the interval part. */
const INTERVAL_PATTERN = /^[0-9]+[mu]?s?$/;
const UINT64_MAX = (1n << 64n) - 1n;
const DEFAULT_INTERVAL_USECS = 50000n;

const FORM = "write RATE/s[@INTERVAL], e.g. `10MB/s@50ms` (B bytes, b bits; K, M, G uppercase; interval in s, ms or us)";

/** Reads a vif `rate=` value exactly as xl 4.17 does. Never throws. */
export function parseRate(text: string): RateParse {
  const at = text.indexOf("@");
  const ratePart = at < 0 ? text : text.slice(0, at);
  const rateSpan: Span = { start: 0, end: ratePart.length };
  const intervalSpan: Span | undefined = at < 0 ? undefined : { start: at + 1, end: text.length };
  const problems: SpecProblem[] = [];
  const fail = (): RateParse => ({ text, limit: undefined, rateSpan, intervalSpan, problems });
  const whole: Span = { start: 0, end: text.length };

  if (ratePart === "") {
    problems.push({
      code: "rate-missing",
      message: `the rate is empty, so xl stops with "no rate specified": ${FORM}`,
      span: whole,
      effect: "fatal",
    });
    return fail();
  }

  if (!RATE_PATTERN.test(ratePart)) {
    problems.push({ code: "rate-invalid", message: describeBadRate(ratePart), span: rateSpan, effect: "fatal" });
    return fail();
  }
  const rateRead = glibcStrtoul(ratePart, 0, 0);
  if (rateRead.value === 0n || rateRead.value > C_UINT32_MAX || rateRead.overflow) {
    const digits = ratePart.slice(0, digitRunEnd(ratePart));
    const why =
      rateRead.value === 0n
        ? (octalNote(ratePart, rateRead.end, "is 0") ?? `\`${digits}\` is 0`)
        : `\`${digits}\` is above 4294967295 (xl checks the number before applying K, M or G)`;
    problems.push({
      code: "rate-overflow",
      message: `in rate \`${ratePart}\`, ${why}; xl stops with "rate overflow": use a number from 1 to 4294967295 and a bigger unit`,
      span: { start: 0, end: Math.max(rateRead.end, digitRunEnd(ratePart)) },
      effect: "fatal",
    });
    return fail();
  }
  const bytesPerSecond = applyRateUnit(ratePart, rateRead.value, rateRead.end);
  const rateOctal = octalNote(ratePart, rateRead.end, `is read as ${rateRead.value}`);
  if (rateOctal !== undefined) {
    problems.push({
      code: "rate-octal",
      message: `the rate number ${rateOctal}; drop the leading zeros`,
      span: { start: 0, end: digitRunEnd(ratePart) },
      effect: "silent",
    });
  }

  let intervalUsecs = DEFAULT_INTERVAL_USECS;
  if (intervalSpan !== undefined) {
    const interval = text.slice(intervalSpan.start);
    const read = parseInterval(interval, intervalSpan.start);
    problems.push(...read.problems);
    if (read.usecs === undefined) return fail();
    intervalUsecs = read.usecs;
  }

  if (bytesPerSecond > UINT64_MAX / intervalUsecs) {
    problems.push({
      code: "rate-overflow",
      message: `rate \`${text}\` is too big: bytes per second × interval in µs passes 2^64, so xl stops with "rate overflow": use a smaller rate or a shorter interval`,
      span: whole,
      effect: "fatal",
    });
    return fail();
  }
  const bytesPerInterval = (bytesPerSecond * intervalUsecs) / 1000000n;
  if (bytesPerInterval === 0n) {
    problems.push({
      code: "rate-zero-per-interval",
      message: `rate \`${text}\` works out at 0 bytes per ${intervalUsecs} µs interval (xl rounds down): the backend gets no transmit credit and the guest's outgoing traffic stalls; raise the rate or lengthen the interval`,
      span: whole,
      effect: "guest",
    });
  }
  const limit: RateLimit = {
    bytesPerSecond: Number(bytesPerSecond),
    intervalUsecs: Number(intervalUsecs),
    bytesPerInterval: Number(bytesPerInterval),
  };
  return { text, limit, rateSpan, intervalSpan, problems };
}

/** K/M/G and bits, applied the way xl does: it looks at the character after the digits it read, and the one after that. */
function applyRateUnit(ratePart: string, value: bigint, end: number): bigint {
  const unit = ratePart[end];
  let bytes = value;
  if (unit === "G") bytes *= 1000000000n;
  else if (unit === "M") bytes *= 1000000n;
  else if (unit === "K") bytes *= 1000n;
  if (unit === "b" || ratePart[end + 1] === "b") bytes /= 8n;
  return bytes;
}

interface IntervalRead {
  readonly usecs: bigint | undefined;
  readonly problems: SpecProblem[];
}

function parseInterval(interval: string, offset: number): IntervalRead {
  const span: Span = { start: offset, end: offset + interval.length };
  const problems: SpecProblem[] = [];
  if (!INTERVAL_PATTERN.test(interval)) {
    problems.push({ code: "rate-interval-invalid", message: describeBadInterval(interval), span, effect: "fatal" });
    return { usecs: undefined, problems };
  }
  const read = glibcStrtoul(interval, 0, 0);
  const overflow = (why: string): IntervalRead => {
    problems.push({
      code: "rate-interval-overflow",
      message: `in replenishment interval \`${interval}\`, ${why}; xl stops with "replenishment interval overflow": use 1us to 4294s`,
      span,
      effect: "fatal",
    });
    return { usecs: undefined, problems };
  };
  const digits = interval.slice(0, digitRunEnd(interval));
  if (read.value === 0n) return overflow(octalNote(interval, read.end, "is 0") ?? `\`${digits}\` is 0`);
  if (read.value > C_UINT32_MAX || read.overflow) return overflow(`\`${digits}\` is above 4294967295`);
  // What follows the digits xl read decides the unit: `s` or nothing means
  // seconds, `m` milliseconds, anything else (u, or an 8/9 after octal
  // digits) microseconds.
  const unit = interval[read.end];
  let usecs = read.value;
  if (unit === "s" || unit === undefined) usecs *= 1000000n;
  else if (unit === "m") usecs *= 1000n;
  if (usecs > C_UINT32_MAX) return overflow(`the interval is ${usecs} µs, more than 4294967295 µs`);
  const octal = octalNote(interval, read.end, `is read as ${usecs} µs`);
  if (octal !== undefined) {
    problems.push({
      code: "rate-octal",
      message: `the interval ${octal}; drop the leading zeros`,
      span: { start: offset, end: offset + digitRunEnd(interval) },
      effect: "silent",
    });
  }
  return { usecs, problems };
}

function digitRunEnd(text: string): number {
  const match = /^[0-9]*/.exec(text);
  return match ? match[0].length : 0;
}

/** A note when the digits start with 0 and xl's octal reading differs from the decimal one. */
function octalNote(text: string, readEnd: number, outcome: string): string | undefined {
  const digits = text.slice(0, digitRunEnd(text));
  if (digits.length < 2 || !digits.startsWith("0")) return undefined;
  if (readEnd < digits.length) {
    return `\`${digits}\` ${outcome}: xl reads a leading 0 as octal, so it takes \`${digits.slice(0, readEnd)}\` and stops at the \`${digits[readEnd] ?? ""}\``;
  }
  const decimal = BigInt(digits);
  const octal = BigInt(`0o${digits}`);
  if (decimal === octal) return undefined;
  return `\`${digits}\` ${outcome}, not ${decimal}: xl reads a leading 0 as octal`;
}

function describeBadRate(ratePart: string): string {
  const head = `rate \`${ratePart}\` is not a rate xl can read, so xl stops with "invalid rate"`;
  if (/\s/.test(ratePart)) return `${head}: it must not contain spaces; ${FORM}`;
  if (/^[0-9]+[gmk][Bb]\/s$/.test(ratePart)) return `${head}: the multipliers K, M and G must be uppercase; ${FORM}`;
  if (/^[0-9]+[GMKgmk]?[Bb]?$/.test(ratePart)) return `${head}: the unit must end in \`/s\`; ${FORM}`;
  if (/^[0-9]+[GMK]?[Bb]\/[A-Za-z]+$/.test(ratePart)) return `${head}: only per second (\`/s\`) is understood; ${FORM}`;
  if (!/^[0-9]/.test(ratePart)) return `${head}: it must start with a whole number; ${FORM}`;
  return `${head}: ${FORM}`;
}

function describeBadInterval(interval: string): string {
  const head = `the interval \`${interval}\` is not one xl can read, so xl stops with "invalid replenishment interval"`;
  if (interval === "") return `${head}: give a number after \`@\` or drop the \`@\``;
  if (/\s/.test(interval)) return `${head}: it must not contain spaces; write e.g. \`50ms\``;
  return `${head}: write a whole number with \`s\`, \`ms\` or \`us\`, e.g. \`50ms\``;
}
