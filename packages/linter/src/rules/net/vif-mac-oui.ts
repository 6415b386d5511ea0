import type { FileRule } from "../../engine/types";
import { vifEntries, vifRange } from "../util/net-vifs";

const base = 'name = "web01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nmemory = 512\n';

/** A vif MAC inside some vendor's range: neither Xen's prefix nor a self-assigned address. */
export const vifMacOui: FileRule = {
  id: "vif-mac-oui",
  scope: "file",
  severity: "info",
  category: "suspicious",
  fixable: "none",
  summary: "A vif MAC that is neither in Xen's prefix `00:16:3e` nor locally administered, so it may clash with real hardware",
  docs: {
    description: [
      "The first three octets of a MAC name the vendor that owns the address range. A virtual interface",
      "should use Xen's range, `00:16:3e`, or a locally administered address (second-lowest bit of the",
      "first octet set: `x2`, `x6`, `xa`, `xe`), which no hardware ships with. An address from a hardware",
      "vendor's range, often copied from a physical machine or made up, can clash with a real card on",
      "the same network, and tools that guess the vendor from the prefix are misled.",
      "",
      "xl accepts any unicast address, so this is only a note: keep the address if it was assigned on",
      "purpose (a licence bound to it, say), otherwise move it into `00:16:3e`.",
    ].join("\n"),
    invalid: [{ config: `${base}vif = [ "mac=00:1a:2b:3c:4d:5e,bridge=xenbr0" ]\n`, note: "`00:1a:2b` belongs to a hardware vendor." }],
    valid: [
      { config: `${base}vif = [ "mac=00:16:3e:3c:4d:5e,bridge=xenbr0" ]\n` },
      { config: `${base}vif = [ "mac=52:54:00:3c:4d:5e,bridge=xenbr0" ]\n`, note: "`52` has the locally administered bit set." },
    ],
  },
  check(context) {
    for (const entry of vifEntries(context)) {
      const mac = entry.vif.mac;
      const address = mac?.value.address;
      if (!mac || !address || address.zero || address.multicast || address.xenOui || address.locallyAdministered) continue;
      const prefix = address.canonical.slice(0, 8);
      context.report({
        range: vifRange(context, entry, mac.span),
        message: `MAC \`${mac.value.text}\` is in the range \`${prefix}\` of a hardware vendor`,
        help: "It is neither in Xen's `00:16:3e` nor locally administered, so it may clash with a real interface on the network. Use `00:16:3e:xx:xx:xx` (or a first octet like `02`), unless this address was assigned on purpose.",
      });
    }
  },
};
