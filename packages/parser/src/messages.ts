/**
 * Messages for text xl's lexer rejects. Each says what is wrong, what xl does
 * with it, and how to write it instead.
 */

const VALID_KEY = /^[a-z][._0-9a-z]*$/;
const WORD = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const PYTHON_CHARS = /[+\-.():%*]/;

export type BadTextRole = "key" | "value";

/** A message for a run of text that is not a token xl knows. */
export function describeInvalidText(text: string, role: BadTextRole, atFileStart: boolean): string {
  if (atFileStart && text.startsWith("\uFEFF")) {
    return "the file starts with a byte order mark (BOM), which xl rejects as an invalid character: save the file as UTF-8 without BOM";
  }
  if (text.startsWith('"') || text.startsWith("'")) {
    return `unterminated string ${quoteText(text)}: a string must close on the same line with ${text[0]} (xl has no multi-line strings)`;
  }
  if (role === "key") return describeInvalidKey(text);
  if (text === "True" || text === "False") {
    return `\`${text}\` is Python, not xl: booleans are written 1 and 0`;
  }
  if (text === "None") return "`None` is Python, not xl: leave the key out instead";
  if (/^[0-9]+\.[0-9]*$/.test(text)) {
    return `\`${text}\` is a fractional number, which xl does not have: write a whole number`;
  }
  if (/^-[0-9]/.test(text)) {
    return `\`${text}\` is a negative number, which xl's syntax does not have: quote it ("${text}") if the option really takes a signed value`;
  }
  if (/^0x[0-9a-fA-F]+$/.test(text)) {
    return `\`${text}\` has uppercase hex digits, which xl does not read: write \`${text.toLowerCase()}\``;
  }
  if (/^[0-9]+[A-Za-z]+$/.test(text)) {
    return `\`${text}\` is not a number xl can read: write the plain number in the option's unit, or quote it if the option takes a string`;
  }
  if (/^[0-9]/.test(text)) {
    return `\`${text}\` is not a number xl can read: numbers are decimal, 0x-hex with lowercase digits, or 0-octal`;
  }
  if (WORD.test(text)) {
    return `\`${text}\` is an unquoted word: xl values are quoted strings, numbers or [lists]; write "${text}"`;
  }
  if (/[A-Za-z_]\w*\(/.test(text)) {
    return `\`${shorten(text)}\` looks like a Python function call: xl does not run code, so write the resulting value out`;
  }
  if (PYTHON_CHARS.test(text)) {
    return `\`${shorten(text)}\` looks like a Python expression: xl does not run code, so write the resulting value out`;
  }
  const bad = text.search(/[^a-z0-9._]/);
  return `unexpected character \`${printable(text[Math.max(0, bad)] ?? "")}\`: xl's lexer rejects it`;
}

export function describeInvalidKey(text: string): string {
  if (VALID_KEY.test(text.toLowerCase())) {
    return `\`${text}\` is not a valid key: xl keys are lowercase; write \`${text.toLowerCase()}\``;
  }
  const underscored = text.replace(/-/g, "_");
  if (VALID_KEY.test(underscored.toLowerCase())) {
    return `\`${text}\` is not a valid key: xl keys use \`_\`, not \`-\`; write \`${underscored.toLowerCase()}\``;
  }
  return `\`${shorten(text)}\` is not a valid key: a key starts with a lowercase letter, then lowercase letters, digits, \`_\` or \`.\``;
}

export function describeUnquotedWord(text: string): string {
  return `\`${text}\` is an unquoted word: xl values are quoted strings, numbers or [lists]; write "${text}"`;
}

function quoteText(text: string): string {
  return `\`${shorten(text)}\``;
}

function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** Control characters are shown by code so the message stays on one line. */
export function printable(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code < 0x20 || code === 0x7f) return `\\x${code.toString(16).padStart(2, "0")}`;
  if (code === 0xfeff) return "U+FEFF";
  return ch;
}

/** Signs of Python in a run xl rejects: calls, operators, Python literals (not a mere `-` or `.`). */
export function looksLikePython(text: string): boolean {
  return /[()%*:+]/.test(text) || /^(True|False|None)$/.test(text);
}
