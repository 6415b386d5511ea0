/**
 * `vdispl = [ 'backend=DOM,be-alloc=0|1,connectors=ID:WxH;ID:WxH' ]` as xl
 * 4.17 reads each item. The connector list is where 4.17 misbehaves:
 * an empty list crashes xl, a connector without `ID:` makes it free memory
 * twice (crash), a size without a number after the `x` is fatal, and a size
 * that does not start with a number only prints a message and leaves the
 * remaining connectors unread.
 */
import type { SpecField, SpecProblem, SpecText } from "./spec-text";
import {
  emptyBackendProblem,
  sliceField,
  matchXlOption,
  noteRepeatedKey,
  devProblem,
  quoteForMessage,
  readStrtoulValue,
  skipSpaceChars,
  sliceSpan,
  splitPairXl417,
  strtokSlices,
  type SpecSlice,
} from "./dev-common";
import { glibcScanUnsigned } from "./c-numbers";

export interface VdisplConnector {
  readonly id: SpecField<string>;
  /** Pixels as xl stores them (unsigned 32-bit); undefined when xl could not read them. */
  readonly width: SpecField<number> | undefined;
  readonly height: SpecField<number> | undefined;
}

export interface VdisplSpec {
  readonly backend: SpecField<string> | undefined;
  readonly beAlloc: SpecField<boolean> | undefined;
  readonly connectors: readonly VdisplConnector[];
  readonly problems: readonly SpecProblem[];
}

export function parseVdispl(spec: SpecText): VdisplSpec {
  const problems: SpecProblem[] = [];
  const seen = new Map<string, SpecSlice>();
  let backend: SpecField<string> | undefined;
  let beAlloc: SpecField<boolean> | undefined;
  let connectors: VdisplConnector[] = [];
  let sawConnectors = false;
  for (const token of strtokSlices(spec.text, ",").map(skipSpaceChars)) {
    let value: SpecSlice | undefined;
    if ((value = matchXlOption(token, "backend"))) {
      backend = sliceField(value.text, value);
      const empty = emptyBackendProblem(value, "vdispl");
      if (empty) problems.push(empty);
    } else if ((value = matchXlOption(token, "be-alloc"))) {
      beAlloc = sliceField(readStrtoulValue(value, "be-alloc", 1, problems) !== 0n, value);
    } else if ((value = matchXlOption(token, "connectors"))) {
      sawConnectors = true;
      connectors = readConnectors(value, problems);
    } else {
      problems.push(
        devProblem("unknown-key", `${quoteForMessage(token.text)} is not a vdispl setting: xl refuses the config; vdispl takes backend=, be-alloc= and connectors=`, sliceSpan(token), "fatal"),
      );
      continue;
    }
    const key = token.text.split("=")[0] ?? "";
    noteRepeatedKey(seen, { text: key, start: token.start, end: token.start + key.length }, "vdispl", problems);
  }
  if (!sawConnectors) {
    problems.push(
      devProblem("missing-connectors", "this vdispl has no `connectors=`: xl refuses the config; add e.g. connectors=id0:1920x1080", { start: 0, end: spec.text.length }, "fatal"),
    );
  }
  return { backend, beAlloc, connectors, problems };
}

function readConnectors(value: SpecSlice, problems: SpecProblem[]): VdisplConnector[] {
  const parts = strtokSlices(value.text, ";").map((p) => ({ text: p.text, start: p.start + value.start, end: p.end + value.start }));
  if (parts.length === 0) {
    problems.push(
      devProblem(
        "empty-connectors-crash",
        "`connectors=` lists no connector: xl 4.17 crashes on it, so the guest is not created; write connectors=ID:WIDTHxHEIGHT",
        sliceSpan(value),
        "fatal",
      ),
    );
    return [];
  }
  const connectors: VdisplConnector[] = [];
  for (const part of parts) {
    const pair = splitPairXl417(part, ":");
    if (!pair) {
      problems.push(
        devProblem(
          "connector-without-id-crash",
          `connector ${quoteForMessage(part.text)} is not ID:WIDTHxHEIGHT: xl 4.17 then reads a size it never set and crashes; write e.g. id0:${part.text.includes("x") ? part.text.replace(/^:/, "") : "1920x1080"}`,
          sliceSpan(part),
          "fatal",
        ),
      );
      return connectors;
    }
    if (pair.dropped) {
      problems.push(devProblem("connector-cut-at-colon", `xl cuts this connector at the second \`:\` and silently drops ${quoteForMessage(pair.dropped.text)}`, sliceSpan(pair.dropped), "silent"));
    }
    const size = pair.second;
    const id = sliceField(pair.first.text, pair.first);
    const width = glibcScanUnsigned(size.text, 0);
    if (width.kind === "input-failure") {
      problems.push(devProblem("bad-resolution", "the connector size is blank: xl refuses the config; write WIDTHxHEIGHT, e.g. 1920x1080", sliceSpan(size), "fatal"));
      return connectors;
    }
    if (width.kind === "mismatch") {
      // sscanf converted nothing: xl prints its message but returns success, and skips the other connectors.
      const skipped = parts.length - 1 - parts.indexOf(part);
      problems.push(
        devProblem(
          "unreadable-resolution",
          `connector size ${quoteForMessage(size.text)} does not start with a number: xl prints a message but goes on with a 0x0 connector${skipped > 0 ? ` and leaves the ${skipped} connector(s) after it unread (no id, no size)` : ""}; write WIDTHxHEIGHT`,
          sliceSpan(size),
          "warning",
        ),
      );
      connectors.push({ id, width: undefined, height: undefined });
      return connectors;
    }
    const height = size.text[width.end] === "x" ? glibcScanUnsigned(size.text, width.end + 1) : undefined;
    if (!height || height.kind !== "ok") {
      problems.push(devProblem("bad-resolution", `connector size ${quoteForMessage(size.text)} is not WIDTHxHEIGHT: xl refuses the config; write e.g. 1920x1080`, sliceSpan(size), "fatal"));
      return connectors;
    }
    if (height.end < size.text.length) {
      problems.push(
        devProblem("resolution-with-junk", `xl silently ignores ${quoteForMessage(size.text.slice(height.end))} after the connector size`, { start: size.start + height.end, end: size.end }, "silent"),
      );
    }
    const w = Number(width.value);
    const h = Number(height.value);
    if (/^\s*-/.test(size.text) || /x\s*-/.test(size.text)) {
      problems.push(devProblem("negative-resolution", `a negative size wraps around to ${w}x${h}: write positive pixel counts`, sliceSpan(size), "silent"));
    }
    connectors.push({ id, width: { value: w, span: sliceSpan(size) }, height: { value: h, span: sliceSpan(size) } });
  }
  return connectors;
}
