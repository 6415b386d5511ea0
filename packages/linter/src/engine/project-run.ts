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
 * Up to this many characters of one rule's facts (JSON) are parsed once and
 * kept for all of the rule's walks. An editor's run (one file and the few
 * that may meet it) fits, and re-parsing on every keystroke was a tenth of
 * its time; a large run does not, and parses per walk so as not to hold
 * every file's facts at once.
 */
const KEEP_PARSED_FACTS = 1 << 20;

/**
 * Runs every project rule over the files `entries(rule)` yields (called for
 * each walk, so the facts can be read again from wherever they are kept; the
 * rule lets a caller hand only the files that matter to it, see
 * PreparedContext), and hands each finding in a linted file to `onReport`.
 */
export function runProjectRules(plan: RulePlan, entries: (rule: ProjectRule) => Iterable<FactsEntry>, onReport: (index: number, rule: ProjectRule, report: ProjectReport) => void): void {
  for (const rule of plan.projectRules) {
    const indexByPath = new Map<string, number>();
    let factsLength = 0;
    for (const entry of entries(rule)) {
      const facts = entry.facts[rule.id];
      if (facts !== undefined) factsLength += facts.length;
      // Findings only land in linted files where the rule is on; the others are context.
      if (entry.index >= 0 && facts !== undefined && severityFor(rule, entry.severities) !== "off") indexByPath.set(entry.path, entry.index);
    }
    if (indexByPath.size === 0) continue;
    const files = factsLength <= KEEP_PARSED_FACTS ? parsedOnce(entries(rule), rule.id) : parsedPerWalk(() => entries(rule), rule.id);
    rule.check({
      files,
      report: (path, report) => {
        const index = indexByPath.get(path);
        if (index !== undefined) onReport(index, rule, report);
      },
    });
  }
}

/** Each walk parses the facts anew: a rule keeps only what it needs of them (see ProjectContext.files). */
function parsedPerWalk(entries: () => Iterable<FactsEntry>, ruleId: string): Iterable<ProjectFacts<unknown>> {
  return {
    *[Symbol.iterator]() {
      for (const entry of entries()) {
        const facts = entry.facts[ruleId];
        if (facts !== undefined) yield { path: entry.path, kind: entry.kind, facts: JSON.parse(facts) as unknown };
      }
    },
  };
}

/** The facts parsed once, for a rule whose facts are small (see KEEP_PARSED_FACTS). */
function parsedOnce(entries: Iterable<FactsEntry>, ruleId: string): readonly ProjectFacts<unknown>[] {
  const files: ProjectFacts<unknown>[] = [];
  for (const entry of entries) {
    const facts = entry.facts[ruleId];
    if (facts !== undefined) files.push({ path: entry.path, kind: entry.kind, facts: JSON.parse(facts) as unknown });
  }
  return files;
}
