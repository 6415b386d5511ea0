/**
 * The 1-based positions machine-readable formats print. Columns count UTF-16
 * code units, as the linter's ranges do; ends are exclusive (the column just
 * after the last character), so an empty span has equal start and end.
 */
import type { Range } from "@xlint/parser";

export interface OneBasedRange {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

export function oneBased(range: Range): OneBasedRange {
  const { start, end } = range;
  return { line: start.line + 1, column: start.column + 1, endLine: end.line + 1, endColumn: end.column + 1 };
}
