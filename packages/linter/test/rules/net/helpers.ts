/** Small helpers for the net rule tests: configs around vif lists, findings of one rule, fixes applied. */
import { DEFAULT_HOST, lintText, type Diagnostic, type Fix, type HostProfile } from "../../../src/index";

/** A guest of the given type with these vif specs, each in double quotes. */
export function vifConfig(specs: readonly string[], type: "pv" | "pvh" | "hvm" = "pvh"): string {
  const boot = type === "hvm" ? "" : 'kernel = "/boot/vmlinuz"\n';
  return `name = "t"\ntype = "${type}"\n${boot}memory = 512\nvif = [ ${specs.map((s) => `"${s}"`).join(", ")} ]\n`;
}

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
