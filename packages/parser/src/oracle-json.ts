/**
 * Prints evaluated settings as JSON in exactly the layout of
 * `xl-oracle parse --values-only` (keys in first-assignment order, two-space
 * indent, empty lists as `[]`), so the two can be compared byte for byte.
 * Strings are escaped byte-wise like the oracle: invalid UTF-8 and control
 * bytes become \u00XX.
 */
import type { EvalValue, Evaluation } from "./evaluate";
import type { ByteEncoding } from "./lex";

export function settingsToJson(evaluation: Evaluation, encoding: ByteEncoding = "utf8"): string {
  const keys = [...evaluation.settings.keys()];
  if (keys.length === 0) return "{}\n";
  const parts = keys.map((key) => {
    const setting = evaluation.settings.get(key);
    return `  ${jsonString(key, encoding)}: ${setting ? valueJson(setting.value, 1, encoding) : "null"}`;
  });
  return `{\n${parts.join(",\n")}\n}\n`;
}

/**
 * A value at an indent level. Walks with a stack of its own rather than by
 * recursion: xl accepts lists nested nearly 5,000 deep, which would overflow
 * the call stack.
 */
function valueJson(root: EvalValue, rootLevel: number, encoding: ByteEncoding): string {
  const out: string[] = [];
  // Values still to print, and the text between them, in reverse order.
  const todo: (string | { readonly value: EvalValue; readonly level: number })[] = [{ value: root, level: rootLevel }];
  for (let next = todo.pop(); next !== undefined; next = todo.pop()) {
    if (typeof next === "string") out.push(next);
    else if (next.value.kind === "string") out.push(jsonString(next.value.value, encoding));
    else if (next.value.items.length === 0) out.push("[]");
    else {
      const { items } = next.value;
      const indent = "  ".repeat(next.level + 1);
      out.push("[\n");
      todo.push(`\n${"  ".repeat(next.level)}]`);
      for (let i = items.length - 1; i >= 0; i--) todo.push({ value: items[i] as EvalValue, level: next.level + 1 }, i === 0 ? indent : `,\n${indent}`);
    }
  }
  return out.join("");
}

const NAMED_ESCAPES: Readonly<Record<number, string>> = {
  0x22: '\\"',
  0x5c: "\\\\",
  0x0a: "\\n",
  0x0d: "\\r",
  0x09: "\\t",
  0x08: "\\b",
  0x0c: "\\f",
};

function utf8SequenceLength(bytes: Uint8Array, i: number): number {
  const b = bytes[i] as number;
  let n: number;
  let cp: number;
  if (b < 0x80) return 1;
  if ((b & 0xe0) === 0xc0) [n, cp] = [2, b & 0x1f];
  else if ((b & 0xf0) === 0xe0) [n, cp] = [3, b & 0x0f];
  else if ((b & 0xf8) === 0xf0) [n, cp] = [4, b & 0x07];
  else return 0;
  for (let k = 1; k < n; k++) {
    const c = bytes[i + k];
    if (c === undefined || (c & 0xc0) !== 0x80) return 0;
    cp = (cp << 6) | (c & 0x3f);
  }
  const overlong = (n === 2 && cp < 0x80) || (n === 3 && cp < 0x800) || (n === 4 && (cp < 0x10000 || cp > 0x10ffff));
  if (overlong || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
  return n;
}

function jsonString(value: string, encoding: ByteEncoding): string {
  const bytes = Buffer.from(value, encoding);
  let out = '"';
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    const named = NAMED_ESCAPES[b];
    if (named !== undefined) {
      out += named;
      i++;
      continue;
    }
    if (b < 0x20 || b === 0x7f) {
      out += `\\u${b.toString(16).padStart(4, "0")}`;
      i++;
      continue;
    }
    const n = utf8SequenceLength(bytes, i);
    if (n === 0) {
      out += `\\u${b.toString(16).padStart(4, "0")}`;
      i++;
      continue;
    }
    out += bytes.subarray(i, i + n).toString("utf8");
    i += n;
  }
  return `${out}"`;
}
