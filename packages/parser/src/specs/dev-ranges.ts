/**
 * The host resources a guest may be given directly: `ioports` (hex ports
 * or ranges), `irqs` (decimal numbers) and `iomem` (hex `START,NUM[@GFN]`
 * page ranges), read as xl 4.17 reads them with strtoul and sscanf. Every
 * item must be a string (or a number): a nested list is fatal here, unlike
 * in the device lists.
 */
import type { SpecField, SpecProblem, SpecText } from "./spec-text";
import { problemAtPath, makeListProblem, devProblem, quoteForMessage, type ListProblem, type SpecItem } from "./dev-common";
import { glibcScanHex, glibcStrtoul, C_UINT32_MAX, C_ULONG_MAX } from "./c-numbers";

/** Xen's x86 I/O port space: ports 0 to 0xffff. */
const IO_PORT_SPACE = 0x10000n;

export interface IoportRange {
  readonly first: SpecField<number>;
  /** Ports in the range, as xl computes it (wraps to 32 bits when the range is reversed). */
  readonly count: number;
}

export interface ParsedIoport {
  readonly range: IoportRange | undefined;
  readonly problems: readonly SpecProblem[];
}

/** One `ioports` item: `"2f8"` or `"2f8-2ff"`, hexadecimal, inclusive. */
export function parseIoport(spec: SpecText): ParsedIoport {
  const text = spec.text;
  const whole = { start: 0, end: text.length };
  const problems: SpecProblem[] = [];
  const first = glibcStrtoul(text, 0, 16);
  if (first.end === 0) {
    return { range: undefined, problems: [devProblem("not-hex", `ioport ${quoteForMessage(text)} is not a hexadecimal number: xl refuses the config; write e.g. "2f8" or "2f8-2ff"`, whole, "fatal")] };
  }
  if (first.value >= C_UINT32_MAX) {
    return { range: undefined, problems: [devProblem("too-big", `ioport ${quoteForMessage(text)} is far beyond the port space (0 to ffff): xl refuses the config; I/O ports go up to ffff`, { start: 0, end: first.end }, "fatal")] };
  }
  let last = first.value;
  if (text[first.end] === "-") {
    const second = glibcStrtoul(text, first.end + 1, 16);
    if (second.end === first.end + 1 || second.end !== text.length) {
      const bad = { start: first.end + 1, end: text.length };
      return { range: undefined, problems: [devProblem("bad-range", `the end of ioport range ${quoteForMessage(text)} is not a hexadecimal number: xl refuses the config; write FIRST-LAST in hex`, bad, "fatal")] };
    }
    if (second.value >= C_UINT32_MAX) {
      return { range: undefined, problems: [devProblem("too-big", `the end of ioport range ${quoteForMessage(text)} is far beyond the port space (0 to ffff): xl refuses the config; I/O ports go up to ffff`, { start: first.end + 1, end: text.length }, "fatal")] };
    }
    last = second.value;
  } else if (first.end < text.length) {
    problems.push(
      devProblem(
        "trailing-junk",
        `xl reads ioport ${quoteForMessage(text)} as the single port ${first.value.toString(16)}, prints a message about ${quoteForMessage(text.slice(first.end))} and goes on; write only hex digits (or a FIRST-LAST range)`,
        { start: first.end, end: text.length },
        "warning",
      ),
    );
  }
  const count = BigInt.asUintN(32, last - first.value + 1n);
  // Xen's own check on the domctl, in 32-bit arithmetic.
  const endExclusive = BigInt.asUintN(32, first.value + count);
  if (last < first.value) {
    problems.push(
      devProblem(
        "reversed-range",
        `ioport range ${quoteForMessage(text)} ends before it starts: xl does not notice, computes a wrapped-around count, and Xen then refuses the ports so the guest is not created; write the lower port first`,
        whole,
        "libxl-fatal",
      ),
    );
  } else if (endExclusive <= first.value || endExclusive > IO_PORT_SPACE) {
    problems.push(
      devProblem("beyond-port-space", `ioport ${quoteForMessage(text)} goes beyond ffff, the last I/O port: Xen refuses it and the guest is not created`, whole, "libxl-fatal"),
    );
  }
  return { range: { first: { value: Number(first.value), span: { start: 0, end: first.end } }, count: Number(count) }, problems };
}

export interface ParsedIrq {
  readonly irq: SpecField<number> | undefined;
  readonly problems: readonly SpecProblem[];
}

/** One `irqs` item: a decimal number (a quoted string or a bare number). */
export function parseIrq(spec: SpecText): ParsedIrq {
  const text = spec.text;
  const whole = { start: 0, end: text.length };
  const read = glibcStrtoul(text, 0, 10);
  if (read.end === 0 || read.end !== text.length) {
    const hint = /^\s*0[xX]/.test(text) ? " (irqs are decimal only, not hex)" : "";
    return { irq: undefined, problems: [devProblem("not-decimal", `irq ${quoteForMessage(text)} is not a decimal number${hint}: xl refuses the config; write the IRQ number in decimal`, whole, "fatal")] };
  }
  if (read.value >= C_UINT32_MAX) {
    return { irq: undefined, problems: [devProblem("too-big", `irq ${quoteForMessage(text)} does not fit in 32 bits: xl refuses the config; write a real IRQ number`, whole, "fatal")] };
  }
  return { irq: { value: Number(read.value), span: whole }, problems: [] };
}

export interface IomemRange {
  /** First machine page (frame number). */
  readonly start: SpecField<bigint>;
  readonly pages: SpecField<bigint>;
  /** Guest page the mapping starts at; absent means the same as `start`. */
  readonly gfn: SpecField<bigint> | undefined;
}

export interface ParsedIomem {
  readonly range: IomemRange | undefined;
  readonly problems: readonly SpecProblem[];
}

/** One `iomem` item: `"START,NUM[@GFN]"`, all hexadecimal, as `sscanf("%lx,%lx%n@%lx%n")` reads it. */
export function parseIomemRange(spec: SpecText): ParsedIomem {
  const text = spec.text;
  const whole = { start: 0, end: text.length };
  const fail = (detail: string): ParsedIomem => ({
    range: undefined,
    problems: [devProblem("bad-iomem", `iomem ${quoteForMessage(text)} ${detail}: xl refuses the config; write START,NUM or START,NUM@GFN in hex, without blanks before , or @`, whole, "fatal")],
  });
  const start = glibcScanHex(text, 0);
  if (start.kind !== "ok") return fail("does not start with a hexadecimal page number");
  if (text[start.end] !== ",") return fail("has no `,` right after the start page");
  const pages = glibcScanHex(text, start.end + 1);
  if (pages.kind !== "ok") return fail("has no hexadecimal page count after the `,`");
  let used = pages.end;
  let gfn: SpecField<bigint> | undefined;
  if (text[used] === "@") {
    const guest = glibcScanHex(text, used + 1);
    if (guest.kind !== "ok") return fail("has no hexadecimal guest frame after the `@`");
    gfn = { value: guest.value, span: { start: used + 1, end: guest.end } };
    used = guest.end;
  }
  if (used !== text.length) return fail(`has ${quoteForMessage(text.slice(used))} after the numbers`);
  const problems: SpecProblem[] = [];
  if (pages.value === 0n) {
    problems.push(devProblem("no-pages", `iomem ${quoteForMessage(text)} grants 0 pages: Xen refuses the range and the guest is not created; give the number of pages`, whole, "libxl-fatal"));
  } else if (start.value + pages.value - 1n > C_ULONG_MAX) {
    problems.push(devProblem("range-wraps", `iomem ${quoteForMessage(text)} runs past the end of the address space: Xen refuses the range and the guest is not created`, whole, "libxl-fatal"));
  }
  return {
    range: {
      start: { value: start.value, span: { start: 0, end: start.end } },
      pages: { value: pages.value, span: { start: start.end + 1, end: pages.end } },
      gfn,
    },
    problems,
  };
}

/** Results of a whole `ioports` / `irqs` / `iomem` list, in item order. */
export interface RangeList<T> {
  readonly items: readonly (T | undefined)[];
  readonly problems: readonly ListProblem[];
}

function parseEveryItem<T>(items: readonly SpecItem[], key: string, parseOne: (spec: SpecText) => { readonly problems: readonly SpecProblem[] } & T): RangeList<T> {
  const problems: ListProblem[] = [];
  const parsed: (T | undefined)[] = [];
  for (const [index, item] of items.entries()) {
    if (item.kind === "list") {
      problems.push(
        makeListProblem([index], "nested-list-item", `item ${index + 1} of \`${key}\` is a list, not a string: xl refuses the config; write each entry as a quoted string`, "fatal"),
      );
      parsed.push(undefined);
      continue;
    }
    const one = parseOne(item.spec);
    problems.push(...one.problems.map((p) => problemAtPath([index], p)));
    parsed.push(one);
  }
  return { items: parsed, problems };
}

export function parseIoports(items: readonly SpecItem[]): RangeList<ParsedIoport> {
  return parseEveryItem(items, "ioports", parseIoport);
}

export function parseIrqs(items: readonly SpecItem[]): RangeList<ParsedIrq> {
  return parseEveryItem(items, "irqs", parseIrq);
}

export function parseIomem(items: readonly SpecItem[]): RangeList<ParsedIomem> {
  return parseEveryItem(items, "iomem", parseIomemRange);
}
