/** Walking the assignments of a file by key, for the rules about keys themselves. */
import type { Assignment } from "@xlint/parser";
import type { FileContext } from "../../engine/types";

/** Every assignment whose key libxlu accepts (invalid keys are `syntax` errors already). */
export function* validAssignments(context: FileContext): Generator<Assignment> {
  for (const statement of context.parse.file.statements) {
    if (statement.kind === "assignment" && statement.key.valid) yield statement;
  }
}
