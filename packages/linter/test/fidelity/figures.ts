/**
 * The three fidelity figures of issue 4, from xl's verdicts and xlint's
 * findings:
 *   A. rejected by xl → at least one `error`;
 *   B. accepted by xl without a word → no `error` (except from exempt rules);
 *   C. accepted with a warning → at least one finding of any severity.
 * Plus the categories of the misses, so the biggest gaps show first.
 */
import { exemptionFor, type Exemption } from "./exemptions";
import type { XlResult } from "./oracle-runner";

export interface Finding {
  readonly rule: string;
  readonly severity: "error" | "warning" | "info";
  /** 1-based. */
  readonly line: number;
  readonly message: string;
}

export interface Case {
  readonly group: "corpus" | "mutant";
  readonly id: string;
  /** Mutants: their number in the generator (mutant `i` is the same at any count). */
  readonly index?: number;
  /** Mutants: the config they came from, the operator and the changed lines. */
  readonly base?: string;
  readonly operator?: string;
  readonly changes?: readonly string[];
  readonly text: string;
  readonly xl: XlResult;
  readonly findings: readonly Finding[];
}

export type Miss = "a" | "b" | "c" | "d";

/**
 * How many configs of one oracle test may go without a verdict (exit 2: xl
 * crashed on them, or the oracle could not judge). A figure leaves them out,
 * so more than a handful would quietly shrink what it measures: then the
 * oracle is broken, and the test fails saying how many.
 */
export const MAX_NO_VERDICT = 5;

/** Which figure a case fails, if any (undefined when it passes or xl gave no verdict). */
export function missOf(c: Case, exempt: readonly Exemption[]): Miss | undefined {
  switch (c.xl.verdict) {
    case "rejected":
      return c.findings.some((f) => f.severity === "error") ? undefined : "a";
    case "accepted":
      return falseErrors(c, exempt).length > 0 ? "b" : undefined;
    case "warned":
      if (c.findings.length === 0) return "c";
      return unexplainedErrors(c, exempt).length > 0 ? "d" : undefined;
    case "no-verdict":
      return undefined;
  }
}

/**
 * The errors on a config xl accepts silently that no exemption covers: an
 * exemption covers one problem of one rule, never the whole rule; and an
 * error xl would say it drops (`dropped`) cannot be right where xl says nothing.
 */
export function falseErrors(c: Case, exempt: readonly Exemption[]): Finding[] {
  return c.findings.filter((f) => f.severity === "error" && exemptionFor(f, exempt)?.kind !== "never-looked-at" && exemptionFor(f, exempt)?.kind !== "refused-after-checks");
}

/**
 * D: the errors on a config xl accepts with a warning. xl took the config,
 * so each must be one the oracle cannot judge and that is documented as such:
 * a later refusal by libxl or QEMU, a value xl drops (its warning), or what
 * xl never looks at. The others are unjudged claims that xl refuses.
 */
export function unexplainedErrors(c: Case, exempt: readonly Exemption[]): Finding[] {
  if (c.xl.verdict !== "warned") return [];
  return c.findings.filter((f) => f.severity === "error" && exemptionFor(f, exempt) === undefined);
}

export interface Ratio {
  readonly hits: number;
  readonly total: number;
  /** 100 when there is nothing to measure: no case fails the figure. */
  readonly percent: number;
}

export interface Figures {
  readonly configs: number;
  readonly rejected: number;
  readonly accepted: number;
  readonly warned: number;
  readonly noVerdict: number;
  /** A: rejected configs with at least one error. */
  readonly a: Ratio;
  /** B: silently accepted configs with a non-exempt error (hits = false errors). */
  readonly b: Ratio;
  /** C: warned configs with at least one finding. */
  readonly c: Ratio;
  /** D: warned configs with an error (total) that no exemption documents (hits). */
  readonly d: Ratio;
}

function ratio(hits: number, total: number): Ratio {
  return { hits, total, percent: total === 0 ? 100 : Math.round((hits / total) * 1000) / 10 };
}

export function figuresOf(cases: readonly Case[], exempt: readonly Exemption[]): Figures {
  const count = (verdict: XlResult["verdict"]) => cases.filter((c) => c.xl.verdict === verdict).length;
  const misses = (miss: Miss) => cases.filter((c) => missOf(c, exempt) === miss).length;
  const rejected = count("rejected");
  const accepted = count("accepted");
  const warned = count("warned");
  return {
    configs: cases.length,
    rejected,
    accepted,
    warned,
    noVerdict: count("no-verdict"),
    a: ratio(rejected - misses("a"), rejected),
    b: ratio(misses("b"), accepted),
    c: ratio(warned - misses("c"), warned),
    d: ratio(misses("d"), cases.filter((c) => c.xl.verdict === "warned" && c.findings.some((f) => f.severity === "error")).length),
  };
}

/** Lines xl prints on its way that are not the reason for a refusal. */
const NOT_THE_REASON = [
  /^warning:/i,
  /^libxl: warning:/,
  /^got a tsc mode string/,
  /^Config file looks like it contains Python code/,
  /^Arbitrary Python is no longer supported/,
  /PythonInXlConfig/,
  /^Failed to parse config: /,
  /^Invalid parameter `/,
  /^unrecognized argument/,
  /^the (netdev|accel) parameter/,
  /is not a valid number|could not be parsed as a number|should be a (list|single value)|can't use \+= with numbers/,
];

/** The line that says why xl refused a config (its first message that is not a warning). */
export function reasonOf(messages: readonly string[]): string {
  const reason = messages.find((m) => !NOT_THE_REASON.some((re) => re.test(normalise(m))));
  return reason ?? messages[messages.length - 1] ?? "(xl printed no message)";
}

/**
 * A message with the config's own values taken out, so that the same
 * complaint about different values counts once: quoted text, numbers, file
 * positions, libxl's source locations and the values xl prints unquoted.
 */
export function normalise(message: string): string {
  return (
    message
      .replace(/^<file>:\d+(:\d+)?: /, "")
      .replace(/^<file>: /, "")
      .replace(/^(libxl: \w+: )libxl_\w+\.c:\d+:\w+: /, "$1")
      // An apostrophe inside a word (`can't`) does not open a quote.
      .replace(/`[^`']*'|"[^"]*"|(?<![A-Za-z])'[^']*'/g, (quoted) => `${quoted[0]}…${quoted[quoted.length - 1]}`)
      // libxlu prints these without a newline, so xl's next message runs on.
      .replace(/^(Unknown [\w ]+?:) .*?(?=unable to parse)/, "$1 … ")
      .replace(/(identifier|domain type) .*?(\.?)$/, "$1 …$2")
      .replace(/\b(irq|ioport) \S+ too big/, "$1 … too big")
      // A single word after the last colon is the value xl complains about.
      .replace(/: +[^\s:]+(\s*\.)?$/, (_all, dot?: string) => `: …${dot ? "." : ""}`)
      .replace(/\b(0x[0-9a-f]+|\d+)\b/gi, "N")
      .replace(/\s+/g, " ")
      .trim()
  );
}

/** Counts, largest first (ties in name order). */
export function tally(items: Iterable<string>): [string, number][] {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return [...counts].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]));
}

/** The category a missed case is filed under. */
export function categoriesOf(c: Case, miss: Miss, exempt: readonly Exemption[]): string[] {
  switch (miss) {
    case "a":
      return [normalise(reasonOf(c.xl.messages))];
    case "b":
      return [...new Set(falseErrors(c, exempt).map((f) => f.rule))];
    case "c":
      return [...new Set(c.xl.messages.map(normalise))];
    case "d":
      return [...new Set(unexplainedErrors(c, exempt).map((f) => f.rule))];
  }
}
