/**
 * The token rules of Xen 4.17's disk spec scanner (the flex scanner shipped
 * as libxlu_disk_l.c, which Debian builds as is), applied the way flex applies
 * them: at each position every rule is tried, the longest match wins and the
 * earlier rule wins a tie. Trailing context (`phy:/.*`) counts towards the
 * length when rules are compared but is not consumed; that is what lets the
 * prefixes beat the positional rule. `.` never matches a newline.
 *
 * The shipped scanner predates the `trusted`/`untrusted` rules and has no
 * `grant_usage=` rule, so those words fall through to the positional rule.
 */

/** A `key=value` parameter that stores its value (the value ends at the next comma). */
export type DiskValueKey =
  | "format"
  | "access"
  | "backend"
  | "backendtype"
  | "specification"
  | "vdev"
  | "script"
  | "colo-host"
  | "colo-port"
  | "colo-export"
  | "active-disk"
  | "hidden-disk";

export type DiskFlagName = "cdrom" | "direct-io-safe" | "discard" | "no-discard" | "colo" | "no-colo";

/** Prefixes that set the format, set a hotplug script, or are only skipped. */
export type DiskPrefixName =
  | "raw" | "qcow" | "qcow2" | "vhd"
  | "iscsi" | "nbd" | "enbd" | "drbd"
  | "tapdisk" | "tap" | "tap2" | "aio" | "ioemu" | "file" | "phy";

export type DiskRule =
  | { readonly kind: "space" }
  | { readonly kind: "value"; readonly key: DiskValueKey }
  | { readonly kind: "devtype"; readonly devtype: "cdrom" | "disk" | "other" }
  | { readonly kind: "flag"; readonly flag: DiskFlagName }
  | { readonly kind: "target" }
  | { readonly kind: "unknown-parameter" }
  | { readonly kind: "prefix"; readonly group: "format" | "script" | "skip" }
  | { readonly kind: "unknown-prefix" }
  | { readonly kind: "positional" }
  | { readonly kind: "bad-char" };

export interface DiskToken {
  readonly rule: DiskRule;
  readonly start: number;
  /** End of the matched text (trailing context excluded). */
  readonly end: number;
}

interface Match {
  /** Characters consumed. */
  readonly length: number;
  /** Length including trailing context, which decides between rules. */
  readonly weight: number;
}

type Matcher = (text: string, at: number) => Match | undefined;

/**
 * For a matcher of fixed words (`format=`, `cdrom`, `phy:`…): the characters
 * its words start with. The scanner skips it at any other character, where
 * it could not match anyway: a disk list of hundreds of entries is scanned
 * on every keystroke in the language server.
 */
const firstCharacters = new WeakMap<Matcher, string>();

function ofWords(words: readonly string[], matcher: Matcher): Matcher {
  // An empty word matches anywhere: such a matcher is tried at every character.
  if (words.every((w) => w !== "")) firstCharacters.set(matcher, words.map((w) => w[0]).join(""));
  return matcher;
}

function lineEnd(text: string, from: number): number {
  const newline = text.indexOf("\n", from);
  return newline < 0 ? text.length : newline;
}

const isBlank = (ch: string | undefined): boolean => ch === " " || ch === "\t" || ch === "\n";
const isLower = (ch: string | undefined): boolean => ch !== undefined && ch >= "a" && ch <= "z";
const isDigit = (ch: string | undefined): boolean => ch !== undefined && ch >= "0" && ch <= "9";

/** `[ \t\n]+/([^ \t\n].*)?`: blanks, weighed with the rest of the line after them. */
const blanks: Matcher = (text, at) => {
  let end = at;
  while (isBlank(text[end])) end++;
  if (end === at) return undefined;
  return { length: end - at, weight: lineEnd(text, end) - at };
};

/** `WORD=[^,]*,?` */
function valueParameter(word: string): Matcher {
  const head = `${word}=`;
  return ofWords([head], (text, at) => {
    if (!text.startsWith(head, at)) return undefined;
    let end = at + head.length;
    while (end < text.length && text[end] !== ",") end++;
    if (text[end] === ",") end++;
    return { length: end - at, weight: end - at };
  });
}

/** `WORD,?` */
function word(literal: string): Matcher {
  return ofWords([literal], (text, at) => {
    if (!text.startsWith(literal, at)) return undefined;
    const length = literal.length + (text[at + literal.length] === "," ? 1 : 0);
    return { length, weight: length };
  });
}

/** `target=.*`: the rest of the line. */
const target: Matcher = ofWords(["target="], (text, at) => {
  if (!text.startsWith("target=", at)) return undefined;
  const length = lineEnd(text, at + 7) - at;
  return { length, weight: length };
});

/** `[a-z][-a-z0-9]*=[^,],?`: exactly one value character is part of the match. */
const unknownParameter: Matcher = (text, at) => {
  if (!isLower(text[at])) return undefined;
  let end = at + 1;
  while (isLower(text[end]) || isDigit(text[end]) || text[end] === "-") end++;
  if (text[end] !== "=") return undefined;
  end++;
  if (end >= text.length || text[end] === ",") return undefined;
  // flex takes one byte here; we take one whole character (both halves of a
  // surrogate pair), so for a non-ASCII character `near` shows all of it
  // where xl prints its first byte only.
  const code = text.charCodeAt(end);
  end += code >= 0xd800 && code <= 0xdbff && end + 1 < text.length ? 2 : 1;
  if (text[end] === "," && text.charCodeAt(end - 1) < 0x80) end++;
  return { length: end - at, weight: end - at };
};

/** `(NAME|NAME…):/.*`: the prefix, weighed with the rest of the line. */
function prefix(names: readonly string[]): Matcher {
  const heads = names.map((name) => `${name}:`);
  return ofWords(heads, (text, at) => {
    let best: Match | undefined;
    for (const head of heads) {
      if (!text.startsWith(head, at)) continue;
      const length = head.length;
      const weight = lineEnd(text, at + length) - at;
      if (!best || weight > best.weight) best = { length, weight };
    }
    return best;
  });
}

/** `[a-z][a-z0-9]*:/([^a-z0-9].*)?` */
const unknownPrefix: Matcher = (text, at) => {
  if (!isLower(text[at])) return undefined;
  let end = at + 1;
  while (isLower(text[end]) || isDigit(text[end])) end++;
  if (text[end] !== ":") return undefined;
  end++;
  const next = text[end];
  // The optional trailing context starts with any character but a lowercase
  // letter or digit (a newline included) and runs to the end of the line.
  const weight = next !== undefined && !isLower(next) && !isDigit(next) ? lineEnd(text, end + 1) - at : end - at;
  return { length: end - at, weight };
};

/** `[^=,]*,|[^=,]+,?` */
const positional: Matcher = (text, at) => {
  let end = at;
  while (end < text.length && text[end] !== "=" && text[end] !== ",") end++;
  if (text[end] === ",") end++;
  if (end === at) return undefined;
  return { length: end - at, weight: end - at };
};

/** `.`: anything but a newline; only `=` ever gets here. */
const anyChar: Matcher = (text, at) => (at < text.length && text[at] !== "\n" ? { length: 1, weight: 1 } : undefined);

/** The rules in the scanner's order, which breaks ties. */
const RULES: readonly (readonly [DiskRule, Matcher])[] = [
  [{ kind: "space" }, blanks],
  [{ kind: "value", key: "format" }, valueParameter("format")],
  [{ kind: "flag", flag: "cdrom" }, word("cdrom")],
  [{ kind: "devtype", devtype: "cdrom" }, word("devtype=cdrom")],
  [{ kind: "devtype", devtype: "disk" }, word("devtype=disk")],
  [{ kind: "devtype", devtype: "other" }, valueParameter("devtype")],
  [{ kind: "value", key: "access" }, valueParameter("access")],
  [{ kind: "value", key: "backend" }, valueParameter("backend")],
  [{ kind: "value", key: "backendtype" }, valueParameter("backendtype")],
  [{ kind: "value", key: "specification" }, valueParameter("specification")],
  [{ kind: "value", key: "vdev" }, valueParameter("vdev")],
  [{ kind: "value", key: "script" }, valueParameter("script")],
  [{ kind: "flag", flag: "direct-io-safe" }, word("direct-io-safe")],
  [{ kind: "flag", flag: "discard" }, word("discard")],
  [{ kind: "flag", flag: "no-discard" }, word("no-discard")],
  [{ kind: "flag", flag: "colo" }, word("colo")],
  [{ kind: "flag", flag: "no-colo" }, word("no-colo")],
  [{ kind: "value", key: "colo-host" }, valueParameter("colo-host")],
  [{ kind: "value", key: "colo-port" }, valueParameter("colo-port")],
  [{ kind: "value", key: "colo-export" }, valueParameter("colo-export")],
  [{ kind: "value", key: "active-disk" }, valueParameter("active-disk")],
  [{ kind: "value", key: "hidden-disk" }, valueParameter("hidden-disk")],
  [{ kind: "target" }, target],
  [{ kind: "unknown-parameter" }, unknownParameter],
  [{ kind: "prefix", group: "format" }, prefix(["raw", "qcow", "qcow2", "vhd"])],
  [{ kind: "prefix", group: "script" }, prefix(["iscsi", "nbd", "enbd", "drbd"])],
  [{ kind: "prefix", group: "skip" }, prefix(["tapdisk"])],
  [{ kind: "prefix", group: "skip" }, prefix(["tap", "tap2"])],
  [{ kind: "prefix", group: "skip" }, prefix(["aio"])],
  [{ kind: "prefix", group: "skip" }, prefix(["ioemu"])],
  [{ kind: "prefix", group: "skip" }, prefix(["file"])],
  [{ kind: "prefix", group: "skip" }, prefix(["phy"])],
  [{ kind: "unknown-prefix" }, unknownPrefix],
  [{ kind: "positional" }, positional],
  [{ kind: "bad-char" }, anyChar],
];

/** By first character, the rules that may match there, in the scanner's order; rules of no fixed words may match anywhere. */
const SCAN = RULES.map(([rule, matcher]) => ({ rule, matcher, firsts: firstCharacters.get(matcher) }));
const MATCH_ANYWHERE = SCAN.filter((r) => r.firsts === undefined);
const BY_FIRST = new Map(
  [...new Set(SCAN.flatMap((r) => [...(r.firsts ?? "")]))].map((first) => [first, SCAN.filter((r) => r.firsts === undefined || r.firsts.includes(first))] as const),
);

/**
 * The token at `at` (which must be before the end of `text`). Undefined only
 * when no rule matches, which cannot happen in the scanner's first state.
 */
export function scanDiskToken(text: string, at: number): DiskToken | undefined {
  const candidates = BY_FIRST.get(text[at] ?? "") ?? MATCH_ANYWHERE;
  let best: { rule: DiskRule; match: Match } | undefined;
  for (const { rule, matcher } of candidates) {
    const match = matcher(text, at);
    if (match && (!best || match.weight > best.match.weight)) best = { rule, match };
  }
  return best ? { rule: best.rule, start: at, end: at + best.match.length } : undefined;
}
