/** Small helpers for the devices rule tests: configs, findings of the family or of one rule, fixes applied. */
import { DEFAULT_HOST, lintText, type Diagnostic, type Fix, type HostProfile } from "../../../src/index";
import { devicesRules } from "../../../src/rules/devices";

export const DEVICE_RULE_IDS: ReadonlySet<string> = new Set(devicesRules.map((r) => r.id));

/** The head of a small guest of each type (x86), to which a test appends its device lines. */
export const HEAD = {
  pv: 'name = "t"\nkernel = "/boot/vmlinuz"\nmemory = 512\n',
  pvh: 'name = "t"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nmemory = 512\n',
  hvm: 'name = "t"\ntype = "hvm"\nmemory = 512\n',
} as const;

export function lint(text: string, host: Partial<HostProfile> = {}): readonly Diagnostic[] {
  return lintText(text, { host: { ...DEFAULT_HOST, ...host } }).diagnostics;
}

/** The findings of the devices family. */
export function deviceFindings(text: string, host: Partial<HostProfile> = {}): readonly Diagnostic[] {
  return lint(text, host).filter((d) => DEVICE_RULE_IDS.has(d.rule));
}

export function findings(text: string, rule: string, host: Partial<HostProfile> = {}): readonly Diagnostic[] {
  return lint(text, host).filter((d) => d.rule === rule);
}

/** The text a finding's range covers. */
export function covered(text: string, d: Diagnostic): string {
  return text.slice(d.range.start.offset, d.range.end.offset);
}

/** The text after applying a fix (its edits never overlap). */
export function applyFix(text: string, fix: Fix | undefined): string {
  if (!fix) throw new Error("no fix");
  const edits = [...fix.edits].sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of edits) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

/** "rule:severity" for each finding, sorted, for compact expectations. */
export function summary(ds: readonly Diagnostic[]): string[] {
  return ds.map((d) => `${d.rule}:${d.severity}`).sort();
}
