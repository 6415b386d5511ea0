/** Grouping a string setting's value across the files of a run, for the duplicate rules. */
import type { ProjectContext, ProjectFile, RelatedLocation } from "../../engine/types";
import { rangeOfString } from "./settings";

export interface ValueUse {
  readonly path: string;
  readonly range: RelatedLocation["range"];
  readonly text: string;
}

/** Files grouped by a normalised string setting; only groups of two or more. */
export function repeatedValues(files: readonly ProjectFile[], key: string, normalise: (value: string) => string | undefined): Map<string, ValueUse[]> {
  const groups = new Map<string, ValueUse[]>();
  for (const file of files) {
    const setting = file.evaluation.settings.get(key);
    if (setting?.value.kind !== "string") continue;
    const normalised = normalise(setting.value.value);
    const range = rangeOfString(setting.value);
    if (normalised === undefined || !range) continue;
    const use = { path: file.path, range, text: setting.value.value };
    const group = groups.get(normalised);
    if (group) group.push(use);
    else groups.set(normalised, [use]);
  }
  for (const [k, group] of groups) if (group.length < 2) groups.delete(k);
  return groups;
}

/** Reports each use of a repeated value, pointing at the others. */
export function reportRepeats(context: ProjectContext, groups: Map<string, ValueUse[]>, message: (use: ValueUse, others: string) => string): void {
  for (const group of groups.values()) {
    for (const use of group) {
      const others = group.filter((o) => o !== use);
      context.report(use.path, {
        range: use.range,
        message: message(use, others.map((o) => `${o.path}:${o.range.start.line + 1}`).join(", ")),
        related: others.map((o) => ({ path: o.path, range: o.range, message: "also here" })),
      });
    }
  }
}
