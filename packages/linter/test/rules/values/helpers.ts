/** Small helpers for the values rule tests: lint a text, keep one rule's findings, apply a fix. */
import type { Diagnostic, HostProfile } from "../../../src/index";
import { applyFix, covered, findings } from "../lint-helpers";

export { applyFix, covered, findings };

export const PV = 'name = "t"\nkernel = "/boot/vmlinuz"\n';
export const PVH = 'name = "t"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\n';
export const HVM = 'name = "t"\ntype = "hvm"\n';

/** The one finding of `rule`; fails the test when there is not exactly one. */
export function only(text: string, rule: string, host: Partial<HostProfile> = {}): Diagnostic {
  const found = findings(text, rule, host);
  if (found.length !== 1) throw new Error(`expected one ${rule} finding, got ${found.length}: ${found.map((d) => d.message).join(" / ")}`);
  return found[0] as Diagnostic;
}

