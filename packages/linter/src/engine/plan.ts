/**
 * Which rules run on which file, worked out once per run: files share few
 * combinations of kind and severities (one per xlint.json chain), so each
 * list is computed once and reused for every file with that combination.
 */
import { ruleAppliesTo } from "./file-kinds";
import { DEFAULT_HOST, type HostProfile } from "./host";
import type { FileKind, FileRule, ProjectRule, Rule, SeveritySetting, SuppressionRule } from "./types";

/** The id of the rule for everything libxlu rejects; its errors can be neither hidden nor downgraded. */
export const SYNTAX = "syntax";

export class RulePlan {
  readonly host: HostProfile;
  readonly projectRules: readonly ProjectRule[];
  readonly suppressionRules: readonly SuppressionRule[];
  readonly knownIds: ReadonlySet<string>;
  readonly projectIds: ReadonlySet<string>;
  private readonly fileRules: readonly FileRule[];
  private readonly bySeverities = new WeakMap<ReadonlyMap<string, SeveritySetting>, Map<FileKind, readonly FileRule[]>>();
  private readonly byKind = new Map<FileKind, readonly FileRule[]>();
  private readonly projectByKind = new Map<FileKind, readonly ProjectRule[]>();

  constructor(readonly rules: readonly Rule[], host: HostProfile | undefined) {
    this.host = host ?? DEFAULT_HOST;
    this.fileRules = rules.filter((r): r is FileRule => r.scope === "file");
    this.projectRules = rules.filter((r): r is ProjectRule => r.scope === "project");
    this.suppressionRules = rules.filter((r): r is SuppressionRule => r.scope === "suppressions");
    this.knownIds = new Set(rules.map((r) => r.id));
    this.projectIds = new Set(this.projectRules.map((r) => r.id));
  }

  /** The file rules of a file's kind that its configuration does not turn off. */
  fileRulesFor(kind: FileKind, severities: ReadonlyMap<string, SeveritySetting> | undefined): readonly FileRule[] {
    let byKind = this.byKind;
    if (severities) {
      let found = this.bySeverities.get(severities);
      if (!found) {
        found = new Map();
        this.bySeverities.set(severities, found);
      }
      byKind = found;
    }
    let plan = byKind.get(kind);
    if (!plan) {
      // `syntax` runs on every kind of file (one grammar) and even when configured off: its errors are never hidden.
      plan = this.fileRules.filter((rule) => rule.id === SYNTAX || (ruleAppliesTo(rule, kind) && severityFor(rule, severities) !== "off"));
      byKind.set(kind, plan);
    }
    return plan;
  }

  /**
   * The project rules that collect facts from files of a kind. A rule
   * configured off for a file still collects there: the file is context
   * for the files where the rule is on.
   */
  projectRulesFor(kind: FileKind): readonly ProjectRule[] {
    let plan = this.projectByKind.get(kind);
    if (!plan) {
      plan = this.projectRules.filter((rule) => ruleAppliesTo(rule, kind));
      this.projectByKind.set(kind, plan);
    }
    return plan;
  }
}

export function severityFor(rule: Rule, severities: ReadonlyMap<string, SeveritySetting> | undefined): SeveritySetting {
  return severities?.get(rule.id) ?? rule.severity;
}
