/** Small helpers for the net rule tests: configs around vif lists, findings of one rule, fixes applied. */
import { applyFix, covered, findings, lint } from "../lint-helpers";

export { applyFix, covered, findings, lint };

/** A guest of the given type with these vif specs, each in double quotes. */
export function vifConfig(specs: readonly string[], type: "pv" | "pvh" | "hvm" = "pvh"): string {
  const boot = type === "hvm" ? "" : 'kernel = "/boot/vmlinuz"\n';
  return `name = "t"\ntype = "${type}"\n${boot}memory = 512\nvif = [ ${specs.map((s) => `"${s}"`).join(", ")} ]\n`;
}

