import { describeMac, formatMac } from "@xlint/parser";
import type { FileRule } from "../../engine/types";
import { vifEntries, vifRange } from "../util/net-vifs";

const base = 'name = "web01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nmemory = 512\nvcpus = 1\n';

/** A MAC that xl reads fine but no network card can use: multicast or broadcast. */
export const vifMulticastMac: FileRule = {
  id: "vif-multicast-mac",
  scope: "file",
  severity: "error",
  category: "correctness",
  fixable: "none",
  summary: "A vif MAC address is a multicast or broadcast address, which a network card cannot own",
  docs: {
    description: [
      "The lowest bit of a MAC's first octet marks a group (multicast) address; `ff:ff:ff:ff:ff:ff` is the",
      "broadcast address. Neither can belong to one interface: xl and libxl accept them without a word, and",
      "then the guest's network misbehaves (bridges flood or drop its frames, the guest kernel may refuse the",
      "address). Use the Xen prefix `00:16:3e` or a locally administered address (first octet like `02`,",
      "`06`, `0a`, … with the lowest bit clear).",
    ].join("\n"),
    invalid: [{ config: `${base}vif = [ "mac=01:16:3e:00:00:01,bridge=xenbr0" ]\n`, note: "`01` has the group bit set." }],
    valid: [{ config: `${base}vif = [ "mac=02:16:3e:00:00:01,bridge=xenbr0" ]\n`, note: "`02`: locally administered, unicast." }],
  },
  check(context) {
    for (const entry of vifEntries(context)) {
      const octets = entry.vif.xlMac;
      const mac = entry.vif.mac;
      // A MAC xl cannot read is `vif-invalid-mac`'s error; whatever half address xl keeps is beside the point.
      if (!octets || !mac || mac.value.xl.outcome === "invalid") continue;
      const info = describeMac(octets);
      if (info.zero || !info.multicast) continue;
      const why = info.broadcast
        ? "No network card can own the broadcast address"
        : `The lowest bit of the first octet (0x${(octets[0] ?? 0).toString(16).padStart(2, "0")}) is set, and no network card can own a multicast address`;
      context.report({
        range: vifRange(context, entry, mac.span),
        message: `MAC \`${mac.value.text}\` (${formatMac(octets)}) is ${info.broadcast ? "the broadcast address" : "a multicast address"}`,
        help: `${why}: xl accepts it, but the guest's network will not work properly. Use \`00:16:3e:…\` or a locally administered unicast address such as \`02:…\`.`,
      });
    }
  },
};
