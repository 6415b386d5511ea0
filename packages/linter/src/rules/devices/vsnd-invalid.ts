import type { FileContext, FileRule, Fix } from "../../engine/types";
import { replaceRange } from "../util/edits";
import { reportListProblems, type LocatedProblem } from "../util/devices-lists";
import { spanRange } from "../util/settings";

/** The manual's sample-format names, which xl does not know, and the names it does. */
const MANUAL_FORMATS: ReadonlyMap<string, string> = new Map([
  ["float_le", "f32_le"],
  ["float_be", "f32_be"],
  ["float64_le", "f64_le"],
  ["float64_be", "f64_be"],
]);

/** The fix for the two mistakes copied from the manual: `id=` on a stream, and its format names. */
function manualMistakeFix(context: FileContext, { problem, spec }: LocatedProblem): Fix | undefined {
  if (!spec) return undefined;
  const written = spec.text.slice(problem.span.start, problem.span.end);
  const isStream = /^\s*stream\s*,/i.test(spec.text);
  if (problem.code === "unknown-parameter" && isStream && written.startsWith("id=")) {
    const key = { start: problem.span.start, end: problem.span.start + 2 };
    return { title: "Write `unique-id=`", safety: "safe", edits: [replaceRange(spanRange(context, spec, key), "unique-id")] };
  }
  const format = MANUAL_FORMATS.get(written.toLowerCase());
  if (problem.code === "unknown-pcm-format" && format) {
    return { title: `Write \`${format}\``, safety: "safe", edits: [replaceRange(spanRange(context, spec, problem.span), format)] };
  }
  return undefined;
}

/** A `vsnd` card or item xl refuses. */
export const vsndInvalid: FileRule = {
  id: "vsnd-invalid",
  scope: "file",
  severity: "error",
  category: "correctness",
  fixable: "safe",
  summary: "A `vsnd` card that is not a list, or an item with an unknown kind, parameter, stream type or sample format",
  docs: {
    description: [
      "`vsnd` is a list of sound cards, each itself a list of item strings that start with `CARD`, `PCM` or",
      "`STREAM` followed by `, key=value` parameters. xl refuses the config when a card is a plain string,",
      "when an item starts with another word, when a parameter does not belong to its item kind, when a",
      "stream type is not `p` or `c`, and when a sample format is not one of libxl's names.",
      "",
      "Two of these come straight from the manual's examples: streams take `unique-id=`, not `id=`, and the",
      "float formats are `f32_le`, `f32_be`, `f64_le` and `f64_be`, not `float_le` and so on. The fix",
      "rewrites both. Numbers xl reads only in part are warnings.",
    ].join("\n"),
    invalid: [
      {
        config: 'name = "ivi01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nvsnd = [ [ "CARD, short-name=Main", "PCM, name=Main", "STREAM, id=0, type=p" ] ]\n',
        note: "Streams take `unique-id=`.",
      },
      { config: 'name = "ivi01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nvsnd = [ "CARD, short-name=Main" ]\n', note: "Each card must be a list." },
    ],
    valid: [
      {
        config:
          'name = "ivi01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nvsnd = [ [ "CARD, short-name=Main, sample-formats=s16_le;f32_le", "PCM, name=Main", "STREAM, unique-id=pcm0, type=p" ] ]\n',
      },
    ],
  },
  check(context) {
    reportListProblems(context, ["vsnd"], { fix: (p) => manualMistakeFix(context, p) });
  },
};
