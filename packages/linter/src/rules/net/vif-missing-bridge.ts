import { effectiveDefaultBridge } from "../../engine/host";
import type { FileRule } from "../../engine/types";
import { vifEntries, vifRange } from "../util/net-vifs";

/** Scripts that route instead of bridging: the bridge does not matter to them. */
const NON_BRIDGE_SCRIPT = /(^|\/)vif-(route|nat)$/;

/** A vif attached to a bridge the host does not have. */
export const vifMissingBridge: FileRule = {
  id: "vif-missing-bridge",
  scope: "file",
  severity: "error",
  category: "host",
  fixable: "none",
  summary: "A vif's bridge (its own, or the default it relies on) does not exist on the host",
  docs: {
    description: [
      "xl does not check bridges: the guest is created, and then the hotplug script fails to add the vif",
      "to a bridge that does not exist, so the guest has no network (or `xl create` fails late, depending",
      "on the script). A vif without `bridge=` uses xl.conf's `vif.default.bridge`, else `xenbr0`.",
      "",
      "With a host profile (`host.bridges` in xlint.json, `--host-bridges`, or the bridges of this machine)",
      "this rule reports every vif whose bridge is not among them. Without one, it notes each vif that",
      "relies on the default bridge, since that depends on the host. Vifs using the `vif-route` or",
      "`vif-nat` scripts do not use a bridge and are left alone, and so are the bridges of vifs served by",
      "a driver domain (`backend=`), whose bridges are not the host's.",
    ].join("\n"),
    invalid: [
      {
        config: 'name = "web01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nmemory = 512\nvcpus = 1\nvif = [ "mac=00:16:3e:00:00:01,bridge=br-dmz" ]\n',
        host: { bridges: ["xenbr0"] },
        note: "The host only has xenbr0.",
      },
      { config: 'name = "web01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nmemory = 512\nvcpus = 1\nvif = [ "mac=00:16:3e:00:00:01" ]\n', note: "Without a host profile: relies on the default bridge." },
    ],
    valid: [
      { config: 'name = "web01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nmemory = 512\nvcpus = 1\nvif = [ "mac=00:16:3e:00:00:01,bridge=xenbr0" ]\n', host: { bridges: ["xenbr0"] } },
      { config: 'name = "web01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nmemory = 512\nvcpus = 1\nvif = [ "mac=00:16:3e:00:00:01,script=vif-route,ip=192.0.2.10" ]\n' },
    ],
  },
  check(context) {
    const host = context.host;
    for (const entry of vifEntries(context)) {
      const script = entry.vif.script?.value.trim() ?? host.defaultVifScript ?? "vif-bridge";
      if (NON_BRIDGE_SCRIPT.test(script)) continue;
      // A driver domain's bridges are not the host's: only dom0's can be checked.
      const backend = entry.vif.backend?.value.trim();
      const inDom0 = backend === undefined || backend === "" || backend === "0" || backend === "Domain-0";
      const bridge = entry.vif.bridge;
      if (bridge) {
        // `xenbr0 ` (with a blank) is `vif-whitespace`'s finding when the host has `xenbr0`.
        const padded = bridge.value !== bridge.value.trim() && host.bridges?.includes(bridge.value.trim()) === true;
        if (host.bridges && inDom0 && !padded && !host.bridges.includes(bridge.value)) {
          context.report({
            range: vifRange(context, entry, bridge.span),
            message: `Bridge \`${bridge.value}\` does not exist on the host`,
            help: `The host has ${list(host.bridges)}. xl creates the guest, but its hotplug script cannot attach this vif, so the guest has no network here. Use one of the host's bridges, or create this one.`,
          });
        }
        continue;
      }
      const fallback = effectiveDefaultBridge(host);
      if (!host.bridges) {
        context.report({
          range: entry.range,
          severity: "info",
          message: "This vif names no bridge, so it joins the host's default one",
          help: `The default is xl.conf's \`vif.default.bridge\`, else \`${fallback}\`, which depends on the host. Write \`bridge=${fallback}\` to make it explicit.`,
        });
      } else if (inDom0 && !host.bridges.includes(fallback)) {
        context.report({
          range: entry.range,
          message: `This vif names no bridge, so it joins the default \`${fallback}\`, which the host does not have`,
          help: `The host has ${list(host.bridges)}, so the guest would have no network. Add \`bridge=\` with one of the host's bridges.`,
        });
      }
    }
  },
};

function list(bridges: readonly string[]): string {
  return bridges.length === 0 ? "no bridges" : bridges.map((b) => `\`${b}\``).join(", ");
}
