import { detachedSpecText, parseRdm, type Span, type SpecText } from "@xlint/parser";
import type { FileRule, Fix } from "../../engine/types";
import { replaceRange } from "../util/edits";
import { severityOfEffect } from "../util/devices-lists";
import { problemFinding } from "../util/finding-text";
import { spanRange, stringSetting } from "../util/settings";

/** The span of `policy=…` together with one comma next to it, so that the rest still reads. */
function withOneComma(text: string, span: Span): Span {
  if (span.start > 0 && text[span.start - 1] === ",") return { start: span.start - 1, end: span.end };
  if (text[span.end] === ",") return { start: span.start, end: span.end + 1 };
  return span;
}

/** An `rdm` value xl throws away, most often because of xl 4.17's `policy=` bug. */
export const rdmIgnored: FileRule = {
  id: "rdm-ignored",
  scope: "file",
  severity: "warning",
  category: "suspicious",
  fixable: "unsafe",
  summary: "The `rdm` value is dropped by xl: any valid `policy=` triggers a bug that discards it, and so does an unknown option",
  docs: {
    description: [
      "`rdm = \"strategy=host\"` asks libxl to keep the host's reserved device memory regions out of an",
      "HVM guest's RAM, which some passthrough devices need. xl 4.17 (and every later release so far) has a",
      "bug in the reader of this value: a valid `policy=strict` or `policy=relaxed` makes it treat the whole",
      "value as broken, and xl then ignores `rdm` without a word, `strategy=host` included. An unknown",
      "option or strategy, an empty value or a trailing comma also make xl drop it, some with a message.",
      "",
      "Write only `rdm = \"strategy=host\"` and set the policy per device with `rdm_policy=` in each `pci`",
      "item. The fix removes `policy=` from the value; it is marked unsafe because the strategy then takes",
      "effect with libxl's default policy, `relaxed`.",
    ].join("\n"),
    invalid: [
      { config: 'name = "gpu01"\ntype = "hvm"\nrdm = "strategy=host,policy=strict"\npci = [ "03:00.0" ]\n', note: "The whole rdm value is silently lost." },
      { config: 'name = "gpu01"\ntype = "hvm"\nrdm = "strategy=host,reserve=force"\n', note: "xl prints \"Unknown RDM state option\" and drops the value." },
    ],
    valid: [{ config: 'name = "gpu01"\ntype = "hvm"\nrdm = "strategy=host"\npci = [ "03:00.0,rdm_policy=strict" ]\n' }],
  },
  check(context) {
    const setting = stringSetting(context, "rdm");
    if (!setting) return;
    const spec: SpecText = setting.spec ?? detachedSpecText(setting.value);
    // xl reads `rdm` for every guest, but only HVM guests use it: elsewhere only xl's printed complaints matter.
    const matters = (context.guest.type === undefined || context.guest.type === "hvm") && context.host.arch === "x86";
    for (const problem of parseRdm(spec).problems) {
      if (!matters && problem.effect !== "warning") continue;
      const span = problem.span.end > problem.span.start ? problem.span : { start: 0, end: spec.text.length };
      const range = setting.spec && span.end > span.start ? spanRange(context, spec, span) : setting.range;
      let fix: Fix | undefined;
      if (problem.code === "policy-drops-value" && setting.spec) {
        fix = {
          title: "Remove `policy=` so that xl keeps `strategy=host`",
          safety: "unsafe",
          edits: [replaceRange(spanRange(context, spec, withOneComma(spec.text, problem.span)), "")],
        };
      }
      context.report({ range, ...problemFinding(problem.message), severity: severityOfEffect(problem.effect), ...(fix ? { fix } : {}) });
    }
  },
};
