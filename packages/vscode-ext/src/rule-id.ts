/** The rule id of a diagnostic's code: the server sends `{ value: id, target: page }` (or a bare id). */
export function ruleIdOf(code: string | number | { value: string | number } | undefined): string | undefined {
  const value = typeof code === "object" ? code.value : code;
  return typeof value === "string" && value !== "" ? value : undefined;
}
