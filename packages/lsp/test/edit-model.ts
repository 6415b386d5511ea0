/**
 * The edit model of the edit-sequence property test, written here from the
 * LSP specification rather than taken from the server's libraries, so that
 * the test computes the text the server should hold on its own: lines end at
 * "\r\n", "\n" or a lone "\r"; a position is a line and a UTF-16 column within
 * that line's content (its line break excluded).
 */
import fc from "fast-check";

export interface Position {
  readonly line: number;
  readonly character: number;
}

export interface Change {
  readonly range: { readonly start: Position; readonly end: Position };
  readonly text: string;
}

/** An edit before it meets a text: where it starts (`"end"`: so that what it removes ends the text), how many code units it removes, what it inserts. */
export interface AbstractEdit {
  readonly at: number | "end";
  readonly remove: number;
  readonly insert: string;
}

/** The offsets where each line starts, by LSP's line breaks. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\r") {
      if (text[i + 1] === "\n") i++;
      starts.push(i + 1);
    } else if (c === "\n") {
      starts.push(i + 1);
    }
  }
  return starts;
}

/** The end of a line's content: its start in the next line, less its line break. */
function contentEnd(text: string, starts: readonly number[], line: number): number {
  let end = line + 1 < starts.length ? (starts[line + 1] as number) : text.length;
  if (end > (starts[line] as number) && text[end - 1] === "\n") end--;
  if (end > (starts[line] as number) && text[end - 1] === "\r") end--;
  return end;
}

export function positionAt(text: string, offset: number): Position {
  const starts = lineStarts(text);
  let line = 0;
  while (line + 1 < starts.length && (starts[line + 1] as number) <= offset) line++;
  return { line, character: offset - (starts[line] as number) };
}

export function offsetAt(text: string, position: Position): number {
  const starts = lineStarts(text);
  const start = starts[position.line];
  if (start === undefined) throw new Error(`line ${position.line} is past the end of the text`);
  const end = contentEnd(text, starts, position.line);
  if (start + position.character > end) throw new Error(`column ${position.character} is past the end of line ${position.line}`);
  return start + position.character;
}

/**
 * The nearest offset at or before `offset` that a position can name and that
 * does not cut a character: not between the "\r" and "\n" of a line break,
 * not inside a surrogate pair (a cut pair is no text an editor sends).
 */
export function snapOffset(text: string, offset: number): number {
  let at = Math.max(0, Math.min(offset, text.length));
  if (at > 0 && at < text.length && text[at - 1] === "\r" && text[at] === "\n") at--;
  const code = text.charCodeAt(at);
  if (at > 0 && at < text.length && code >= 0xdc00 && code <= 0xdfff) {
    const before = text.charCodeAt(at - 1);
    if (before >= 0xd800 && before <= 0xdbff) at--;
  }
  return at;
}

/** The abstract edit made concrete against `text`: an LSP range and its new text. */
export function concretize(text: string, edit: AbstractEdit): Change {
  const start = snapOffset(text, edit.at === "end" ? text.length - edit.remove : edit.at % (text.length + 1));
  let end = snapOffset(text, start + edit.remove);
  if (end < start) end = start;
  return { range: { start: positionAt(text, start), end: positionAt(text, end) }, text: edit.insert };
}

/** `text` after one incremental change, as the server must apply it. */
export function applyChange(text: string, change: Change): string {
  const start = offsetAt(text, change.range.start);
  const end = offsetAt(text, change.range.end);
  if (end < start) throw new Error("a range that ends before it starts");
  return text.slice(0, start) + change.text + text.slice(end);
}

/** Whole statements and line breaks: edits that keep a config well formed (or fix one). */
const STATEMENTS = [
  "memory = 512\n",
  'name = "guest"\r\n',
  "vcpus = 2",
  'vif = [ "mac=00:16:3e:00:00:01,bridge=xenbr0" ]\n',
  'disk = [ "phy:/dev/vg0/guest,xvda,w",\n  "file:/srv/iso.iso,hdc:cdrom,r" ]\n',
  'type = "hvm"\n',
  'builder = "hvm"\n',
  "memroy = 1\n",
  "on_crash = 'restart'\n",
  'cpus = "0-3"',
  "# xlint-disable-next-line unknown-key -- test\n",
  '# Grüße, 日本語 😀\n',
  'extra = "console=hvc0 é"\n',
  "\n",
  "\r\n",
  "\n\n\n",
];

/** Pieces that break the syntax, line breaks of every kind (a lone "\r" too) and non-ASCII text. */
const PIECES = ['"', "'", "[", "]", ",", ";", "=", "+=", "#", "\\", "\\x4", " ", "\t", "0x", "-", "\r", "é", "Grüße", "日本語", "😀", "\u00a0", "\ufeff", "\u0000"];

const insertArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.array(fc.constantFrom(...STATEMENTS), { minLength: 1, maxLength: 3 }).map((parts) => parts.join("")) },
  { weight: 3, arbitrary: fc.array(fc.constantFrom(...STATEMENTS, ...PIECES), { minLength: 1, maxLength: 4 }).map((parts) => parts.join("")) },
  { weight: 2, arbitrary: fc.constant("") },
  // Any code points (no lone surrogates: JSON-RPC and UTF-8 cannot carry them, and no editor sends them).
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 8 }).filter((s) => !/\p{Cs}/u.test(s)) },
);

/** Inserts (nothing removed), deletes (nothing inserted) and replacements, some spanning lines, some at the very end. */
export const editArb: fc.Arbitrary<AbstractEdit> = fc.oneof(
  fc.record({ at: fc.oneof(fc.nat(), fc.constant("end" as const)), remove: fc.constant(0), insert: insertArb }),
  fc.record({ at: fc.oneof(fc.nat(), fc.constant("end" as const)), remove: fc.oneof(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 9, max: 400 })), insert: fc.constant("") }),
  fc.record({ at: fc.oneof(fc.nat(), fc.constant("end" as const)), remove: fc.oneof(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 9, max: 200 })), insert: insertArb }),
);

/** One didChange notification: one change, or several applied in order. */
export const notificationArb: fc.Arbitrary<AbstractEdit[]> = fc.oneof(
  { weight: 3, arbitrary: editArb.map((e) => [e]) },
  { weight: 1, arbitrary: fc.array(editArb, { minLength: 2, maxLength: 4 }) },
);
