import type { FileRule } from "../engine/types";
import { optionByKey } from "../catalog";
import { validAssignments } from "./util/keys";

/** A key of the old xm toolstack that xl never reads. */
export const xmOnlyKey: FileRule = {
  id: "xm-only-key",
  scope: "file",
  severity: "warning",
  category: "compatibility",
  fixable: "none",
  summary: "A key of the old xm toolstack that xl never reads, so the setting is lost",
  docs: {
    description: [
      "Configs written for xm (removed in Xen 4.5) often carry keys that xl never looks at: `ip`, `netmask`",
      "and `gateway` (which xm turned into kernel arguments), `vcpu_avail`, `vscsi`, `bootargs`, … xl",
      "ignores them without a message, so whatever they did under xm no longer happens. The help says",
      "what to use instead where xl has an equivalent.",
    ].join("\n"),
    invalid: [{ config: 'name = "web01"\nkernel = "/boot/vmlinuz"\nip = "192.0.2.10"\n', note: "Put `ip=` on the kernel command line with `extra`." }],
    valid: [{ config: 'name = "web01"\nkernel = "/boot/vmlinuz"\nextra = "ip=192.0.2.10::192.0.2.1:255.255.255.0::eth0:off"\n' }],
  },
  check(context) {
    for (const assignment of validAssignments(context)) {
      const option = optionByKey(assignment.key.name);
      if (option?.status !== "xm-only") continue;
      // Declared in xlint.json as read by the host's (patched) xl.
      if (context.host.extraKeys?.includes(assignment.key.name)) continue;
      // The catalog's doc says what the key did under xm and what replaces it.
      const what = option.doc.replace(/\s*Example:.*$/s, "");
      context.report({
        range: assignment.key.range,
        message: `\`${option.key}\` is an xm key that xl never reads`,
        help: `The setting is silently lost. ${what}`,
      });
    }
  },
};
