/**
 * The printer: an error-free AST plus its comments → text in the canonical
 * layout described in `./index.ts`.
 *
 * Comments are not nodes of the tree; they sit in `file.comments`, sorted by
 * offset. The printer walks the statements and list items in source order and
 * keeps one cursor into that list, so each comment is printed exactly once, at
 * the place where the source had it:
 * - a comment on the line where the previous thing (statement, list item or
 *   `[`) ends is *trailing* and stays at the end of that thing's line;
 * - any other comment is printed on its own line before the next thing, or
 *   before the `]` (or the end of the file) when nothing follows.
 */
import type { Assignment, Comment, ConfigFile, ListValue, Statement, Value } from "../ast";
import { canonicalNumber, canonicalString, commentText, textWidth } from "./atoms";

export interface LayoutOptions {
  readonly lineWidth: number;
  readonly indentWidth: number;
}

/** Thrown when the tree holds something only a file with errors can hold; the caller refuses to format. */
export class UnprintableError extends Error {}

export function layoutFile(file: ConfigFile, text: string, options: LayoutOptions): string {
  const lines = new Printer(text, file.comments, options).file(file.statements);
  return lines.length === 0 ? "" : `${lines.join("\n")}\n`;
}

class Printer {
  /** Index of the first comment not printed yet. */
  private nextComment = 0;

  constructor(
    private readonly text: string,
    private readonly comments: readonly Comment[],
    private readonly options: LayoutOptions,
  ) {}

  file(statements: readonly Statement[]): string[] {
    const out: string[] = [];
    let previousEnd: number | undefined;
    const blankLineBefore = (start: number): void => {
      if (previousEnd !== undefined && this.hasBlankLine(previousEnd, start)) out.push("");
    };
    statements.forEach((statement, index) => {
      const start = statement.range.start.offset;
      for (let c = this.commentBefore(start); c; c = this.commentBefore(start)) {
        blankLineBefore(c.range.start.offset);
        out.push(commentText(c.text));
        previousEnd = c.range.end.offset;
      }
      blankLineBefore(start);
      const lines = this.statement(statement);
      const nextStart = statements[index + 1]?.range.start.offset ?? Infinity;
      const trailing = this.trailingComment(statement.range.end.line, nextStart);
      if (trailing) lines[lines.length - 1] += ` ${commentText(trailing.text)}`;
      out.push(...lines);
      previousEnd = (trailing ?? statement).range.end.offset;
    });
    for (let c = this.commentBefore(Infinity); c; c = this.commentBefore(Infinity)) {
      blankLineBefore(c.range.start.offset);
      out.push(commentText(c.text));
      previousEnd = c.range.end.offset;
    }
    return out;
  }

  private statement(statement: Statement): string[] {
    const assignment = checkedAssignment(statement);
    const value = assignment.value;
    if (!value) throw new UnprintableError(`cannot print \`${assignment.key.name}\` without its value`);
    const prefix = `${assignment.key.name} ${assignment.operator} `;
    const lines = this.value(value, textWidth(prefix), 0, 0);
    lines[0] = prefix + lines[0];
    return lines;
  }

  /**
   * The lines of a value that starts at `column`, nested `level` lists deep,
   * with `suffixWidth` columns (a comma) to follow it. The first line carries
   * no indentation (the caller puts it after its prefix); the others carry
   * their full indentation.
   */
  private value(value: Value, column: number, level: number, suffixWidth: number): string[] {
    switch (value.kind) {
      case "string":
        return [canonicalString(value)];
      case "number":
        return [canonicalNumber(value)];
      case "list":
        return this.list(value, column, level, suffixWidth);
      case "invalid":
        throw new UnprintableError(`cannot print the invalid value \`${value.raw}\``);
    }
  }

  private list(list: ListValue, column: number, level: number, suffixWidth: number): string[] {
    const end = list.range.end.offset;
    // A comment anywhere inside runs to the end of its line, so the list must break.
    if (!this.hasCommentBefore(end)) {
      const flat = flatList(list);
      if (column + textWidth(flat) + suffixWidth <= this.options.lineWidth) return [flat];
    }
    const itemIndent = this.indent(level + 1);
    const lines = ["["];
    let previousEnd = list.range.start.offset + 1;
    let printedInside = false;
    const push = (line: string, blankIfBefore: number): void => {
      // Blank lines are kept between things inside the list, never right after `[`.
      if (printedInside && this.hasBlankLine(previousEnd, blankIfBefore)) lines.push("");
      lines.push(line);
      printedInside = true;
    };

    const firstStart = list.items[0]?.range.start.offset ?? end;
    const afterOpen = this.trailingComment(list.range.start.line, firstStart);
    if (afterOpen) {
      lines[0] += ` ${commentText(afterOpen.text)}`;
      previousEnd = afterOpen.range.end.offset;
    }
    list.items.forEach((item, index) => {
      const start = item.range.start.offset;
      for (let c = this.commentBefore(start); c; c = this.commentBefore(start)) {
        push(itemIndent + commentText(c.text), c.range.start.offset);
        previousEnd = c.range.end.offset;
      }
      const itemLines = this.value(item, textWidth(itemIndent), level + 1, 1);
      itemLines[0] = itemIndent + itemLines[0];
      itemLines[itemLines.length - 1] += ",";
      const nextStart = list.items[index + 1]?.range.start.offset ?? end;
      const trailing = this.trailingComment(item.range.end.line, nextStart);
      if (trailing) itemLines[itemLines.length - 1] += ` ${commentText(trailing.text)}`;
      push(itemLines[0] as string, start);
      lines.push(...itemLines.slice(1));
      previousEnd = (trailing ?? item).range.end.offset;
    });
    for (let c = this.commentBefore(end); c; c = this.commentBefore(end)) {
      push(itemIndent + commentText(c.text), c.range.start.offset);
      previousEnd = c.range.end.offset;
    }
    lines.push(`${this.indent(level)}]`);
    return lines;
  }

  private hasCommentBefore(offset: number): boolean {
    const comment = this.comments[this.nextComment];
    return comment !== undefined && comment.range.start.offset < offset;
  }

  /** Takes the next comment if it starts before `offset`. */
  private commentBefore(offset: number): Comment | undefined {
    if (!this.hasCommentBefore(offset)) return undefined;
    return this.comments[this.nextComment++];
  }

  /** Takes the next comment if it starts on `line` and before `limit`: it trails what ends on that line. */
  private trailingComment(line: number, limit: number): Comment | undefined {
    const comment = this.comments[this.nextComment];
    if (!comment || comment.range.start.line !== line || comment.range.start.offset >= limit) return undefined;
    this.nextComment++;
    return comment;
  }

  /** Whether the source had at least one empty line between two offsets. */
  private hasBlankLine(from: number, to: number): boolean {
    const first = this.text.indexOf("\n", from);
    if (first === -1 || first >= to) return false;
    const second = this.text.indexOf("\n", first + 1);
    return second !== -1 && second < to;
  }

  private indent(level: number): string {
    return " ".repeat(level * this.options.indentWidth);
  }
}

/** A list on one line: `["a", "b"]`, `[]`, nested lists likewise. */
function flatList(list: ListValue): string {
  return `[${list.items.map(flatValue).join(", ")}]`;
}

function flatValue(value: Value): string {
  switch (value.kind) {
    case "string":
      return canonicalString(value);
    case "number":
      return canonicalNumber(value);
    case "list":
      return flatList(value);
    case "invalid":
      throw new UnprintableError(`cannot print the invalid value \`${value.raw}\``);
  }
}

/** The statement as a complete assignment; anything else exists only in files with errors. */
function checkedAssignment(statement: Statement): Assignment {
  if (statement.kind !== "assignment") throw new UnprintableError("cannot print a broken statement");
  if (statement.hasError || !statement.key.valid) {
    throw new UnprintableError(`cannot print the incomplete statement for \`${statement.key.name}\``);
  }
  return statement;
}
