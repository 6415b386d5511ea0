/**
 * fast-check arbitraries for xl config text, for the property tests of the
 * parser and the linter. Two shapes: token soup (any sequence of xl-ish
 * tokens: keys valid and not, operators, numbers, quoted strings with
 * escapes, brackets, comments, `;`, CR, BOM, NUL, non-ASCII), which mostly
 * breaks the grammar; and configs (statements with nested lists, comments and
 * blank lines between items), which it mostly accepts. Both shrink token by
 * token, so a failure comes back small.
 */
import fc from "fast-check";

const KEYS = ["name", "memory", "vcpus", "disk", "vif", "extra", "type", "a", "b.c", "x_1", "k9", "Name", "on-crash", "_x", "9a"];
const FRAGMENTS = ["a", "xvda", "phy:/dev/vg0/root", "bridge=br0", "mac=00:16:3e:00:00:01", "w", "", " ", "=", ":", "root=/dev/xvda1 ro"];
const NUMBERS = ["0", "1", "42", "0x1f", "0x", "010", "08", "1e3", "12abc", "99999999999999999999", "1.5", "-1"];
/** Escapes xl decodes, then ones it rejects (or that swallow the closing quote). */
const GOOD_ESCAPES = ["\\n", "\\t", "\\\\", '\\"', "\\'", "\\r", "\\a", "\\v"];
const ESCAPES = [...GOOD_ESCAPES, "\\x41", "\\101", "\\0", "\\e", "\\"];
const PUNCTUATION = ["=", "+=", "[", "]", ",", ";", "#", " ", "\t", "\n", "\n", "\r\n", "\r", "\uFEFF", "\0", "\\", '"', "'"];
const NON_ASCII = ["é", "€", "😀", "\u2028", "ÿ", "\u00a0"];
const COMMENTS = ["#", "# c", "#x = 1", '# "open', "#]", "# é", "# xlint-disable-next-line", "#\t "];

export interface Vocabulary {
  /** Keys to assign; the default mixes valid and invalid ones. */
  readonly keys?: readonly string[];
  /** Pieces joined by commas inside strings (spec tokens, for the linter). */
  readonly fragments?: readonly string[];
}

/** A string literal of fragments, escapes and free text, quote and backslash escaped unless meant as escapes. */
function quoted(fragments: readonly string[], escapes: readonly string[]): fc.Arbitrary<string> {
  const part = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...fragments).map((f) => ({ raw: false, text: f })) },
    { weight: 1, arbitrary: fc.constantFrom(...escapes).map((e) => ({ raw: true, text: e })) },
    { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 4 }).map((s) => ({ raw: false, text: s })) },
  );
  return fc.tuple(fc.constantFrom('"', "'"), fc.array(part, { maxLength: 5 })).map(([q, parts]) => {
    const body = parts.map((p) => (p.raw ? p.text : p.text.replaceAll("\\", "\\\\").replaceAll(q, `\\${q}`))).join(",");
    return q + body + q;
  });
}

/** One xl-ish token; Latin-1 only (every character one byte) with `latin1`. */
export function xlToken(vocabulary: Vocabulary = {}, latin1 = false): fc.Arbitrary<string> {
  const token = fc.oneof(
    fc.constantFrom(...(vocabulary.keys ?? KEYS)),
    fc.constantFrom(...PUNCTUATION),
    fc.constantFrom(...NUMBERS),
    fc.nat().map(String),
    quoted(vocabulary.fragments ?? FRAGMENTS, ESCAPES),
    fc.constantFrom(...COMMENTS),
    fc.constantFrom(...NON_ASCII),
    fc.string({ unit: latin1 ? "binary-ascii" : "binary", maxLength: 3 }),
  );
  return latin1 ? token.map((t) => [...t].map((ch) => (ch.charCodeAt(0) > 0xff ? "\xe9" : ch)).join("")) : token;
}

export function tokenSoup(vocabulary: Vocabulary = {}, latin1 = false): fc.Arbitrary<string> {
  return fc.array(xlToken(vocabulary, latin1), { maxLength: 40 }).map((tokens) => tokens.join(""));
}

/** What may sit between list items: nothing, blanks, line breaks, comments on their own line or after an item. */
const gap = fc.constantFrom("", "", " ", "\t", "\n", "\n  ", " # c\n", "\n# c\n", "\n\n\n");
const blank = fc.constantFrom("", " ", "\t", "  ");

/** A config the grammar mostly accepts: statements, comments, blank lines, `;` and line-break separators. */
export function xlConfig(vocabulary: Vocabulary = {}): fc.Arbitrary<string> {
  const atom = fc.oneof({ weight: 3, arbitrary: quoted(vocabulary.fragments ?? FRAGMENTS, GOOD_ESCAPES) }, { weight: 1, arbitrary: fc.constantFrom(...NUMBERS.slice(0, 7)) });
  const { value } = fc.letrec<{ value: string; list: string }>((tie) => ({
    value: fc.oneof({ depthSize: "small", withCrossShrink: true }, atom, tie("list")),
    list: fc
      .tuple(gap, fc.array(fc.tuple(gap, tie("value"), gap), { maxLength: 6 }), fc.boolean())
      .map(([open, items, trailing]) => `[${open}${items.map((i) => i.join("")).join(",")}${trailing && items.length > 0 ? "," : ""}]`),
  }));
  const keys = (vocabulary.keys ?? KEYS).filter((k) => /^[a-z][a-z0-9_.]*$/.test(k));
  const statement = fc.tuple(blank, fc.constantFrom(...keys), blank, fc.constantFrom("=", "=", "+="), blank, value, blank).map((parts) => parts.join(""));
  const line = fc.oneof({ weight: 8, arbitrary: statement }, { weight: 1, arbitrary: fc.constantFrom(...COMMENTS) }, { weight: 1, arbitrary: fc.constant("") });
  const separator = fc.constantFrom("\n", "\n", "\n", ";", "; ", " # end\n", "\n\n");
  return fc
    .tuple(fc.array(fc.tuple(line, separator), { maxLength: 12 }), fc.constantFrom("", "\n", "\n\n"))
    .map(([lines, ending]) => lines.map((l) => l.join("")).join("") + ending);
}
