/**
 * `pvcalls = [ 'backend=DOM' ]`: the only key is `backend` (optional); any
 * other key is fatal; a token without `=` silently ends the item.
 */
import type { SpecField, SpecProblem, SpecText } from "./spec-text";
import { emptyBackendProblem, sliceField, keyValueSlices, noteRepeatedKey, devProblem, quoteForMessage, sliceSpan, stoppedAtTokenProblem, type SpecSlice } from "./dev-common";

export interface PvcallsSpec {
  readonly backend: SpecField<string> | undefined;
  readonly problems: readonly SpecProblem[];
}

export function parsePvcalls(spec: SpecText): PvcallsSpec {
  const problems: SpecProblem[] = [];
  const { pairs, stoppedAt } = keyValueSlices(spec);
  const seen = new Map<string, SpecSlice>();
  let backend: SpecField<string> | undefined;
  for (const { key, value, token } of pairs) {
    noteRepeatedKey(seen, key, "pvcalls device", problems);
    if (key.text === "backend") {
      backend = sliceField(value.text, value);
      const empty = emptyBackendProblem(value, "pvcalls");
      if (empty) problems.push(empty);
    } else {
      problems.push(
        devProblem("unknown-key", `${quoteForMessage(key.text)} is not a pvcalls setting: xl refuses the config; pvcalls takes only \`backend=\``, sliceSpan(token), "fatal"),
      );
    }
  }
  if (stoppedAt) problems.push(stoppedAtTokenProblem(stoppedAt, "pvcalls device"));
  return { backend, problems };
}
