/**
 * Which rules check which kinds of file. Domain configs, xl.conf and cpupool
 * files share libxlu's grammar but not their keys, so a rule says which
 * kinds it understands and the engine runs it on those only.
 */
import type { FileKind, Rule, RuleExample } from "./types";

/** Every kind of file xlint lints, in the order docs list them. */
export const FILE_KINDS: readonly FileKind[] = ["domain", "xl-conf", "cpupool"];

/** What a rule without `kinds` checks: domain configs, where almost every rule belongs. */
const DEFAULT_KINDS: readonly FileKind[] = ["domain"];

/** The kinds of file a rule checks. Suppression rules are about xlint's own comments, which any file may hold. */
export function kindsOf(rule: Rule): readonly FileKind[] {
  if (rule.scope === "suppressions") return FILE_KINDS;
  return rule.kinds ?? DEFAULT_KINDS;
}

export function ruleAppliesTo(rule: Rule, kind: FileKind): boolean {
  return kindsOf(rule).includes(kind);
}

/** How the kinds are named to people: in docs, messages and `xlint rules`. */
export function describeFileKind(kind: FileKind): string {
  switch (kind) {
    case "domain":
      return "domain configs";
    case "xl-conf":
      return "xl.conf";
    case "cpupool":
      return "cpupool files";
  }
}

/** The file name a rule example stands for, so that docs and the example tests agree on it. */
export function exampleFileName(example: RuleExample): string {
  switch (example.kind ?? "domain") {
    case "domain":
      return "example.cfg";
    case "xl-conf":
      return "xl.conf";
    case "cpupool":
      return "pool-example.cfg";
  }
}
