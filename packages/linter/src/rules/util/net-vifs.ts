/** The vif items of a file, parsed once per file by xl's rules, with their file ranges. */
import { fileCache } from "../../engine/file-caches";
import { fileRangeOf, parseVifSpec, type ParseResult, type Range, type Evaluation, type NumberValue, type SpecText, type StringValue, type VifSpec } from "@xlint/parser";
import { specOfAtom } from "./settings";

export interface VifEntry {
  readonly index: number;
  readonly spec: SpecText;
  readonly vif: VifSpec;
  /** The whole item (its quoted string). */
  readonly range: Range;
}

const cache = fileCache<VifEntry[]>();

/** Every string item of the file's `vif` list (a plain-string `vif` is another rule's business). */
export function vifEntries(file: { readonly evaluation: Evaluation; readonly parse: ParseResult }): VifEntry[] {
  const cached = cache.get(file.evaluation);
  if (cached) return cached;
  const entries: VifEntry[] = [];
  const setting = file.evaluation.settings.get("vif");
  if (setting?.value.kind === "list") {
    setting.value.items.forEach((item, index) => {
      if (item.kind !== "string" || item.parts.length !== 1) return;
      const atom = item.parts[0] as StringValue | NumberValue;
      const spec = specOfAtom(atom);
      entries.push({ index, spec, vif: parseVifSpec(spec), range: atom.range });
    });
  }
  cache.set(file.evaluation, entries);
  return entries;
}

/** The file range of a span inside a vif item. */
export function vifRange(file: { readonly parse: ParseResult }, entry: VifEntry, span: { start: number; end: number }): Range {
  return fileRangeOf(entry.spec, span, file.parse.lines);
}
