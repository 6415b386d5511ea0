/**
 * The project rules of a run, over the facts its files left. One rule at a
 * time parses its part of every file's facts, groups them, reports, and lets
 * go, so the run's peak is one rule's facts, not all of them. Where the
 * facts live and where the findings go is the caller's business: a list in
 * memory (LintRun), or files on disk for a run of any size (the CLI).
 */
import type { FileKind, ProjectFacts, ProjectRule, Report, SeveritySetting } from "./types";
import { severityFor, type RulePlan } from "./plan";

/** One file as the project rules see it. */
export interface FactsEntry {
  /** The file's position among the run's linted files; -1 for a context file (the repository's other configs). */
  readonly index: number;
  readonly path: string;
  readonly kind: FileKind;
  /** By rule id, the JSON of the rule's facts (see FactsByRule). */
  readonly facts: Readonly<Record<string, string>>;
  /** The linted file's severities: a rule turned off there reports nothing in it (the file is still context). */
  readonly severities?: ReadonlyMap<string, SeveritySetting>;
}

export type ProjectReport = Omit<Report, "fix">;

/**
 * Runs every project rule over the files `entries()` yields (called once
 * per rule, so the facts can be read again from wherever they are kept), and
 * hands each finding in a linted file to `onReport`.
 */
export function runProjectRules(plan: RulePlan, entries: () => Iterable<FactsEntry>, onReport: (index: number, rule: ProjectRule, report: ProjectReport) => void): void {
  for (const rule of plan.projectRules) {
    const indexByPath = new Map<string, number>();
    for (const entry of entries()) {
      // Findings only land in linted files where the rule is on; the others are context.
      if (entry.index >= 0 && entry.facts[rule.id] !== undefined && severityFor(rule, entry.severities) !== "off") indexByPath.set(entry.path, entry.index);
    }
    if (indexByPath.size === 0) continue;
    // Each walk parses the facts anew: a rule keeps only what it needs of them (see ProjectContext.files).
    const files: Iterable<ProjectFacts<unknown>> = {
      *[Symbol.iterator]() {
        for (const entry of entries()) {
          const facts = entry.facts[rule.id];
          if (facts !== undefined) yield { path: entry.path, kind: entry.kind, facts: JSON.parse(facts) as unknown };
        }
      },
    };
    rule.check({
      files,
      report: (path, report) => {
        const index = indexByPath.get(path);
        if (index !== undefined) onReport(index, rule, report);
      },
    });
  }
}
