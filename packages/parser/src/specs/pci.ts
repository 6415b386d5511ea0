/**
 * A PCI passthrough spec (`pci = ['01:00.0@3,seize=1']`) read the way Xen
 * 4.17's `xlu_pci_parse_spec_string` reads it: an optional positional
 * `[DDDD:]BB:DD.F[@VSLOT]`, then `key=value` pairs, numbers read with
 * `sscanf("%x")` or `atoi`, no whitespace allowed between items, exactly one
 * of a BDF and `name=`. Like xl, it stops at the first failure, and every
 * failure makes `xl create` stop.
 */
import { glibcAtoi, glibcScanHex, isCSpace, toCUnsignedInt } from "./c-numbers";
import type { SpecField, SpecProblem, SpecText, Span } from "./spec-text";

/** A PCI address; `function` is `*` for "all functions of the device". */
export interface PciAddress {
  readonly domain: number;
  readonly bus: number;
  readonly device: number;
  readonly function: number | "*";
}

export type RdmPolicyName = "strict" | "relaxed" | "invalid";

export interface PciSpec {
  readonly text: string;
  /** The address xl ends with (the positional BDF or the last `bdf=`). */
  readonly bdf: SpecField<PciAddress> | undefined;
  /** The virtual slot (`@N` or `vslot=`), 0–0x1f; libxl's vdevfn is this × 8. */
  readonly vslot: SpecField<number> | undefined;
  /** The flags as `atoi` reads them; xl stores "not 0" as true. */
  readonly permissive: SpecField<number> | undefined;
  readonly msitranslate: SpecField<number> | undefined;
  readonly seize: SpecField<number> | undefined;
  readonly powerMgmt: SpecField<number> | undefined;
  /** Matched without regard to case; `invalid` is accepted and means "not set". */
  readonly rdmPolicy: SpecField<RdmPolicyName> | undefined;
  readonly name: SpecField<string> | undefined;
  readonly problems: readonly SpecProblem[];
  /** False when xl refuses the spec (any problem with effect `fatal`). */
  readonly accepted: boolean;
  /** xl's behaviour on this spec is undefined (its BDF reader uses an unset offset). */
  readonly undefinedBehaviour: boolean;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const FORM = "write [DDDD:]BB:DD.F[@VSLOT][,key=value...] in hex, e.g. `0000:03:00.0` or `03:00.0@5,seize=1`";

/** Reads one PCI spec exactly as xl 4.17 does. Never throws. */
export function parsePciSpec(spec: SpecText): PciSpec {
  const text = spec.text;
  const result: Mutable<PciSpec> = {
    text,
    bdf: undefined,
    vslot: undefined,
    permissive: undefined,
    msitranslate: undefined,
    seize: undefined,
    powerMgmt: undefined,
    rdmPolicy: undefined,
    name: undefined,
    problems: [],
    accepted: true,
    undefinedBehaviour: false,
  };
  const problems: SpecProblem[] = [];
  const done = (): PciSpec => {
    result.problems = problems;
    result.accepted = !problems.some((p) => p.effect === "fatal");
    return result;
  };
  const fatal = (code: string, message: string, span: Span): PciSpec => {
    problems.push({ code, message, span, effect: "fatal" });
    return done();
  };

  let at = 0;
  let bdfPresent = false;
  let namePresent = false;
  const positional = readBdf(text, 0);
  if (positional.kind === "ok") {
    bdfPresent = true;
    result.bdf = { value: positional.address, span: { start: 0, end: positional.end } };
    at = positional.end;
    if (text[at] === "@") {
      const slot = readVslot(text, at + 1);
      if (slot.kind !== "ok") return fatal(slot.code, slot.message, { start: at, end: slot.end });
      result.vslot = { value: slot.value, span: { start: at + 1, end: slot.end } };
      at = slot.end;
    }
    if (text[at] === ",") at++;
    else if (at < text.length) {
      const blank = isCSpace(text[at]) ? " (xl allows no spaces in a PCI spec)" : "";
      return fatal("junk-after-bdf", `xl cannot read \`${text.slice(at)}\` after the device address${blank}; ${FORM}`, { start: at, end: text.length });
    }
  } else if (positional.kind !== "absent") {
    // xl then reads the whole text as key=value pairs, which cannot succeed:
    // the first key would contain the address's colon. Say what is wrong
    // with the address, since that is what the writer meant.
    result.undefinedBehaviour = positional.kind === "undefined";
    return fatal(positional.code, positional.message, { start: 0, end: firstItemEnd(text) });
  }

  while (at < text.length) {
    const eq = text.indexOf("=", at);
    if (eq < 0) {
      const item = text.slice(at);
      const blank = /\s/.test(item) ? " (xl allows no spaces in a PCI spec)" : "";
      return fatal("missing-equals", `\`${item}\` is not \`key=value\`${blank}, so xl refuses the spec; ${FORM}`, { start: at, end: text.length });
    }
    const key = text.slice(at, eq);
    let valueEnd = text.indexOf(",", eq + 1);
    if (valueEnd < 0) valueEnd = text.length;
    const value: SpecField<string> = { value: text.slice(eq + 1, valueEnd), span: { start: eq + 1, end: valueEnd } };
    const keySpan: Span = { start: at, end: eq };
    const itemSpan: Span = { start: at, end: valueEnd };
    at = valueEnd < text.length ? valueEnd + 1 : valueEnd;

    switch (key) {
      case "bdf": {
        const read = readBdf(value.value, 0);
        if (read.kind !== "ok") {
          result.undefinedBehaviour = read.kind === "undefined";
          return fatal(read.kind === "absent" ? "bdf-malformed" : read.code, read.kind === "absent" ? `bdf \`${value.value}\` is not a PCI address; ${FORM}` : read.message, value.span);
        }
        if (bdfPresent) repeated(problems, "bdf", itemSpan);
        bdfPresent = true;
        result.bdf = { value: read.address, span: value.span };
        if (read.end < value.value.length) {
          problems.push({
            code: "bdf-trailing-ignored",
            message: `xl silently ignores \`${value.value.slice(read.end)}\` after the address in \`bdf=\`${value.value[read.end] === "@" ? " (a virtual slot must be given as `vslot=`)" : ""}; remove it`,
            span: { start: value.span.start + read.end, end: value.span.end },
            effect: "silent",
          });
        }
        break;
      }
      case "vslot": {
        const slot = readVslot(value.value, 0);
        if (slot.kind !== "ok") return fatal(slot.code, slot.message, value.span);
        if (result.vslot) repeated(problems, "vslot", itemSpan);
        result.vslot = { value: slot.value, span: value.span };
        if (slot.end < value.value.length) {
          problems.push({
            code: "vslot-trailing-ignored",
            message: `xl silently ignores \`${value.value.slice(slot.end)}\` after the slot number in \`vslot=\`; remove it`,
            span: { start: value.span.start + slot.end, end: value.span.end },
            effect: "silent",
          });
        }
        break;
      }
      case "permissive":
      case "msitranslate":
      case "seize":
      case "power_mgmt": {
        const flag = readFlag(key, value, problems);
        if (key === "permissive") result.permissive = flag;
        else if (key === "msitranslate") result.msitranslate = flag;
        else if (key === "seize") result.seize = flag;
        else result.powerMgmt = flag;
        break;
      }
      case "rdm_policy": {
        const policy = value.value.toLowerCase();
        if (policy !== "strict" && policy !== "relaxed" && policy !== "invalid") {
          return fatal("unknown-rdm-policy", `rdm_policy \`${value.value}\` is not \`strict\` or \`relaxed\`, so xl refuses the spec`, value.span);
        }
        result.rdmPolicy = { value: policy, span: value.span };
        if (policy === "invalid") {
          problems.push({
            code: "rdm-policy-unset",
            message: "`rdm_policy=invalid` is accepted by xl but means \"no policy\", so libxl falls back to its default; write `strict` or `relaxed`",
            span: value.span,
            effect: "silent",
          });
        }
        break;
      }
      case "name":
        namePresent = true;
        result.name = value;
        break;
      default: {
        const trimmed = key.replace(/^[\s,]+|\s+$/g, "");
        const hint = trimmed !== key && KNOWN_KEYS.includes(trimmed) ? ` — remove the spaces or extra comma around \`${trimmed}\`` : "";
        return fatal("unknown-key", `\`${key}\` is not a PCI spec option, so xl refuses the spec${hint}; the options are ${KNOWN_KEYS.join(", ")}`, keySpan);
      }
    }
  }

  if (bdfPresent && namePresent) {
    return fatal("bdf-and-name", "the spec gives both a device address and `name=`; xl needs exactly one of them, so it refuses the spec", { start: 0, end: text.length });
  }
  if (!bdfPresent && !namePresent) {
    return fatal("no-device", `the spec names no device: xl needs a PCI address or \`name=\`, so it refuses the spec; ${FORM}`, { start: 0, end: text.length });
  }
  return done();
}

const KNOWN_KEYS = ["bdf", "vslot", "permissive", "msitranslate", "seize", "power_mgmt", "rdm_policy", "name"];

function firstItemEnd(text: string): number {
  const comma = text.indexOf(",");
  return comma < 0 ? text.length : comma;
}

function repeated(problems: SpecProblem[], key: string, span: Span): void {
  problems.push({
    code: "duplicate-key",
    message: `the ${key === "bdf" ? "device address" : "virtual slot"} is given more than once; xl silently uses the last one, so remove the others`,
    span,
    effect: "silent",
  });
}

function readFlag(key: string, value: SpecField<string>, problems: SpecProblem[]): SpecField<number> {
  const number = glibcAtoi(value.value);
  if (!/^[0-9]+$/.test(value.value)) {
    problems.push({
      code: "flag-not-number",
      message: `xl reads ${key} \`${value.value}\` with atoi, which gives ${number} (${number === 0 ? "off" : "on"}); write 0 or 1`,
      span: value.span,
      effect: "silent",
    });
  }
  return { value: number, span: value.span };
}

type BdfRead =
  | { readonly kind: "ok"; readonly address: PciAddress; readonly end: number }
  | { readonly kind: "absent" }
  | { readonly kind: "bad" | "undefined"; readonly code: string; readonly message: string };

/**
 * xl's `parse_bdf`: the number of colons in the leading run of hex digits
 * and colons decides whether a domain is present; then `sscanf` reads
 * `%x:%x.` or `%x:%x:%x.`, and the function is `*` or `%x`.
 */
function readBdf(text: string, from: number): BdfRead {
  let colons = 0;
  let run = from;
  while (run < text.length && /[0-9A-Fa-f:]/.test(text[run] ?? "")) {
    if (text[run] === ":") colons++;
    run++;
  }
  if (colons !== 1 && colons !== 2) {
    if (colons === 0) return { kind: "absent" };
    return { kind: "bad", code: "bdf-malformed", message: `\`${text.slice(from, run)}\` has too many colons for a PCI address; ${FORM}` };
  }
  const numbers: bigint[] = [];
  let at = from;
  for (let i = 0; i <= colons; i++) {
    const read = glibcScanHex(text, at);
    if (read.kind !== "ok") return { kind: "bad", code: "bdf-malformed", message: `\`${text}\` is not a PCI address xl can read; ${FORM}` };
    numbers.push(read.value);
    at = read.end;
    const literal = i < colons ? ":" : ".";
    if (text[at] !== literal) {
      if (literal === ".") {
        return {
          kind: "undefined",
          code: "bdf-missing-function",
          message: `\`${text.slice(from, at)}\` has no \`.F\` function number: xl's reader then uses an unset offset (undefined behaviour) and in practice refuses or misreads it; write e.g. \`${text.slice(from, at)}.0\``,
        };
      }
      return { kind: "bad", code: "bdf-malformed", message: `\`${text}\` is not a PCI address xl can read; ${FORM}` };
    }
    at++;
  }
  const values = numbers.map(toCUnsignedInt);
  const [domain, bus, device] = colons === 2 ? values : [0, ...values];
  if (domain === undefined || bus === undefined || device === undefined) {
    return { kind: "bad", code: "bdf-malformed", message: `\`${text}\` is not a PCI address; ${FORM}` };
  }
  const tooBig = domain > 0xffff ? "domain above ffff" : bus > 0xff ? "bus above ff" : device > 0x1f ? "device above 1f" : undefined;
  if (tooBig !== undefined) {
    return { kind: "bad", code: "bdf-out-of-range", message: `PCI address \`${text.slice(from, at)}\` has a ${tooBig} (the numbers are hex), so xl refuses the spec` };
  }
  if (text[at] === "*") {
    return { kind: "ok", address: { domain, bus, device, function: "*" }, end: at + 1 };
  }
  const func = glibcScanHex(text, at);
  if (func.kind !== "ok") {
    return { kind: "bad", code: "bdf-malformed", message: `the function number after \`.\` in \`${text}\` is missing: write 0–7 or \`*\`` };
  }
  const funcValue = toCUnsignedInt(func.value);
  if (funcValue > 7) {
    return { kind: "bad", code: "bdf-out-of-range", message: `PCI function \`${text.slice(at, func.end)}\` is above 7, so xl refuses the spec: write 0–7 or \`*\`` };
  }
  return { kind: "ok", address: { domain, bus, device, function: funcValue }, end: func.end };
}

type VslotRead =
  | { readonly kind: "ok"; readonly value: number; readonly end: number }
  | { readonly kind: "bad"; readonly code: string; readonly message: string; readonly end: number };

/** xl's `parse_vslot`: `sscanf("%x")`, at most 0x1f. */
function readVslot(text: string, from: number): VslotRead {
  const read = glibcScanHex(text, from);
  if (read.kind !== "ok") {
    return { kind: "bad", code: "vslot-malformed", message: `the virtual slot \`${text.slice(from)}\` is not a hex number, so xl refuses the spec: write 0–1f`, end: text.length };
  }
  const value = toCUnsignedInt(read.value);
  if (value > 0x1f) {
    const digits = text.slice(from, read.end);
    const decimalHint = /^[0-9]+$/.test(digits) && Number(digits) <= 31 ? ` (it is hex: decimal ${digits} is \`${Number(digits).toString(16)}\`)` : "";
    return { kind: "bad", code: "vslot-out-of-range", message: `virtual slot \`${digits}\` is above 1f${decimalHint}, so xl refuses the spec`, end: read.end };
  }
  return { kind: "ok", value, end: read.end };
}
