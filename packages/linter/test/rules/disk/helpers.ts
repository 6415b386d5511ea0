/** Small helpers for the disk rule tests: configs around disk lists, findings of one rule, fixes applied. */
import { applyFix, covered, findings, lint } from "../lint-helpers";

export { applyFix, covered, findings, lint };

/** A PV guest (or another type) with these disk specs, each in double quotes. */
export function config(disks: readonly string[], extra = 'kernel = "/boot/vmlinuz"\n'): string {
  return `name = "t"\n${extra}disk = [ ${disks.map((d) => `"${d}"`).join(", ")} ]\n`;
}

export const HVM = 'type = "hvm"\n';

