/**
 * MAC addresses in vif specs: xl 4.17's lenient reader (six times `strtoul`
 * base 16, then skip exactly one character, whatever it is), the strict form
 * people and other tools expect (`xx:xx:xx:xx:xx:xx`), and what the address
 * means (multicast, locally administered, Xen's OUI, all-zero = random).
 */
import type { SpecProblem, Span } from "./spec-text";
import { glibcStrtoul, toCUnsignedInt } from "./c-numbers";

const STRICT_MAC = /^[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}$/;

/** What a MAC address is, given its six octets. */
export interface MacAddress {
  readonly octets: readonly number[];
  /** Lowercase `xx:xx:xx:xx:xx:xx`: compare these to find duplicates. */
  readonly canonical: string;
  /** Bit 0x01 of the first octet: a group address, not valid for a NIC. */
  readonly multicast: boolean;
  /** Bit 0x02 of the first octet: a locally administered (self-assigned) address. */
  readonly locallyAdministered: boolean;
  /** `ff:ff:ff:ff:ff:ff`. */
  readonly broadcast: boolean;
  /** `00:00:00:00:00:00`: libxl treats it as "not set" and picks a random address. */
  readonly zero: boolean;
  /** In Xen's OUI `00:16:3e`. */
  readonly xenOui: boolean;
}

/** What xl's own reader does with the text. */
export interface XlMacRead {
  /**
   * `ok`: six octets, no message; `invalid`: xl prints "Invalid parameter
   * `mac'" and keeps the octets it stored before that; `undefined`: xl read
   * past the end of its buffer, so the result is not predictable.
   */
  readonly outcome: "ok" | "invalid" | "undefined";
  /** The octets xl stored, in order (fewer than six when it stopped early). */
  readonly stored: readonly number[];
  /** Spans of the groups read inside the text (groups read past its end have none). */
  readonly groups: readonly Span[];
  /** The text ran out before six groups, so xl read on past it. */
  readonly readPastEnd: boolean;
}

export interface MacParse {
  readonly text: string;
  /** Exactly `xx:xx:xx:xx:xx:xx` with hex digits. */
  readonly strict: boolean;
  readonly xl: XlMacRead;
  /** The address, when xl reads six octets from the text itself without complaint. */
  readonly address: MacAddress | undefined;
  /** Spans are indices into `text`. */
  readonly problems: readonly SpecProblem[];
}

export interface MacParseOptions {
  /**
   * What follows the text in xl's buffer after the NUL that ends it: in a vif
   * spec, the rest of the spec after the comma that `strtok` replaced. When
   * undefined, the buffer ends with the text and reading past it is undefined.
   */
  readonly after?: string;
}

/** Classifies six octets. */
export function describeMac(octets: readonly number[]): MacAddress {
  const [a = 0, b = 0, c = 0] = octets;
  return {
    octets,
    canonical: formatMac(octets),
    multicast: (a & 0x01) !== 0,
    locallyAdministered: (a & 0x02) !== 0,
    broadcast: octets.length === 6 && octets.every((o) => o === 0xff),
    zero: octets.every((o) => o === 0),
    xenOui: a === 0x00 && b === 0x16 && c === 0x3e,
  };
}

/** The two hex digits of each byte, looked up: every vif's MAC is formatted a few times per lint. */
const HEX_OCTETS: readonly string[] = Array.from({ length: 256 }, (_, o) => o.toString(16).padStart(2, "0"));

/** Lowercase, colon-separated, two digits per octet. */
export function formatMac(octets: readonly number[]): string {
  let text = "";
  for (let i = 0; i < octets.length; i++) {
    const o = octets[i];
    text += (i === 0 ? "" : ":") + (o === undefined ? "" : (HEX_OCTETS[o] ?? o.toString(16).padStart(2, "0")));
  }
  return text;
}

/** Reads a vif `mac=` value the way xl 4.17 does, and checks it. Never throws. */
export function parseMac(text: string, options: MacParseOptions = {}): MacParse {
  const xl = readMacLikeXl(text, options.after);
  const strict = STRICT_MAC.test(text);
  const problems: SpecProblem[] = [];
  const whole: Span = { start: 0, end: text.length };
  let address: MacAddress | undefined;

  if (xl.readPastEnd) {
    const fate =
      xl.outcome === "ok"
        ? `xl silently takes the missing octets from the text after it, giving ${formatMac(xl.stored)}`
        : xl.outcome === "invalid"
          ? `xl reads on into the text after it, then prints "Invalid parameter \`mac'" and keeps ${formatMac(padOctets(xl.stored))}`
          : "xl reads on past the end of its buffer (undefined behaviour), so the address is unpredictable";
    problems.push({
      code: "mac-incomplete",
      message: `MAC \`${text}\` has ${xl.groups.length} of 6 octets: ${fate}; write all six, e.g. 00:16:3e:xx:xx:xx`,
      span: whole,
      effect: xl.outcome === "invalid" ? "warning" : "silent",
    });
  } else if (xl.outcome === "invalid") {
    const badAt = xl.groups.length === 0 ? 0 : (xl.groups[xl.groups.length - 1]?.end ?? 0) + 1;
    const kept = xl.stored.length === 0 ? "no octet" : `the ${xl.stored.length} octet(s) before it`;
    problems.push({
      code: "mac-invalid",
      message: `MAC \`${text}\` is not an address xl can read (octet ${xl.stored.length + 1} is not a hex number up to ff): xl prints "Invalid parameter \`mac'", keeps ${kept} and goes on, so the guest gets a wrong or random address; write six hex octets like 00:16:3e:12:34:56`,
      span: { start: Math.min(badAt, text.length), end: text.length },
      effect: "warning",
    });
  } else {
    address = describeMac(xl.stored);
    const lastGroupEnd = xl.groups[5]?.end ?? text.length;
    if (lastGroupEnd < text.length) {
      problems.push({
        code: "mac-trailing-ignored",
        message: `xl ignores \`${text.slice(lastGroupEnd)}\` after the sixth octet of MAC \`${text}\` and uses ${address.canonical}; remove the extra text`,
        span: { start: lastGroupEnd, end: text.length },
        effect: "silent",
      });
    } else if (!strict) {
      const wraps = groupWraps(text, xl.groups);
      problems.push({
        code: wraps ? "mac-octet-wraps" : "mac-nonstandard",
        message: wraps
          ? `MAC \`${text}\` has an octet xl cuts to its low bits, so it uses ${address.canonical}; write ${address.canonical} if that is what you mean`
          : `MAC \`${text}\` is not in the usual form; xl reads it as ${address.canonical}, but tools that expect xx:xx:xx:xx:xx:xx may not: write ${address.canonical}`,
        span: whole,
        effect: "silent",
      });
    }
    if (address.zero) {
      problems.push({
        code: "mac-zero",
        message: "MAC 00:00:00:00:00:00 means \"not set\" to libxl, which gives the guest a random 00:16:3e address instead; remove `mac=` or write a real address",
        span: whole,
        effect: "silent",
      });
    } else if (address.multicast) {
      const what = address.broadcast ? "the broadcast address" : "a multicast (group) address, because bit 0 of the first octet is set";
      problems.push({
        code: "mac-multicast",
        message: `MAC ${address.canonical} is ${what}: xl and libxl accept it but the guest's network will misbehave; use 00:16:3e:xx:xx:xx or a locally administered address whose first octet is like x2, x6, xa or xe`,
        span: whole,
        effect: "guest",
      });
    }
  }
  return { text, strict, xl, address, problems };
}

function padOctets(stored: readonly number[]): number[] {
  const out = [...stored];
  while (out.length < 6) out.push(0);
  return out;
}

/** Whether some group has more than two hex digits' worth of value (xl keeps the low 32 bits, then checks ≤ 255). */
function groupWraps(text: string, groups: readonly Span[]): boolean {
  return groups.some((g) => {
    const read = glibcStrtoul(text, g.start, 16);
    return read.negative || read.value > 0xffn;
  });
}

/**
 * xl's loop: six times, read a base-16 number where the previous one ended
 * plus one character. The buffer is the text, a NUL, then `after` (when
 * known) and another NUL; anything further is unknown memory.
 */
function readMacLikeXl(text: string, after: string | undefined): XlMacRead {
  if (STRICT_MAC.test(text)) {
    // The usual xx:xx:xx:xx:xx:xx: strtoul reads each pair as written (no blank, sign or 0x before it)
    // and stops at the colon or the end, so the octets are read directly, without the general
    // reader's big integers: every vif's MAC goes through here on each lint.
    const stored: number[] = [];
    const groups: Span[] = [];
    for (let start = 0; start < 18; start += 3) {
      stored.push(parseInt(text.slice(start, start + 2), 16));
      groups.push({ start, end: start + 2 });
    }
    return { outcome: "ok", stored, groups, readPastEnd: false };
  }
  const buffer = after === undefined ? `${text}\0` : `${text}\0${after}\0`;
  const stored: number[] = [];
  const groups: Span[] = [];
  let at = 0;
  for (let i = 0; i < 6; i++) {
    if (at >= buffer.length) return { outcome: "undefined", stored, groups, readPastEnd: true };
    const read = glibcStrtoul(buffer, at, 16);
    // glibc saturates an overflowing strtoul at ULONG_MAX, and xl stores it in
    // an unsigned int before comparing with 255.
    const value = toCUnsignedInt(read.value);
    if (!read.found || value > 255) {
      return { outcome: "invalid", stored, groups, readPastEnd: at > text.length };
    }
    stored.push(value);
    if (read.end <= text.length) groups.push({ start: at, end: read.end });
    at = read.end + 1;
  }
  return { outcome: "ok", stored, groups, readPastEnd: groups.length < 6 };
}
