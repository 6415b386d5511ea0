/**
 * What must hold for the parser's output on any text at all: no internal
 * error (the parser turns its own exceptions into one, so "never throws" alone
 * would prove nothing), and every range of every node and diagnostic inside
 * the text with line and column agreeing with its offset. The property tests
 * and the fuzzer (packages/linter/test/fuzz) share these checks, and they
 * return readable violations rather than assert, so a failure names what broke.
 */
import { evaluate, parse, type ByteEncoding, type Range, type Value } from "../src/index";

/** Checks ranges against one text: offsets inside it, line/column as `\n` line breaks and UTF-16 columns give them. */
export class RangeChecker {
  private readonly lineStarts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) this.lineStarts.push(i + 1);
  }

  /** What is wrong with `range`, or undefined when it is sound. */
  problem(range: Range): string | undefined {
    const { start, end } = range;
    if (!(Number.isInteger(start.offset) && Number.isInteger(end.offset))) return `offsets ${start.offset}..${end.offset} are not integers`;
    if (!(start.offset >= 0 && start.offset <= end.offset && end.offset <= this.text.length)) {
      return `offsets ${start.offset}..${end.offset} are not inside the text (length ${this.text.length})`;
    }
    for (const p of [start, end]) {
      const line = this.lineOf(p.offset);
      const column = p.offset - (this.lineStarts[line] as number);
      if (p.line !== line || p.column !== column) return `offset ${p.offset} is at ${line}:${column}, not ${p.line}:${p.column}`;
    }
    return undefined;
  }

  private lineOf(offset: number): number {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.lineStarts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}

const inside = (inner: Range, outer: Range): boolean => outer.start.offset <= inner.start.offset && inner.end.offset <= outer.end.offset;

/** Every node of a value, itself first. Iterative: fuzzed lists may nest thousands deep. */
function valueNodes(root: Value): { node: Value; parent: Value | undefined }[] {
  const out: { node: Value; parent: Value | undefined }[] = [];
  const stack: { node: Value; parent: Value | undefined }[] = [{ node: root, parent: undefined }];
  for (let next = stack.pop(); next; next = stack.pop()) {
    out.push(next);
    if (next.node.kind === "list") for (const item of next.node.items) stack.push({ node: item, parent: next.node });
  }
  return out;
}

/**
 * The broken invariants of `parse` and `evaluate` on `text`: exceptions,
 * internal errors, ranges outside the text or disagreeing with their offset,
 * a part outside its statement or list, statements or comments out of order.
 */
export function parserViolations(text: string, encoding: ByteEncoding): string[] {
  const found: string[] = [];
  const ranges = new RangeChecker(text);
  const checkRange = (what: string, range: Range): void => {
    const problem = ranges.problem(range);
    if (problem !== undefined) found.push(`${what}: ${problem}`);
  };
  let parsed: ReturnType<typeof parse>;
  let evaluation: ReturnType<typeof evaluate>;
  try {
    parsed = parse(text, { encoding });
    evaluation = evaluate(parsed.file);
  } catch (error) {
    return [`parse/evaluate threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`];
  }
  const { file } = parsed;
  checkRange("file", file.range);
  if (file.range.start.offset !== 0 || file.range.end.offset !== text.length) found.push("the file's range is not the whole text");

  let previousEnd = 0;
  file.statements.forEach((statement, i) => {
    const where = `statement ${i}`;
    checkRange(where, statement.range);
    if (statement.range.start.offset < previousEnd) found.push(`${where} starts before the previous one ends`);
    previousEnd = statement.range.end.offset;
    if (statement.kind !== "assignment") return;
    for (const [part, range] of [["key", statement.key.range], ["operator", statement.operatorRange]] as const) {
      checkRange(`${where} ${part}`, range);
      if (!inside(range, statement.range)) found.push(`${where}: its ${part} lies outside it`);
    }
    if (!statement.value) return;
    for (const { node, parent } of valueNodes(statement.value)) {
      checkRange(`${where} ${node.kind} value`, node.range);
      if (!inside(node.range, parent?.range ?? statement.range)) found.push(`${where}: a ${node.kind} value lies outside its ${parent ? "list" : "statement"}`);
    }
  });

  let previousComment = 0;
  file.comments.forEach((comment, i) => {
    checkRange(`comment ${i}`, comment.range);
    if (comment.range.start.offset < previousComment) found.push(`comment ${i} is out of order`);
    previousComment = comment.range.end.offset;
    if (text.slice(comment.range.start.offset, comment.range.end.offset) !== comment.text) found.push(`comment ${i}'s text is not the text at its range`);
  });

  for (const d of [...parsed.diagnostics, ...evaluation.diagnostics]) {
    checkRange(`diagnostic ${d.code} "${d.message}"`, d.range);
    if (d.code === "internal-error") found.push(`internal error: ${d.message}`);
  }
  return found;
}
