import type { FileRule } from "../../engine/types";
import { stringSetting } from "../util/settings";

/** A security label, which only means something on a host running XSM/FLASK. */
export const seclabelNeedsXsm: FileRule = {
  id: "seclabel-needs-xsm",
  scope: "file",
  severity: "info",
  category: "host",
  fixable: "none",
  summary: "`seclabel`/`init_seclabel` only work on a host with XSM/FLASK; elsewhere libxl warns and ignores them",
  docs: {
    description: [
      "Security labels are XSM/FLASK policy contexts. Most Xen hosts run without XSM; there libxl prints a",
      "warning (\"XSM Disabled: … not supported\") and starts the guest without any label, so the",
      "isolation the label was meant to give is silently missing. On a host with FLASK the label must exist",
      "in the loaded policy, or libxl refuses the guest.",
      "",
      "Keep the labels only for hosts that boot Xen with FLASK enabled, and check them against the policy.",
    ].join("\n"),
    invalid: [{ config: 'name = "web01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nseclabel = "system_u:system_r:domU_t"\n' }],
    valid: [{ config: 'name = "web01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\n' }],
  },
  check(context) {
    const keys = ["init_seclabel", "seclabel"].filter((key) => stringSetting(context, key));
    const first = keys[0];
    const label = first ? stringSetting(context, first) : undefined;
    if (!first || !label) return;
    const names = keys.map((k) => `\`${k}\``).join(" and ");
    context.report({
      range: label.range,
      message: `${names} only take${keys.length === 1 ? "s" : ""} effect on a host running XSM/FLASK`,
      help: `Without it libxl warns that XSM is disabled and starts the guest unlabelled; with it, the label must exist in the loaded policy. Make sure the hosts run FLASK, or remove the label${keys.length === 1 ? "" : "s"}.`,
    });
  },
};
