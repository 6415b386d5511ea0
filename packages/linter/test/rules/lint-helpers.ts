/** Helpers shared by the rule tests: lint a text, keep one rule's findings, see what a finding covers, apply a fix. */
import { DEFAULT_HOST, lintText, type Diagnostic, type Fix, type HostProfile } from "../../src/index";

/**
 * The host profile of xl-oracle's fake host (its README, "Fake host"): 8
 * physical CPUs, one NUMA node, only Pool-0, and x86 (Debian amd64's xl). Oracle tests lint with it, as a
 * user of that host would, so that host-dependent refusals count.
 */
export const ORACLE_HOST: Partial<HostProfile> = { arch: "x86", cpus: 8, numaNodes: 1, cpupools: ["Pool-0"] };

export function lint(text: string, host: Partial<HostProfile> = {}): readonly Diagnostic[] {
  return lintText(text, { host: { ...DEFAULT_HOST, ...host } }).diagnostics;
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
