/**
 * `vtpm = [ 'backend=DOM[,uuid=UUID]' ]`, as xl 4.17 reads each item:
 * comma-separated `key=value` tokens (leading spaces skipped), `backend`
 * required, `uuid` checked by libuuid, any other key fatal; a token without
 * `=` silently ends the item.
 */
import type { SpecField, SpecProblem, SpecText } from "./spec-text";
import { emptyBackendProblem, sliceField, keyValueSlices, noteRepeatedKey, devProblem, quoteForMessage, sliceSpan, stoppedAtTokenProblem, type SpecSlice } from "./dev-common";
import { parseUuid } from "./values";

export interface VtpmSpec {
  readonly backend: SpecField<string> | undefined;
  /** The UUID, lowercased, when given and valid. */
  readonly uuid: SpecField<string> | undefined;
  readonly problems: readonly SpecProblem[];
}

export function parseVtpm(spec: SpecText): VtpmSpec {
  const problems: SpecProblem[] = [];
  const { pairs, stoppedAt } = keyValueSlices(spec);
  const seen = new Map<string, SpecSlice>();
  let backend: SpecField<string> | undefined;
  let uuid: SpecField<string> | undefined;
  for (const { key, value, token } of pairs) {
    noteRepeatedKey(seen, key, "vtpm", problems);
    if (key.text === "backend") {
      backend = sliceField(value.text, value);
      const empty = emptyBackendProblem(value, "vtpm");
      if (empty) problems.push(empty);
    } else if (key.text === "uuid") {
      const parsed = parseUuid(spec, sliceSpan(value), "the vtpm `uuid`");
      problems.push(...parsed.problems);
      uuid = parsed.value;
    } else {
      problems.push(
        devProblem(
          "unknown-key",
          `${quoteForMessage(key.text)} is not a vtpm setting: xl refuses the config; vtpm takes only \`backend=\` and \`uuid=\`${key.text.endsWith(" ") ? " (and no blank before `=`)" : ""}`,
          sliceSpan(token),
          "fatal",
        ),
      );
    }
  }
  if (stoppedAt) problems.push(stoppedAtTokenProblem(stoppedAt, "vtpm"));
  if (!backend) {
    problems.push(
      devProblem(
        "missing-backend",
        "this vtpm has no `backend=`: xl refuses the config; name the vTPM domain with `backend=DOMAIN`",
        { start: 0, end: spec.text.length },
        "fatal",
      ),
    );
  }
  return { backend, uuid, problems };
}
