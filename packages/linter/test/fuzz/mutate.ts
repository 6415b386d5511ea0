/**
 * Grammar-aware mutations of a config's bytes. The text is cut into xl-ish
 * tokens (strings, comments, words, numbers, `+=`, line breaks, blanks, any
 * other byte), and a mutation works on those: drops, repeats, swaps or
 * replaces tokens, splices in a run of another file, edits inside a string
 * the way spec parsers get stressed (a comma piece swapped for one from the
 * dictionary, an escape, a lost quote), or plants an odd byte. Each returns
 * the new text and a short name, so a finding says how its input was made.
 */
import { mutatedInput } from "../../../parser/test/format-inputs";
import type { Rng, Weighted } from "../../../parser/test/random";
import type { Dictionary, Source } from "./sources";

export interface MutationContext {
  readonly rng: Rng;
  readonly dictionary: Dictionary;
  readonly sources: readonly Source[];
}

type Mutator = (tokens: string[], context: MutationContext) => string;

const TOKEN = /"(?:[^"\\\n]|\\[^\n])*"?|'(?:[^'\\\n]|\\[^\n])*'?|#[^\n]*|[A-Za-z_][\w.-]*|[0-9][0-9A-Za-z.]*|\+=|\r\n|[ \t]+|[^]/g;

export function tokenize(bytes: string): string[] {
  return bytes.match(TOKEN) ?? [];
}

const isString = (t: string): boolean => t.startsWith('"') || t.startsWith("'");
const isWord = (t: string): boolean => /^[A-Za-z_]/.test(t);
const isNumber = (t: string): boolean => /^[0-9]/.test(t);
const isSpace = (t: string): boolean => /^[ \t\r\n]/.test(t);

/** An index of a token that passes `test` (any token when none does), or the end. */
function indexWhere(tokens: readonly string[], rng: Rng, test: (t: string) => boolean): number {
  const matching: number[] = [];
  tokens.forEach((t, i) => test(t) && matching.push(i));
  if (matching.length > 0) return rng.pick(matching);
  return rng.int(tokens.length + 1);
}

/** Any dictionary word, as a token that may stand on its own. */
function anyToken(context: MutationContext): string {
  const { rng, dictionary: d } = context;
  return rng.weighted<() => string>([
    [4, () => rng.pick(d.lexical)],
    [3, () => rng.pick(d.keys)],
    [3, () => rng.pick(d.strings)],
    [2, () => rng.pick(d.numbers)],
    [2, () => `"${rng.pick(d.fragments)}"`],
    [1, () => `${rng.pick(d.keys)} = `],
  ])();
}

function splice(tokens: string[], at: number, remove: number, insert: readonly string[]): string {
  tokens.splice(at, remove, ...insert);
  return tokens.join("");
}

/** Edits inside one string literal, keeping (or deliberately losing) its quotes. */
function editString(raw: string, context: MutationContext): string {
  const { rng, dictionary: d } = context;
  const quote = raw[0] as string;
  const closed = raw.length > 1 && raw.endsWith(quote);
  const body = raw.slice(1, closed ? -1 : undefined);
  const pieces = body.split(",");
  const at = rng.int(pieces.length);
  const newBody = rng.weighted<() => string>([
    [5, () => pieces.map((p, i) => (i === at ? rng.pick(d.fragments) : p)).join(",")],
    [3, () => [...pieces.slice(0, at), rng.pick(d.fragments), ...pieces.slice(at)].join(",")],
    [2, () => pieces.filter((_, i) => i !== at).join(",")],
    [2, () => [...pieces.slice(0, at + 1), ...pieces.slice(at)].join(",")],
    [2, () => pieces.map((p, i) => (i === at ? p.replace(/[=:@-]/, rng.pick(["", "==", " = ", ":", "="])) : p)).join(",")],
    [3, () => {
      const cut = rng.int(body.length + 1);
      return body.slice(0, cut) + rng.pick(d.lexical).replaceAll(quote, "") + body.slice(cut);
    }],
    [1, () => body.slice(0, rng.int(body.length + 1))],
    [1, () => body.repeat(rng.range(2, 50))],
  ])();
  const close = rng.chance(0.03) ? "" : quote;
  const open = rng.chance(0.05) ? (quote === '"' ? "'" : '"') : quote;
  // Escape pairs are kept as they are; a bare quote of the kind now used is escaped.
  const escaped = newBody.replace(/\\[^]|["']/g, (m) => (m === open ? `\\${open}` : m));
  return open + escaped + (close === "" ? "" : open);
}

const MUTATORS: Weighted<readonly [string, Mutator]> = [
  [6, ["delete", (t, { rng }) => splice(t, rng.int(t.length + 1), rng.range(1, 3), [])]],
  [4, ["repeat", (t, { rng }) => {
    const at = rng.int(t.length + 1);
    const run = t.slice(at, at + rng.range(1, 6));
    return splice(t, rng.int(t.length + 1), 0, run);
  }]],
  [3, ["swap", (t, { rng }) => {
    const i = rng.int(t.length);
    const j = rng.int(t.length);
    [t[i], t[j]] = [t[j] as string, t[i] as string];
    return t.join("");
  }]],
  [8, ["replace", (t, c) => splice(t, indexWhere(t, c.rng, (x) => !isSpace(x)), 1, [anyToken(c)])]],
  [8, ["insert", (t, c) => splice(t, c.rng.int(t.length + 1), 0, [anyToken(c)])]],
  [4, ["crossover", (t, c) => {
    const other = tokenize(c.rng.pick(c.sources).bytes);
    const from = c.rng.int(other.length + 1);
    return splice(t, c.rng.int(t.length + 1), 0, other.slice(from, from + c.rng.range(1, 40)));
  }]],
  [16, ["string", (t, c) => {
    const i = indexWhere(t, c.rng, isString);
    return splice(t, i, 1, [t[i] !== undefined && isString(t[i]) ? editString(t[i], c) : `"${c.rng.pick(c.dictionary.fragments)}"`]);
  }]],
  [4, ["number", (t, c) => splice(t, indexWhere(t, c.rng, isNumber), 1, [c.rng.pick(c.dictionary.numbers)])]],
  [5, ["key", (t, c) => {
    const i = indexWhere(t, c.rng, isWord);
    const word = t[i] ?? "";
    const near = c.rng.pick([word.toUpperCase(), word.replaceAll("_", "-"), word.slice(0, -1), `${word}s`, `_${word}`, `${word}.x`]);
    return splice(t, i, 1, [c.rng.chance(0.6) ? c.rng.pick(c.dictionary.keys) : near]);
  }]],
  [3, ["wrap", (t, c) => {
    const i = indexWhere(t, c.rng, (x) => isString(x) || isNumber(x));
    return splice(t, i, 1, ["[", ...c.rng.pick([[" "], ["\n"], []]), t[i] ?? "", c.rng.pick(["", ",", ",\n"]), "]"]);
  }]],
  [2, ["unwrap", (t, c) => splice(t, indexWhere(t, c.rng, (x) => x === "[" || x === "]"), 1, [])]],
  [3, ["byte", (t, c) => {
    const bytes = t.join("");
    const at = c.rng.int(bytes.length + 1);
    return bytes.slice(0, at) + c.rng.pick(c.dictionary.lexical) + bytes.slice(at + c.rng.int(2));
  }]],
  [4, ["lines", (t, c) => mutatedInput(c.rng, t.join(""))]],
];

/** Applies one mutation, chosen by weight; returns the new bytes and the mutation's name. */
export function mutateOnce(bytes: string, context: MutationContext): { bytes: string; name: string } {
  const [name, mutator] = context.rng.weighted(MUTATORS);
  return { bytes: mutator(tokenize(bytes), context), name };
}

/** A few dictionary tokens in a row: short inputs that reach the parser's corners quickly. */
export function tokenSoup(context: MutationContext): string {
  const count = context.rng.range(0, 30);
  let out = "";
  for (let i = 0; i < count; i++) out += anyToken(context);
  return out;
}
