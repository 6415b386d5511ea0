/**
 * `channel = [ 'name=N,connection=pty|socket[,path=P][,backend=DOM]' ]` as
 * xl 4.17 reads each item: comma-separated pairs, each cut with the 4.17
 * `split_string_into_pair` (a value ends at a second `=`; an empty key or
 * value is fatal), blanks trimmed around key and value, `connection`
 * compared case-sensitively, unknown keys only warned about. A channel
 * without `name` passes xl and is refused by libxl.
 */
import type { SpecField, SpecProblem, SpecText } from "./spec-text";
import { sliceField, noteRepeatedKey, devProblem, quoteForMessage, sliceSpan, splitPairXl417, strtokSlices, trimCSpaceSlice, type SpecSlice } from "./dev-common";

export type ChannelConnection = "pty" | "socket";

export interface ChannelSpec {
  readonly name: SpecField<string> | undefined;
  readonly connection: SpecField<ChannelConnection> | undefined;
  readonly path: SpecField<string> | undefined;
  readonly backend: SpecField<string> | undefined;
  readonly problems: readonly SpecProblem[];
}

export function parseChannel(spec: SpecText): ChannelSpec {
  const problems: SpecProblem[] = [];
  const whole = { start: 0, end: spec.text.length };
  const pairs = strtokSlices(spec.text, ",");
  let name: SpecField<string> | undefined;
  let connection: SpecField<ChannelConnection> | undefined;
  let path: SpecField<string> | undefined;
  let backend: SpecField<string> | undefined;
  if (pairs.length === 0) {
    // split_string_into_string_list counts one entry even when strtok finds none, then strdup(NULL)s it.
    problems.push(
      devProblem(
        "empty-channel-crash",
        "this channel is empty (nothing but commas or nothing at all): xl 4.17 crashes on it, so the guest is not created; write name=…,connection=pty or remove the item",
        whole,
        "fatal",
      ),
    );
    return { name, connection, path, backend, problems };
  }
  const seen = new Map<string, SpecSlice>();
  for (const pair of pairs) {
    const split = splitPairXl417(pair, "=");
    if (!split) {
      problems.push(
        devProblem(
          "bad-pair",
          `${quoteForMessage(pair.text)} is not key=value with both sides non-empty: xl refuses the config; write key=value`,
          sliceSpan(pair),
          "fatal",
        ),
      );
      continue;
    }
    const key = trimCSpaceSlice(split.first);
    const value = trimCSpaceSlice(split.second);
    if (split.dropped) {
      problems.push(
        devProblem(
          "value-cut-at-equals",
          `xl 4.17 cuts this value at the second \`=\` and silently drops ${quoteForMessage(split.dropped.text)}; channel values cannot contain \`=\``,
          sliceSpan(split.dropped),
          "silent",
        ),
      );
    }
    noteRepeatedKey(seen, key, "channel", problems);
    switch (key.text) {
      case "backend":
        backend = sliceField(value.text, value);
        break;
      case "name":
        name = sliceField(value.text, value);
        break;
      case "path":
        path = sliceField(value.text, value);
        break;
      case "connection":
        if (value.text === "pty" || value.text === "socket") {
          connection = sliceField(value.text, value);
        } else {
          const lower = value.text.toLowerCase();
          const hint = lower === "pty" || lower === "socket" ? ` (xl wants it in lowercase: \`${lower}\`)` : "";
          problems.push(
            devProblem("unknown-connection", `connection ${quoteForMessage(value.text)} is not \`pty\` or \`socket\`${hint}: xl refuses the config; write connection=pty or connection=socket`, sliceSpan(value), "fatal"),
          );
        }
        break;
      default:
        problems.push(
          devProblem(
            "unknown-key",
            `${quoteForMessage(key.text)} is not a channel setting: xl prints a warning and ignores it; channel keys are name, connection, path and backend`,
            sliceSpan(key.text === "" ? pair : key),
            "warning",
          ),
        );
    }
  }
  if (!connection && !problems.some((p) => p.code === "unknown-connection")) {
    problems.push(devProblem("missing-connection", "this channel has no `connection=`: xl refuses the config; add connection=pty or connection=socket,path=…", whole, "fatal"));
  }
  if (connection?.value === "socket" && !path) {
    problems.push(devProblem("socket-without-path", "`connection=socket` needs `path=` (where the backend creates the socket): xl refuses the config; add path=/run/…", connection.span, "fatal"));
  }
  if (connection?.value === "pty" && path) {
    problems.push(devProblem("path-ignored", "`path=` only applies to `connection=socket`: with a pty xl silently ignores it; remove it or switch to a socket", path.span, "silent"));
  }
  if (!name) {
    problems.push(
      devProblem("missing-name", "this channel has no `name=`: xl accepts it but libxl refuses to create the guest; give the channel the name its guest agent expects", whole, "libxl-fatal"),
    );
  }
  return { name, connection, path, backend, problems };
}
