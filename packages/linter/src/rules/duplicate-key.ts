import type { Assignment } from "@xlint/parser";
import type { FileRule } from "../engine/types";
import { lineOf, removeStatement } from "./util/edits";

function valueText(text: string, a: Assignment): string {
  if (!a.value) return "";
  const raw = text.slice(a.value.range.start.offset, a.value.range.end.offset);
  return raw.length > 40 ? `${raw.slice(0, 37)}…` : raw;
}

/** A key set twice with `=`: xl keeps only the last value, without a word. */
export const duplicateKey: FileRule = {
  id: "duplicate-key",
  scope: "file",
  severity: "warning",
  category: "suspicious",
  fixable: "safe",
  summary: "A key is assigned twice with `=`; xl silently keeps only the last value",
  docs: {
    description: [
      "When a key is assigned more than once with `=`, xl uses the last assignment and drops the earlier ones",
      "without any message. That is rarely what the author meant: usually one of the two was forgotten when",
      "the file was edited, and reading the file top to bottom gives the wrong idea of the guest.",
      "",
      "The fix removes the assignments xl ignores, which leaves the guest exactly as xl builds it today. To",
      "add to a list or a string on purpose, use `+=`, which this rule accepts.",
    ].join("\n"),
    invalid: [{ config: 'name = "web01"\nmemory = 1024\nvcpus = 2\nmemory = 2048\n', note: "The guest gets 2048 MiB; the first line is dead." }],
    valid: [
      { config: 'name = "web01"\nmemory = 2048\n' },
      { config: 'name = "web01"\ndisk = [ "phy:/dev/vg0/root,xvda,w" ]\ndisk += [ "phy:/dev/vg0/data,xvdb,w" ]\n', note: "`+=` appends on purpose." },
    ],
  },
  check(context) {
    for (const setting of context.evaluation.settings.values()) {
      const assignments = setting.assignments;
      for (let i = 1; i < assignments.length; i++) {
        const current = assignments[i] as Assignment;
        if (current.operator !== "=") continue;
        // Everything since the previous `=` is thrown away, `+=` additions included;
        // what came before that was reported with the previous `=`.
        let from = i - 1;
        while (from > 0 && (assignments[from] as Assignment).operator !== "=") from--;
        const dropped = assignments.slice(from, i);
        const previousEquals = dropped[0] as Assignment;
        context.report({
          range: current.key.range,
          message: `\`${setting.key}\` is assigned again, dropping \`${valueText(context.text, previousEquals)}\` from ${lineOf(previousEquals.range)}`,
          help: "xl keeps only the last `=`, without a word. Remove the assignment you do not want, or use `+=` to add to the value.",
          related: dropped.map((d) => ({ path: context.path, range: d.range, message: "dropped by the later assignment" })),
          fix: {
            title: `Remove the assignment${dropped.length > 1 ? "s" : ""} xl ignores`,
            safety: "safe",
            edits: dropped.map((d) => removeStatement(context.text, d.range)),
          },
        });
      }
    }
  },
};
