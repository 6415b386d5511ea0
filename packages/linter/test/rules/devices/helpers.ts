/** Small helpers for the devices rule tests: configs, findings of the family or of one rule, fixes applied. */
import type { Diagnostic, HostProfile } from "../../../src/index";
import { applyFix, covered, findings, lint } from "../lint-helpers";

export { applyFix, covered, findings, lint };
import { devicesRules } from "../../../src/rules/devices";

export const DEVICE_RULE_IDS: ReadonlySet<string> = new Set(devicesRules.map((r) => r.id));

/** The head of a small guest of each type (x86), to which a test appends its device lines. */
export const HEAD = {
  pv: 'name = "t"\nkernel = "/boot/vmlinuz"\nmemory = 512\n',
  pvh: 'name = "t"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nmemory = 512\n',
  hvm: 'name = "t"\ntype = "hvm"\nmemory = 512\n',
} as const;

/** The findings of the devices family. */
export function deviceFindings(text: string, host: Partial<HostProfile> = {}): readonly Diagnostic[] {
  return lint(text, host).filter((d) => DEVICE_RULE_IDS.has(d.rule));
}

/** "rule:severity" for each finding, sorted, for compact expectations. */
export function summary(ds: readonly Diagnostic[]): string[] {
  return ds.map((d) => `${d.rule}:${d.severity}`).sort();
}

