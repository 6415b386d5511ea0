import type { Position, Range } from "./ast";

/**
 * Maps offsets to 0-based line/column. The parser asks for offsets in
 * (nearly) increasing order, so the line of the previous answer is tried
 * first, then the next one, before falling back to a binary search.
 */
export class LineIndex {
  private starts: number[] | undefined;
  private lastLine = 0;

  /** Line starts are found on first use: parsing itself needs none. */
  constructor(readonly text: string) {}

  private get lineStarts(): number[] {
    if (this.starts) return this.starts;
    const text = this.text;
    const starts = [0];
    let i = text.indexOf("\n");
    while (i !== -1) {
      starts.push(i + 1);
      i = text.indexOf("\n", i + 1);
    }
    this.starts = starts;
    return starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  private lineOf(offset: number): number {
    const starts = this.lineStarts;
    const count = starts.length;
    let line = this.lastLine;
    if ((starts[line] as number) <= offset) {
      if (line + 1 >= count || offset < (starts[line + 1] as number)) return line;
      line++;
      if (line + 1 >= count || offset < (starts[line + 1] as number)) {
        this.lastLine = line;
        return line;
      }
    }
    let lo = 0;
    let hi = count - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    this.lastLine = lo;
    return lo;
  }

  position(offset: number): Position {
    const line = this.lineOf(offset);
    return { offset, line, column: offset - (this.lineStarts[line] as number) };
  }

  /** A range whose line/column are worked out only when asked for. */
  range(startOffset: number, endOffset: number): Range {
    return new OffsetRange(this, startOffset, endOffset);
  }

  /** The offset where a 0-based line starts (clamped to the text). */
  lineStart(line: number): number {
    return this.lineStarts[Math.max(0, Math.min(line, this.lineStarts.length - 1))] as number;
  }
}

/**
 * Keeps two offsets and the index; `start`/`end` are computed on access.
 * Serialises like a plain range, so JSON output is unchanged.
 */
class OffsetRange implements Range {
  constructor(
    private readonly lines: LineIndex,
    private readonly startOffset: number,
    private readonly endOffset: number,
  ) {}

  get start(): Position {
    return this.lines.position(this.startOffset);
  }

  get end(): Position {
    return this.lines.position(this.endOffset);
  }

  toJSON(): { start: Position; end: Position } {
    return { start: this.start, end: this.end };
  }
}
