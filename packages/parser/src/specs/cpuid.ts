/**
 * `cpuid`, in both forms xl 4.17 accepts:
 * - a string, libxl's form: `"host,<name>=<value>,…"` (first word exactly
 *   `host`; feature bits take 0/1/x/k/s, the numeric fields a number);
 * - a list, xend's form: `["leaf[,subleaf]:eax=<32 chars>,ebx=…", …]`.
 * xl prints every error it finds and carries on (the bad part is skipped),
 * so all of them are warnings, except bit strings with characters libxc
 * does not know, which make domain creation fail later.
 */
import type { SpecField, SpecProblem, SpecText, Span } from "./spec-text";
import { problemAtPath, devProblem, quoteForMessage, sliceSpan, strtokSlices, stringItemsUntilList, type ListProblem, type SpecSlice, type SpecItem } from "./dev-common";
import { CPUID_FEATURE_NAMES, CPUID_NAMES_NOT_IN_DEBIAN_4_17, LEGACY_CPUID_FIELDS, MSR_FEATURE_WORDS } from "./cpuid-names";
import { glibcStrtoul } from "./c-numbers";

/** How a cpuid name is stored: a CPUID bit, a multi-bit CPUID field, or an MSR bit. */
export type CpuidNameKind = "bit" | "field" | "msr-bit";

export interface CpuidName {
  readonly name: string;
  readonly kind: CpuidNameKind;
  /** Width in bits (1 for bits). */
  readonly width: number;
}

const LEGACY = new Map(LEGACY_CPUID_FIELDS.map(([name, width]) => [name, width]));
const FEATURES = new Map(CPUID_FEATURE_NAMES.map(([name, bit]) => [name, bit]));

/** What xl 4.17 makes of a cpuid name, or undefined when it does not know it. */
export function lookupCpuidName(name: string): CpuidName | undefined {
  const width = LEGACY.get(name);
  if (width !== undefined) return { name, kind: width > 1 ? "field" : "bit", width };
  const bit = FEATURES.get(name);
  if (bit === undefined) return undefined;
  return { name, kind: MSR_FEATURE_WORDS.has(Math.floor(bit / 32)) ? "msr-bit" : "bit", width: 1 };
}

/** Every name the libxl form accepts (legacy table first, then the feature names). */
export function cpuidNames(): string[] {
  return [...new Set([...LEGACY.keys(), ...FEATURES.keys()])];
}

export interface CpuidSetting {
  readonly name: SpecField<string>;
  readonly kind: CpuidNameKind;
  /** The value as written. */
  readonly value: SpecField<string>;
  /** The number xl stores for numeric values (cut to the field's width); undefined for x/k/s. */
  readonly stored: bigint | undefined;
}

export interface CpuidStringPolicy {
  readonly settings: readonly CpuidSetting[];
  readonly problems: readonly SpecProblem[];
}

const CHARACTER_VALUES = "01xks";

/** The libxl string form: `host,<name>=<value>,…`. */
export function parseCpuidString(spec: SpecText): CpuidStringPolicy {
  const problems: SpecProblem[] = [];
  const settings: CpuidSetting[] = [];
  const words = strtokSlices(spec.text, ",");
  const first = words[0];
  if (!first) return { settings, problems };
  if (first.text !== "host") {
    problems.push(
      devProblem(
        "first-word-not-host",
        `the cpuid string must start with the word \`host\`, not ${quoteForMessage(first.text)}: xl prints an error and ignores the whole cpuid setting; write "host,${first.text.trim()}…"`,
        sliceSpan(first),
        "warning",
      ),
    );
    return { settings, problems };
  }
  for (const word of words.slice(1)) {
    const setting = readFlag(word, problems);
    if (setting) settings.push(setting);
  }
  return { settings, problems };
}

function readFlag(word: SpecSlice, problems: SpecProblem[]): CpuidSetting | undefined {
  const skipped = "xl prints an error and skips this flag";
  const at = word.text.indexOf("=");
  if (at < 0) {
    problems.push(devProblem("missing-equals", `${quoteForMessage(word.text)} has no \`=\`: ${skipped}; write name=value`, sliceSpan(word), "warning"));
    return undefined;
  }
  const nameText = word.text.slice(0, at);
  const name: SpecSlice = { text: nameText, start: word.start, end: word.start + at };
  const value: SpecSlice = { text: word.text.slice(at + 1), start: name.end + 1, end: word.end };
  const known = lookupCpuidName(nameText);
  if (!known) {
    const hint = cpuidNameHint(nameText);
    problems.push(devProblem("unknown-flag", `${quoteForMessage(nameText)} is not a CPUID flag xl 4.17 knows: ${skipped}${hint}`, sliceSpan(name), "warning"));
    return undefined;
  }
  const nameField: SpecField<string> = { value: nameText, span: sliceSpan(name) };
  const valueField: SpecField<string> = { value: value.text, span: sliceSpan(value) };
  if (known.kind === "msr-bit") {
    if (value.text.length !== 1 || !CHARACTER_VALUES.includes(value.text)) {
      problems.push(devProblem("bad-value", `${nameText} takes exactly one of 0, 1, x, k, s, not ${quoteForMessage(value.text)}: ${skipped}`, sliceSpan(value), "warning"));
      return undefined;
    }
    return { name: nameField, kind: known.kind, value: valueField, stored: value.text === "0" || value.text === "1" ? BigInt(value.text) : undefined };
  }
  const read = glibcStrtoul(value.text, 0, 0);
  if (read.end === 0) {
    if (!"xks".includes(value.text[0] ?? "?")) {
      const expected = known.kind === "field" ? "a number (or x, k, s)" : "0, 1, x, k or s";
      problems.push(devProblem("bad-value", `${nameText} takes ${expected}, not ${quoteForMessage(value.text)}: ${skipped}`, sliceSpan(value), "warning"));
      return undefined;
    }
    if (value.text.length > 1) {
      problems.push(devProblem("value-with-junk", `xl reads only the first character of ${quoteForMessage(value.text)}; write just ${value.text[0]}`, { start: value.start + 1, end: value.end }, "silent"));
    }
    return { name: nameField, kind: known.kind, value: valueField, stored: undefined };
  }
  if (read.end < value.text.length) {
    problems.push(
      devProblem("value-with-junk", `xl reads ${quoteForMessage(value.text)} as ${read.value} and silently ignores ${quoteForMessage(value.text.slice(read.end))}`, { start: value.start + read.end, end: value.end }, "silent"),
    );
  }
  const stored = storedValue(nameText, known.width, read.value);
  if (stored !== read.value) {
    const what = known.kind === "bit" ? `${nameText} is a single bit, so only the lowest bit of ${read.value} counts: it is set to ${stored}` : `${read.value} does not fit the ${known.width}-bit ${nameText} field: xl silently stores ${stored}`;
    problems.push(devProblem("value-truncated", `${what}; write ${known.kind === "bit" ? "0 or 1" : "a value that fits"}`, sliceSpan(value), "silent"));
  }
  return { name: nameField, kind: known.kind, value: valueField, stored };
}

/**
 * The value the guest ends up seeing for a numeric setting. `family` is
 * split into a 4-bit base and an 8-bit extension with a quirk: bit 7 of the
 * extension comes from the original number, not from `family - 15`.
 */
function storedValue(name: string, width: number, value: bigint): bigint {
  if (name === "family" && value >= 16n) {
    const extended = ((value >> 7n) & 1n) << 7n | ((value - 15n) & 0x7fn);
    return 15n + extended;
  }
  return BigInt.asUintN(width, value);
}

function cpuidNameHint(name: string): string {
  if (CPUID_NAMES_NOT_IN_DEBIAN_4_17.includes(name)) return "; it is in the 4.17.7 sources, but Debian's xl 4.17 build does not have it";
  const dashed = name.toLowerCase().replace(/_/g, "-");
  if (dashed !== name && lookupCpuidName(dashed)) return `; write it \`${dashed}\` (lowercase, with - instead of _)`;
  if (name !== name.trimStart()) return "; no blank is allowed after the comma";
  if (name === "host") return "; `host` may only be the first word";
  return "";
}

/* ------------------------------------------------------------------ */
/* xend form                                                           */
/* ------------------------------------------------------------------ */

export type CpuidRegister = "eax" | "ebx" | "ecx" | "edx";

export interface CpuidXendLeaf {
  readonly leaf: SpecField<bigint> | undefined;
  readonly subleaf: SpecField<bigint> | undefined;
  readonly registers: readonly { readonly register: SpecField<CpuidRegister>; readonly bits: SpecField<string> }[];
  readonly problems: readonly SpecProblem[];
}

const REGISTERS: readonly CpuidRegister[] = ["eax", "ebx", "ecx", "edx"];

/** One item of the xend list form: `leaf[,subleaf]:eXx=<32 chars>[,eXx=…]`. */
export function parseCpuidXend(spec: SpecText): CpuidXendLeaf {
  const text = spec.text;
  const problems: SpecProblem[] = [];
  const registers: { register: SpecField<CpuidRegister>; bits: SpecField<string> }[] = [];
  const whole: Span = { start: 0, end: text.length };
  const skipped = "xl prints an error and ignores the rest of this line";
  const fail = (code: string, message: string, span: Span = whole): CpuidXendLeaf => {
    problems.push(devProblem(code, `${message}: ${skipped}`, span, "warning"));
    return { leaf, subleaf, registers, problems };
  };
  let leaf: SpecField<bigint> | undefined;
  let subleaf: SpecField<bigint> | undefined;
  const leafRead = glibcStrtoul(text, 0, 0);
  if (leafRead.end === 0) return fail("bad-leaf", `${quoteForMessage(text)} does not start with a leaf number (decimal or 0x hex)`);
  leaf = { value: BigInt.asUintN(32, leafRead.value), span: { start: 0, end: leafRead.end } };
  let at = leafRead.end;
  if (text[at] === ",") {
    const subRead = glibcStrtoul(text, at + 1, 0);
    if (subRead.end === at + 1) return fail("bad-subleaf", "the subleaf after the `,` is not a number", { start: at + 1, end: text.length });
    subleaf = { value: BigInt.asUintN(32, subRead.value), span: { start: at + 1, end: subRead.end } };
    at = subRead.end;
  }
  if (text[at] !== ":") return fail("missing-colon", "the leaf must be followed by `:` and the registers", { start: at, end: text.length });
  let i = at + 1;
  while (i < text.length) {
    const regIndex = text.charCodeAt(i + 1) - 97;
    const equals = text.indexOf("=", i);
    if (text[i] !== "e" || text[i + 2] !== "x" || regIndex < 0 || regIndex > 3 || equals < 0) {
      return fail("bad-register", `${quoteForMessage(text.slice(i))} does not start with a register eax, ebx, ecx or edx and \`=\``, { start: i, end: text.length });
    }
    if (equals > i + 3) {
      problems.push(devProblem("register-with-junk", `xl silently ignores ${quoteForMessage(text.slice(i + 3, equals))} between the register name and \`=\``, { start: i + 3, end: equals }, "silent"));
    }
    const valueStart = equals + 1;
    const comma = text.indexOf(",", valueStart);
    const valueEnd = comma < 0 ? text.length : comma;
    const bits = text.slice(valueStart, valueEnd);
    const bitsSpan: Span = { start: valueStart, end: valueEnd };
    if (bits.length !== 32) return fail("bad-length", `the bit string for ${text.slice(i, i + 3)} has ${bits.length} characters, not 32`, bitsSpan);
    const badChar = [...bits].findIndex((ch) => !CHARACTER_VALUES.includes(ch));
    if (badChar >= 0) {
      problems.push(
        devProblem(
          "bad-bit-character",
          `${quoteForMessage(bits[badChar] ?? "")} is not a CPUID bit policy: xl takes the string, but libxc refuses it when building the guest, so creation fails; use only 0, 1, x, k, s`,
          { start: valueStart + badChar, end: valueStart + badChar + 1 },
          "libxl-fatal",
        ),
      );
    }
    registers.push({ register: { value: REGISTERS[regIndex] as CpuidRegister, span: { start: i, end: i + 3 } }, bits: { value: bits, span: bitsSpan } });
    if (comma < 0) break;
    i = comma + 1;
    while (text[i] === " " || text[i] === "\n") i++;
  }
  return { leaf, subleaf, registers, problems };
}

export interface CpuidXendPolicy {
  readonly leaves: readonly CpuidXendLeaf[];
  readonly problems: readonly ListProblem[];
}

/** The xend list form: every string item up to the first nested list. */
export function parseCpuidList(items: readonly SpecItem[]): CpuidXendPolicy {
  const problems: ListProblem[] = [];
  const leaves: CpuidXendLeaf[] = [];
  for (const { index, spec } of stringItemsUntilList(items, "cpuid", problems)) {
    const leaf = parseCpuidXend(spec);
    leaves.push(leaf);
    problems.push(...leaf.problems.map((p) => problemAtPath([index], p)));
  }
  return { leaves, problems };
}

/** `cpuid` in whichever form it is written: a string (libxl form) or a list (xend form). */
export function parseCpuid(value: SpecText | readonly SpecItem[]): CpuidStringPolicy | CpuidXendPolicy {
  return "text" in value ? parseCpuidString(value) : parseCpuidList(value);
}
