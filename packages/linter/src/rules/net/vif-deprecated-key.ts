import { compareXenVersions } from "../../engine/host";
import type { FileRule } from "../../engine/types";
import { vifEntries, vifRange } from "../util/net-vifs";
import { removeItemEdit, vifEdit } from "../util/net-spec";

const base = 'name = "web01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nmemory = 512\n';

/** vif keys from another era: `netdev=` (renamed), `accel=` (xm, ignored), `vlan=` (too new for the hosts). */
export const vifDeprecatedKey: FileRule = {
  id: "vif-deprecated-key",
  scope: "file",
  severity: "warning",
  category: "deprecated",
  fixable: "safe",
  summary: "A vif key xl only half supports: `netdev=` (renamed `gatewaydev=`), `accel=` (ignored), `vlan=` before Xen 4.19",
  docs: {
    description: [
      "Three vif keys belong to another Xen release than the one the hosts run:",
      "",
      "- `netdev=` is the old name of `gatewaydev=` (the interface `vif-route` and `vif-nat` route",
      "  through); xl still honours it but prints a deprecation warning. A note, with a fix to the new name.",
      "- `accel=` comes from xm, where it chose a network accelerator plugin; xl prints that it is not",
      "  supported and ignores it. A warning, with a fix that removes it.",
      "- `vlan=` was added in Xen 4.19; an older xl prints \"unrecognized argument\" and ignores it, so the",
      "  interface is not put in the VLAN. A warning unless `host.xenVersion` is 4.19 or later.",
    ].join("\n"),
    invalid: [
      { config: `${base}vif = [ "bridge=xenbr0,script=vif-route,netdev=eth1" ]\n` },
      { config: `${base}vif = [ "bridge=xenbr0,accel=netchannel2" ]\n` },
      { config: `${base}vif = [ "bridge=xenbr0,vlan=10" ]\n`, note: "Xen 4.17 does not know `vlan=`." },
    ],
    valid: [
      { config: `${base}vif = [ "bridge=xenbr0,script=vif-route,gatewaydev=eth1" ]\n` },
      { config: `${base}vif = [ "bridge=xenbr0,vlan=10" ]\n`, host: { xenVersion: "4.19" } },
    ],
  },
  check(context) {
    const vlanKnown = compareXenVersions(context.host.xenVersion, "4.19") >= 0;
    for (const entry of vifEntries(context)) {
      entry.vif.tokens.forEach((token, index) => {
        if (token.key === "netdev" && token.keySpan) {
          const edit = vifEdit(entry, token.keySpan, "gatewaydev");
          context.report({
            range: vifRange(context, entry, token.keySpan),
            severity: "info",
            message: "`netdev=` is the old name of `gatewaydev=`",
            help: "xl still uses it, but prints a deprecation warning every time. Write `gatewaydev=`.",
            ...(edit ? { fix: { title: "Write `gatewaydev=`", safety: "safe" as const, edits: [edit] } } : {}),
          });
        } else if (token.key === "accel") {
          const edit = removeItemEdit(entry, index);
          context.report({
            range: vifRange(context, entry, token.span),
            message: `\`${token.text}\` is an xm setting that xl ignores`,
            help: "xl prints that it is not supported and ignores it. Remove it.",
            ...(edit ? { fix: { title: `Remove \`${token.text}\``, safety: "safe" as const, edits: [edit] } } : {}),
          });
        } else if (token.key === "vlan" && !vlanKnown) {
          context.report({
            range: vifRange(context, entry, token.span),
            message: `\`vlan=\` needs Xen 4.19 or later, and xl ${context.host.xenVersion} ignores it`,
            help: `xl ${context.host.xenVersion} prints "unrecognized argument" and ignores it, so the interface is not put in the VLAN. Upgrade the hosts (and set \`host.xenVersion\`), or tag the traffic another way, e.g. a bridge per VLAN.`,
          });
        }
      });
    }
  },
};
