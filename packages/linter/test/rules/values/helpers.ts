/** Small helpers for the values rule tests: lint a text, keep one rule's findings, apply a fix. */
import { DEFAULT_HOST, lintText, type Diagnostic, type Fix, type HostProfile } from "../../../src/index";

export const PV = 'name = "t"\nkernel = "/boot/vmlinuz"\n';
export const PVH = 'name = "t"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\n';
export const HVM = 'name = "t"\ntype = "hvm"\n';

export function findings(text: string, rule: string, host: Partial<HostProfile> = {}): readonly Diagnostic[] {
  return lintText(text, { host: { ...DEFAULT_HOST, ...host } }).diagnostics.filter((d) => d.rule === rule);
}

/** The one finding of `rule`; fails the test when there is not exactly one. */
export function only(text: string, rule: string, host: Partial<HostProfile> = {}): Diagnostic {
  const found = findings(text, rule, host);
  if (found.length !== 1) throw new Error(`expected one ${rule} finding, got ${found.length}: ${found.map((d) => d.message).join(" / ")}`);
  return found[0] as Diagnostic;
}

/** The text a finding's range covers. */
export function covered(text: string, d: Diagnostic): string {
  return text.slice(d.range.start.offset, d.range.end.offset);
}

/** The text after applying a fix. */
export function applyFix(text: string, fix: Fix | undefined): string {
  if (!fix) throw new Error("no fix");
  let out = text;
  for (const e of [...fix.edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}
