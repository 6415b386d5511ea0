/**
 * Where a parser offset lies as the editor counts lines. The parser counts
 * lines as xl does, at `\n` only; LSP clients also end a line at a lone `\r`.
 * xl refuses a lone `\r` (a syntax error xlint reports), but until the author
 * removes it every position after it would be a line off in the editor. So
 * ranges of a document that holds one are placed by offset here; for every
 * other document the parser's lines and columns are the editor's, and nothing
 * is computed.
 */
import type { Position } from "vscode-languageserver";

export class EditorLines {
  private constructor(private readonly starts: readonly number[]) {}

  /** Undefined when the editor's lines are the parser's (no lone `\r`): the common case costs one regex test. */
  static of(text: string): EditorLines | undefined {
    if (!/\r(?!\n)/.test(text)) return undefined;
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      } else if (c === 10 /* \n */) starts.push(i + 1);
    }
    return new EditorLines(starts);
  }

  position(offset: number): Position {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.starts[mid] as number) <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: offset - (this.starts[low] as number) };
  }
}
