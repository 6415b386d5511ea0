/**
 * `evaluate(file)`: the settings exactly as libxlu stores them. The last
 * assignment of a key wins; `+=` concatenates strings and appends lists (and
 * acts as `=` for a new key); adding a list to a string, or the reverse, is
 * an error. Every value keeps the AST nodes it was made from.
 */
import type { Assignment, ConfigFile, NumberValue, StringValue, Value } from "./ast";
import type { ParseDiagnostic } from "./diagnostics";
import { splitMessageText } from "./message-text";

/** A string as xl stores it; `parts` are the atoms `+=` joined, in order. */
export interface EvalString {
  readonly kind: "string";
  readonly value: string;
  readonly parts: readonly (StringValue | NumberValue)[];
}

export interface EvalList {
  readonly kind: "list";
  readonly items: readonly EvalValue[];
  /** The list literals whose items were appended, in order. */
  readonly sources: readonly Value[];
}

export type EvalValue = EvalString | EvalList;

export interface Setting {
  readonly key: string;
  readonly value: EvalValue;
  /** The operator of the last assignment: xl refuses numeric reads of a key last set with `+=`. */
  readonly operator: "=" | "+=";
  /** Every assignment of this key that xl stored, in file order. */
  readonly assignments: readonly Assignment[];
}

export interface Evaluation {
  /** Keys in order of their first assignment (the order `xl-oracle parse` prints). */
  readonly settings: ReadonlyMap<string, Setting>;
  readonly diagnostics: ParseDiagnostic[];
}

function hasInvalid(value: Value): boolean {
  if (value.kind === "invalid") return true;
  if (value.kind === "list") return value.items.some(hasInvalid);
  return false;
}

export function toEvalValue(value: Value): EvalValue {
  switch (value.kind) {
    case "string":
      return { kind: "string", value: value.value, parts: [value] };
    case "number":
      return { kind: "string", value: value.raw, parts: [value] };
    case "list":
      return { kind: "list", items: value.items.map(toEvalValue), sources: [value] };
    case "invalid":
      return { kind: "string", value: "", parts: [] };
  }
}

function describeKind(value: EvalValue): string {
  return value.kind === "list" ? "a list" : "a string";
}

export function evaluate(file: ConfigFile): Evaluation {
  const settings = new Map<string, Setting>();
  const diagnostics: ParseDiagnostic[] = [];
  for (const statement of file.statements) {
    if (statement.kind !== "assignment" || statement.hasError || !statement.key.valid) continue;
    if (!statement.value || hasInvalid(statement.value)) continue;
    const key = statement.key.name;
    const added = toEvalValue(statement.value);
    const previous = settings.get(key);
    if (statement.operator === "=" || !previous) {
      settings.set(key, {
        key,
        value: added,
        operator: statement.operator,
        assignments: [...(previous?.assignments ?? []), statement],
      });
      continue;
    }
    if (previous.value.kind !== added.kind) {
      const earlier = previous.assignments[previous.assignments.length - 1];
      const earlierLine = earlier ? ` (line ${earlier.range.start.line + 1})` : "";
      diagnostics.push({
        code: "append-type-mismatch",
        severity: "error",
        ...splitMessageText(`\`${key} +=\` adds ${describeKind(added)} to ${describeKind(previous.value)}${earlierLine}: xl rejects the file; use the same kind of value on both sides`),
        range: statement.value.range,
      });
      continue;
    }
    settings.set(key, {
      key,
      value: append(previous.value, added),
      operator: "+=",
      assignments: [...previous.assignments, statement],
    });
  }
  return { settings, diagnostics };
}

function append(previous: EvalValue, added: EvalValue): EvalValue {
  if (previous.kind === "string" && added.kind === "string") {
    return { kind: "string", value: previous.value + added.value, parts: [...previous.parts, ...added.parts] };
  }
  if (previous.kind === "list" && added.kind === "list") {
    return { kind: "list", items: [...previous.items, ...added.items], sources: [...previous.sources, ...added.sources] };
  }
  throw new Error("append: kinds differ"); // unreachable: checked by the caller
}
