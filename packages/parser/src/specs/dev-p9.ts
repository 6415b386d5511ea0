/**
 * `p9 = [ 'tag=T,security_model=none,path=/dir[,backend=DOM]' ]` as xl 4.17
 * reads it. The 4.17 parser keeps its four fields in variables that are NOT
 * reset between list items, so an item that leaves out `tag`, `path`,
 * `security_model` or `backend` silently reuses the previous item's value
 * (and the "missing field" check only fires for the first item that lacks
 * one). Xen 4.19 replaced this parser; see §10 of the reference.
 */
import type { Span, SpecProblem, SpecText } from "./spec-text";
import {
  problemAtPath,
  emptyBackendProblem,
  keyValueSlices,
  noteRepeatedKey,
  devProblem,
  quoteForMessage,
  sliceSpan,
  stoppedAtTokenProblem,
  stringItemsUntilList,
  type ListProblem,
  type SpecSlice,
  type SpecItem,
} from "./dev-common";

/** A p9 value and the list item it was written in (a later item may inherit it). */
export interface P9Value {
  readonly value: string;
  readonly span: Span;
  /** Index of the item whose text holds the value. */
  readonly item: number;
}

export interface P9Share {
  /** Index of this share in the `p9` list. */
  readonly index: number;
  readonly tag: P9Value | undefined;
  readonly securityModel: P9Value | undefined;
  readonly path: P9Value | undefined;
  readonly backend: P9Value | undefined;
}

export interface P9List {
  readonly shares: readonly P9Share[];
  readonly problems: readonly ListProblem[];
}

type FieldName = "tag" | "securityModel" | "path" | "backend";

const KEY_TO_FIELD: ReadonlyMap<string, FieldName> = new Map([
  ["tag", "tag"],
  ["security_model", "securityModel"],
  ["path", "path"],
  ["backend", "backend"],
]);

const FIELD_TO_KEY: Record<FieldName, string> = { tag: "tag", securityModel: "security_model", path: "path", backend: "backend" };

/** Parses the items of `p9`, carrying fields over from item to item as xl 4.17 does. */
export function parseP9List(items: readonly SpecItem[]): P9List {
  const problems: ListProblem[] = [];
  const shares: P9Share[] = [];
  const carried: Partial<Record<FieldName, P9Value>> = {};
  for (const { index, spec } of stringItemsUntilList(items, "p9", problems)) {
    const own: SpecProblem[] = [];
    const written = readItem(spec, index, own);
    for (const [name, value] of Object.entries(written) as [FieldName, P9Value][]) carried[name] = value;
    for (const name of ["tag", "securityModel", "path", "backend"] as const) {
      const value = carried[name];
      if (value && !written[name]) {
        own.push(
          devProblem(
            "inherited-field",
            `this p9 share has no \`${FIELD_TO_KEY[name]}=\`, so xl 4.17 silently reuses \`${value.value}\` from p9 item ${value.item + 1}; give every share its own \`${FIELD_TO_KEY[name]}=\``,
            { start: 0, end: spec.text.length },
            "silent",
          ),
        );
      }
    }
    const missing = (["tag", "securityModel", "path"] as const).filter((name) => !carried[name]).map((name) => FIELD_TO_KEY[name]);
    if (missing.length > 0) {
      own.push(
        devProblem(
          "missing-field",
          `this p9 share has no ${missing.map((k) => `\`${k}=\``).join(", ")}: xl 4.17 refuses the config, it needs tag, security_model and path`,
          { start: 0, end: spec.text.length },
          "fatal",
        ),
      );
    }
    const securityModel = carried.securityModel;
    if (securityModel && written.securityModel && securityModel.value !== "none") {
      own.push(
        devProblem(
          "unsupported-security-model",
          `security_model ${quoteForMessage(securityModel.value)} is not one xl documents: only \`none\` is supported, and xl passes anything else to the 9pfs backend unchecked; use \`security_model=none\``,
          securityModel.span,
          "guest",
        ),
      );
    }
    problems.push(...own.map((p) => problemAtPath([index], p)));
    shares.push({ index, tag: carried.tag, securityModel: carried.securityModel, path: carried.path, backend: carried.backend });
  }
  return { shares, problems };
}

/** One p9 item on its own (no earlier items to inherit from). */
export function parseP9(spec: SpecText): { readonly share: P9Share | undefined; readonly problems: readonly SpecProblem[] } {
  const list = parseP9List([{ kind: "string", spec }]);
  return { share: list.shares[0], problems: list.problems };
}

function readItem(spec: SpecText, index: number, problems: SpecProblem[]): Partial<Record<FieldName, P9Value>> {
  const written: Partial<Record<FieldName, P9Value>> = {};
  const { pairs, stoppedAt } = keyValueSlices(spec);
  const seen = new Map<string, SpecSlice>();
  for (const { key, value, token } of pairs) {
    noteRepeatedKey(seen, key, "p9 share", problems);
    const field = KEY_TO_FIELD.get(key.text);
    if (!field) {
      problems.push(
        devProblem(
          "unknown-key",
          `${quoteForMessage(key.text)} is not a p9 setting in xl 4.17: xl refuses the config; use tag=, security_model=, path= and backend=`,
          sliceSpan(token),
          "fatal",
        ),
      );
      continue;
    }
    written[field] = { value: value.text, span: sliceSpan(value), item: index };
    if (field === "backend") {
      const empty = emptyBackendProblem(value, "p9");
      if (empty) problems.push(empty);
    }
  }
  if (stoppedAt) problems.push(stoppedAtTokenProblem(stoppedAt, "p9 share"));
  return written;
}

