/**
 * Seeded inputs for the formatter's property tests. They aim at what a
 * formatter can get wrong: comments everywhere a list allows them, blank
 * lines, `;` separators, both quote styles and their escapes, long and nested
 * lists, odd spacing, odd file endings, latin-1 bytes, plus a share of inputs
 * with errors (which must be refused) and mutations of real files.
 *
 * Inputs are "byte strings" (one character per byte, latin1) so that invalid
 * UTF-8 can be mixed in; the test decodes them as the CLI does.
 */
import { Rng } from "./random";

const u8 = (text: string): string => Buffer.from(text, "utf8").toString("latin1");

const KEYS = ["name", "memory", "vcpus", "disk", "vif", "extra", "cpus", "pci", "vnuma", "a", "b.c", "x_1", "k9", "vif.default.bridge"];
const NUMBERS = ["0", "1", "42", "512", "0x1f", "0xff", "010", "08", "1e3", "12abc", "0x", "99999999999999999999"];
const TEXT = [
  "a", "xvda", "phy:/dev/vg0/root,xvda,w", "bridge=br0,mac=00:16:3e:00:00:01", " ", "\t", ",", ";", "#", "=", "[", "]",
  "'", u8("é"), u8("€"), u8("😀"), "\xe9", "\xff", "root=/dev/xvda1 ro console=hvc0", "pnode=0", "size=1024",
] as const;
/** Escapes xl decodes (octal ones it accepts but drops the character). */
const ESCAPES = ["\\n", "\\t", "\\\\", '\\"', "\\'", "\\a", "\\b", "\\f", "\\r", "\\v", "\\101", "\\0 1"] as const;
const COMMENTS = ["#", "# comment", "#x = 1", "#\tindented", '# "open', u8("# é"), "##", "#]", "# trailing spaces   ", "#\t"] as const;
const SPACES = ["", " ", " ", "  ", "\t", " \t "] as const;

function stringBody(r: Rng, quote: string): string {
  let body = "";
  const pieces = r.weighted<number>([
    [4, r.range(0, 4)],
    [1, r.range(10, 30)],
  ]);
  for (let i = 0; i < pieces; i++) {
    body += r.weighted<() => string>([
      // Plain text may hold the quote character itself; it is escaped here.
      [8, () => r.pick(TEXT).replaceAll(quote, `\\${quote}`)],
      [2, () => (quote === '"' ? "'" : '"')],
      [2, () => r.pick(ESCAPES)],
    ])();
  }
  return body;
}

function quoted(r: Rng): string {
  const quote = r.chance(0.5) ? '"' : "'";
  return quote + stringBody(r, quote) + quote;
}

function atom(r: Rng): string {
  return r.chance(0.7) ? quoted(r) : r.pick(NUMBERS);
}

/** What may sit between list tokens: nothing, spaces, newlines, comments, blank lines. */
function gap(r: Rng): string {
  return r.weighted<() => string>([
    [10, () => ""],
    [6, () => r.pick(SPACES)],
    [3, () => "\n" + r.pick(SPACES)],
    [2, () => ` ${r.pick(COMMENTS)}\n${r.pick(SPACES)}`],
    [1, () => `\n${r.pick(SPACES)}${r.pick(COMMENTS)}\n${r.pick(SPACES)}`],
    [1, () => "\n\n\n" + r.pick(SPACES)],
  ])();
}

function list(r: Rng, depth: number): string {
  const count = r.weighted<number>([
    [1, 0],
    [4, r.range(1, 3)],
    [2, r.range(4, 8)],
    [1, r.range(9, 20)],
  ]);
  const items: string[] = [];
  for (let i = 0; i < count; i++) items.push(gap(r) + value(r, depth + 1) + gap(r));
  const trailing = count > 0 && r.chance(0.3) ? "," + gap(r) : "";
  return `[${gap(r)}${items.join(",")}${trailing}]`;
}

function value(r: Rng, depth: number): string {
  return depth < 3 && r.chance(depth === 0 ? 0.45 : 0.2) ? list(r, depth) : atom(r);
}

function statement(r: Rng): string {
  const key = r.pick(KEYS);
  const op = r.chance(0.2) ? "+=" : "=";
  return r.pick(SPACES) + key + r.pick(SPACES) + op + r.pick(SPACES) + value(r, 0) + r.pick(SPACES);
}

/** A statement or line with one planted mistake, which xl rejects. */
function broken(r: Rng): string {
  const key = r.pick(KEYS);
  return r.pick([
    `${key} = [${atom(r)}`,
    `${key} = ${atom(r)}]`,
    `${key} = vm1`,
    `Name = ${atom(r)}`,
    `${key} =`,
    `${key} = ${atom(r)} ${atom(r)}`,
    `${key} = "\\x41"`,
    `${key} = "open`,
    `${key} = [${atom(r)},,${atom(r)}]`,
    `${key} = 1.5`,
    `${key} = 1\r`,
    `${key} = ["a"]\n${key} += "b"`,
  ]);
}

function separator(r: Rng): string {
  return r.weighted<() => string>([
    [60, () => "\n"],
    [8, () => ";"],
    [4, () => "; "],
    [5, () => ";\n"],
    [8, () => ` ${r.pick(COMMENTS)}\n`],
    [3, () => `; ${r.pick(COMMENTS)}\n`],
    [6, () => "\n\n" + (r.chance(0.5) ? "\n\n" : "")],
    [3, () => `\n${r.pick(COMMENTS)}\n`],
    [1, () => ";;\n"],
  ])();
}

function ending(r: Rng, text: string): string {
  return r.weighted<() => string>([
    [60, () => text],
    // Without its final newline, unless that leaves a comment last (an error xl reports).
    [15, () => (/#[^\n]*\n*$/.test(text) ? text : text.replace(/[\n;]+$/, ""))],
    [8, () => text + "\n\n\n"],
    [4, () => text + "#"],
    [4, () => text + r.pick(["}", ")", "-", "\r", "*"])],
    [3, () => text + r.pick(COMMENTS)],
    [3, () => r.pick(["\n\n", " \n\t\n", ""]) + text],
  ])();
}

/** A generated config, mostly valid, about 10% with a planted error. */
export function generatedInput(r: Rng): string {
  const withError = r.chance(0.1);
  const count = r.range(0, 8);
  const errorAt = withError ? r.int(count + 1) : -1;
  let text = r.chance(0.2) ? `${r.pick(COMMENTS)}\n` : "";
  for (let i = 0; i <= count; i++) {
    if (i === errorAt) text += broken(r) + "\n";
    if (i < count) text += (r.chance(0.1) ? r.pick(COMMENTS) : statement(r)) + separator(r);
  }
  if (r.chance(0.02)) text = (r.chance(0.5) ? "\uFEFF" : "") + text.replaceAll("\n", "\r\n");
  return ending(r, text);
}

function lines(text: string): string[] {
  return text.split(/(?<=\n)/);
}

/** One small change to a real file: the kinds of edits people make. */
export function mutatedInput(r: Rng, source: string): string {
  let text = source;
  const steps = r.range(1, 3);
  for (let i = 0; i < steps; i++) {
    const all = lines(text);
    const line = r.int(Math.max(all.length, 1));
    const at = r.int(text.length + 1);
    text = r.weighted<() => string>([
      // Joins two lines with `;`.
      [3, () => all.map((l, k) => (k === line && k + 1 < all.length ? l.replace(/\n$/, "; ") : l)).join("")],
      [3, () => text.slice(0, at) + r.pick([" ", "\t", "\n", "\n\n"]) + text.slice(at)],
      [2, () => all.map((l, k) => (k === line ? l.replace(/\n$/, ` ${r.pick(COMMENTS)}\n`) : l)).join("")],
      [2, () => all.map((l, k) => (k === line ? `${r.pick(COMMENTS)}\n${l}` : l)).join("")],
      [2, () => all.map((l, k) => (k === line ? l.replace(/\s*=\s*/, r.pick(["=", " = ", "\t=  "])) : l)).join("")],
      [2, () => all.filter((_, k) => k !== line).join("")],
      [2, () => text + statement(r) + "\n"],
      [1, () => text.slice(0, at) + text.slice(at + 1)],
      [1, () => text.replace(/\n+$/, "")],
    ])();
  }
  return text;
}
