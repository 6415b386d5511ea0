/**
 * A vif spec (`vif = ['mac=…,bridge=…']`) read the way Xen 4.17's
 * `parse_nic_config` reads it: `strtok` on commas (empty items vanish), only
 * leading spaces stripped, keys matched as a `key=` prefix (so `bridge = x`
 * is not a bridge), the last value of a key wins. Most problems only make xl
 * print a message and go on; a bad `rate=`, `devid=` or `mtu=` stops it.
 */
import { parseMac, type MacParse } from "./mac";
import { parseRate, type RateParse } from "./rate";
import type { SpecField, SpecProblem, SpecText, Span, XlEffect } from "./spec-text";
import { C_ULONG_MAX, glibcStrtoul, toCInt } from "./c-numbers";
import { splitLikeStrtok } from "./split";

/** Keys whose value xl copies as a plain string. */
export const VIF_STRING_KEYS = ["bridge", "model", "vifname", "script", "ip", "backend", "gatewaydev", "netdev", "forwarddev"] as const;

/** The COLO keys xl 4.17 reads (undocumented in xl-network-configuration(5)). */
export const VIF_COLO_KEYS: readonly string[] = [
  ...["mirror", "compare_sec_in", "redirector0", "redirector1", "redirector2", "compare_pri_in", "compare_notify"].flatMap((part) =>
    ["id", "ip", "port"].map((field) => `colo_sock_${part}_${field}`),
  ),
  "colo_filter_mirror_queue",
  "colo_filter_mirror_outdev",
  ...["redirector0", "redirector1"].flatMap((part) => ["queue", "indev", "outdev"].map((field) => `colo_filter_${part}_${field}`)),
  "colo_compare_pri_in",
  "colo_compare_sec_in",
  "colo_compare_out",
  "colo_compare_notify_dev",
  ...["redirector0", "redirector1"].flatMap((part) => ["id", "ip", "port"].map((field) => `colo_sock_sec_${part}_${field}`)),
  ...["redirector0", "redirector1"].flatMap((part) => ["queue", "indev", "outdev"].map((field) => `colo_filter_sec_${part}_${field}`)),
  "colo_filter_sec_rewriter0_queue",
  "colo_checkpoint_host",
  "colo_checkpoint_port",
];

/** Every `key=` xl 4.17 recognises in a vif spec (besides the bare words `trusted` and `untrusted`). */
export const VIF_KEYS: readonly string[] = ["type", "mac", ...VIF_STRING_KEYS, "rate", "accel", "devid", "mtu", ...VIF_COLO_KEYS];

/** One comma-separated item of the spec, as xl handles it. */
export interface VifToken {
  /** The item with leading spaces stripped, and where it is. */
  readonly text: string;
  readonly span: Span;
  /** The key xl matched (`trusted`/`untrusted` for those words), or undefined when xl does not recognise the item. */
  readonly key: string | undefined;
  readonly keySpan: Span | undefined;
  /** What follows `key=`, exactly as xl keeps it (trailing spaces included). */
  readonly value: SpecField<string> | undefined;
}

export interface VifSpec {
  readonly text: string;
  /** Every item in order, recognised or not. */
  readonly tokens: readonly VifToken[];
  /** The last `mac=` value, read by xl's reader. */
  readonly mac: SpecField<MacParse> | undefined;
  /**
   * The six octets xl ends up with (every `mac=` item writes over the octets
   * it reads; all zero means libxl picks a random address), or undefined
   * when xl's result is unpredictable.
   */
  readonly xlMac: readonly number[] | undefined;
  /** The last valid `type=` (xl ignores invalid ones). */
  readonly type: SpecField<"vif" | "ioemu"> | undefined;
  readonly bridge: SpecField<string> | undefined;
  readonly model: SpecField<string> | undefined;
  readonly vifname: SpecField<string> | undefined;
  readonly script: SpecField<string> | undefined;
  readonly ip: SpecField<string> | undefined;
  readonly backend: SpecField<string> | undefined;
  /** From `gatewaydev=` or its deprecated alias `netdev=`, whichever comes last. */
  readonly gatewaydev: SpecField<string> | undefined;
  readonly forwarddev: SpecField<string> | undefined;
  /** The last `rate=` value. */
  readonly rate: SpecField<RateParse> | undefined;
  /** As xl stores them: both in a C int (so `mtu=4294967297` is 1). */
  readonly devid: SpecField<number> | undefined;
  readonly mtu: SpecField<number> | undefined;
  /** From the last `trusted` or `untrusted`. */
  readonly trusted: SpecField<boolean> | undefined;
  /** `accel=` is accepted and ignored (an xm leftover). */
  readonly accel: SpecField<string> | undefined;
  /** `vlan=` (Xen 4.19+), which xl 4.17 does not know. */
  readonly vlan: SpecField<string> | undefined;
  readonly colo: ReadonlyMap<string, SpecField<string>>;
  readonly problems: readonly SpecProblem[];
  /** False when xl stops on this spec (a bad rate, devid or mtu). */
  readonly accepted: boolean;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Reads one vif spec exactly as xl 4.17 does. Never throws. */
export function parseVifSpec(spec: SpecText): VifSpec {
  const text = spec.text;
  const result: Mutable<VifSpec> = {
    text,
    tokens: [],
    mac: undefined,
    xlMac: [0, 0, 0, 0, 0, 0],
    type: undefined,
    bridge: undefined,
    model: undefined,
    vifname: undefined,
    script: undefined,
    ip: undefined,
    backend: undefined,
    gatewaydev: undefined,
    forwarddev: undefined,
    rate: undefined,
    devid: undefined,
    mtu: undefined,
    trusted: undefined,
    accel: undefined,
    vlan: undefined,
    colo: new Map(),
    problems: [],
    accepted: true,
  };
  const tokens: VifToken[] = [];
  const problems: SpecProblem[] = [];
  const colo = new Map<string, SpecField<string>>();
  const seen = new Map<string, VifToken>();
  let macBytes: (number | undefined)[] = [0, 0, 0, 0, 0, 0];

  for (const piece of splitLikeStrtok(text, ",")) {
    const token = tokenOf(piece.text, piece.start);
    tokens.push(token);
    const { key, value } = token;
    if (key === undefined || (value === undefined && key !== "trusted" && key !== "untrusted")) {
      problems.push(describeUnknown(token));
      continue;
    }
    const slot = key === "untrusted" ? "trusted" : key === "netdev" ? "gatewaydev" : key;
    const earlier = seen.get(slot);
    if (earlier) {
      problems.push({
        code: "duplicate-key",
        message: `\`${slot}\` is set again later in this vif; xl silently uses the later value, so remove one`,
        span: earlier.span,
        effect: "silent",
      });
    }
    seen.set(slot, token);
    if (key === "trusted" || key === "untrusted") {
      result.trusted = { value: key === "trusted", span: token.span };
      continue;
    }
    if (value === undefined) continue;
    const shift = (p: SpecProblem): SpecProblem => ({ ...p, span: offsetSpan(p.span, value.span.start) });

    switch (key) {
      case "mac": {
        // xl's reader may run past the item into the rest of the spec, which
        // strtok has not cut yet: only the comma after this item became a NUL.
        const after = piece.end < text.length ? text.slice(piece.end + 1) : undefined;
        const mac = parseMac(value.value, { after });
        result.mac = { value: mac, span: value.span };
        problems.push(...mac.problems.map(shift));
        macBytes = mergeMac(macBytes, mac);
        break;
      }
      case "type":
        if (value.value === "vif" || value.value === "ioemu") {
          result.type = { value: value.value, span: value.span };
        } else {
          problems.push(describeBadType(value));
        }
        break;
      case "rate": {
        const rate = parseRate(value.value);
        result.rate = { value: rate, span: value.span };
        problems.push(...rate.problems.map(shift));
        if (rate.limit === undefined) result.accepted = false;
        break;
      }
      case "devid":
      case "mtu": {
        const number = readNumber(key, value, problems);
        if (number === undefined) result.accepted = false;
        else if (key === "devid") result.devid = number;
        else result.mtu = number;
        break;
      }
      case "accel":
        result.accel = value;
        problems.push({
          code: "accel-unsupported",
          message: "`accel=` is left over from xm: xl prints that it is not supported and ignores it; remove it",
          span: token.span,
          effect: "warning",
        });
        break;
      case "vlan":
        result.vlan = value;
        problems.push({
          code: "needs-newer-xen",
          message: "`vlan=` needs Xen 4.19 or later: xl 4.17 prints \"unrecognized argument\" and ignores it, so the vif gets no VLAN; remove it or upgrade Xen",
          span: token.span,
          effect: "warning",
        });
        break;
      case "netdev":
        problems.push({
          code: "netdev-deprecated",
          message: "`netdev=` is a deprecated name for `gatewaydev=`: xl warns and uses it as the gateway device; write `gatewaydev=`",
          span: token.keySpan ?? token.span,
          effect: "warning",
        });
        result.gatewaydev = value;
        checkSpaces(key, value, problems);
        break;
      default:
        checkSpaces(key, value, problems);
        if (key.startsWith("colo_")) colo.set(key, value);
        else setStringField(result, key, value);
    }
  }
  result.tokens = tokens;
  result.problems = problems;
  result.colo = colo;
  result.xlMac = macBytes.every((b) => b !== undefined) ? (macBytes as number[]) : undefined;
  return result;
}

function setStringField(result: Mutable<VifSpec>, key: string, value: SpecField<string>): void {
  if (key === "bridge") result.bridge = value;
  else if (key === "model") result.model = value;
  else if (key === "vifname") result.vifname = value;
  else if (key === "script") result.script = value;
  else if (key === "ip") result.ip = value;
  else if (key === "backend") result.backend = value;
  else if (key === "gatewaydev") result.gatewaydev = value;
  else if (key === "forwarddev") result.forwarddev = value;
}

/** Splits an item into key and value as xl's `key=` prefix match does. */
function tokenOf(raw: string, start: number): VifToken {
  let lead = 0;
  while (raw[lead] === " ") lead++;
  const text = raw.slice(lead);
  const at = start + lead;
  const span: Span = { start: at, end: start + raw.length };
  if (text === "trusted" || text === "untrusted") {
    return { text, span, key: text, keySpan: span, value: undefined };
  }
  const eq = text.indexOf("=");
  if (eq > 0) {
    const name = text.slice(0, eq);
    if (VIF_KEYS.includes(name) || name === "vlan") {
      return {
        text,
        span,
        key: name,
        keySpan: { start: at, end: at + eq },
        value: { value: text.slice(eq + 1), span: { start: at + eq + 1, end: span.end } },
      };
    }
  }
  return { text, span, key: undefined, keySpan: undefined, value: undefined };
}

function describeUnknown(token: VifToken): SpecProblem {
  const ignored = "xl prints \"unrecognized argument\" and ignores it";
  const problem = (code: string, message: string, effect: XlEffect = "warning"): SpecProblem => ({ code, message, span: token.span, effect });
  const text = token.text;
  if (text === "") return problem("empty-item", `an item with only spaces: ${ignored}; remove the extra comma`);
  if (/^\s/.test(text)) {
    return problem("unknown-key", `\`${text}\` starts with a tab or other blank, and xl strips only spaces: ${ignored}; remove it`);
  }
  const spaced = /^([A-Za-z_0-9]+)\s*=\s*(.*)$/s.exec(text.trim());
  const name = spaced?.[1];
  if (name !== undefined && knownKey(name.toLowerCase())) {
    const lower = name.toLowerCase();
    const fixed = `${lower}=${spaced?.[2] ?? ""}`;
    if (/\s/.test(text) && lower === name) {
      return problem("spaced-equals", `\`${text}\` has spaces where xl expects \`${lower}=\` straight after the comma: ${ignored}; write \`${fixed}\``);
    }
    if (lower !== name) return problem("unknown-key", `\`${name}\` is not a vif key (keys are lowercase): ${ignored}; write \`${fixed}\``);
  }
  if (text.trim() === "trusted" || text.trim() === "untrusted") {
    return problem("unknown-key", `\`${text}\` has trailing blanks, so xl does not recognise \`${text.trim()}\`: ${ignored}; remove them`);
  }
  if (knownKey(text.trim())) {
    return problem("unknown-key", `\`${text.trim()}\` needs a value (\`${text.trim()}=...\`): ${ignored}`);
  }
  return problem("unknown-key", `\`${text}\` is not a vif setting xl knows: ${ignored}; check xl-network-configuration(5)`);
}

function knownKey(name: string): boolean {
  return VIF_KEYS.includes(name) || name === "vlan";
}

function describeBadType(value: SpecField<string>): SpecProblem {
  const trimmed = value.value.trim().toLowerCase();
  const hint =
    trimmed === "vif" || trimmed === "ioemu"
      ? `write \`type=${trimmed}\` exactly (no spaces, lowercase)`
      : "use `type=vif` (PV only) or `type=ioemu` (emulated and PV, HVM only)";
  return {
    code: "invalid-type",
    message: `vif type \`${value.value}\` is not \`vif\` or \`ioemu\`: xl prints "Invalid parameter \`type'" and keeps the default type; ${hint}`,
    span: value.span,
    effect: "warning",
  };
}

/** devid= and mtu=: strtoul base 10 with no check for trailing text; a missing number or ULONG_MAX stops xl. */
function readNumber(key: "devid" | "mtu", value: SpecField<string>, problems: SpecProblem[]): SpecField<number> | undefined {
  const read = glibcStrtoul(value.value, 0, 10);
  if (!read.found || read.value === C_ULONG_MAX) {
    problems.push({
      code: "not-a-number",
      message: `${key} \`${value.value}\` is not a number xl can read, so xl stops with "failed to convert": write a decimal number`,
      span: value.span,
      effect: "fatal",
    });
    return undefined;
  }
  const stored = toCInt(read.value);
  if (read.end < value.value.length) {
    problems.push({
      code: "number-trailing-ignored",
      message: `xl reads ${key} \`${value.value}\` as ${stored} and silently ignores \`${value.value.slice(read.end)}\`; remove the extra text`,
      span: { start: value.span.start + read.end, end: value.span.end },
      effect: "silent",
    });
  }
  if (read.negative || BigInt(stored) !== read.value) {
    problems.push({
      code: "number-wraps",
      message: `${key} \`${value.value.slice(0, read.end).trim()}\` does not fit xl's int field, so xl silently stores ${stored}; write a small positive number`,
      span: { start: value.span.start, end: value.span.start + read.end },
      effect: "silent",
    });
  }
  return { value: stored, span: value.span };
}

function checkSpaces(key: string, value: SpecField<string>, problems: SpecProblem[]): void {
  if (!/^\s|\s$/.test(value.value)) return;
  problems.push({
    code: "value-spaces",
    message: `the ${key} value \`${value.value}\` starts or ends with a blank, and xl keeps it as part of the value (so e.g. a bridge \`xenbr0 \` is not found by the hotplug script); remove it`,
    span: value.span,
    effect: "silent",
  });
}

/** xl writes each octet it reads over the NIC's MAC; octets after an unpredictable read are unknown. */
function mergeMac(bytes: readonly (number | undefined)[], mac: MacParse): (number | undefined)[] {
  const out = [...bytes];
  mac.xl.stored.forEach((octet, i) => {
    out[i] = octet;
  });
  if (mac.xl.outcome === "undefined") {
    for (let i = mac.xl.stored.length; i < 6; i++) out[i] = undefined;
  }
  return out;
}

function offsetSpan(span: Span, by: number): Span {
  return { start: span.start + by, end: span.end + by };
}
