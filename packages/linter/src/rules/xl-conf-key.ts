import type { FileRule } from "../engine/types";
import { optionByKey, xlConfOptionByKey } from "../catalog";
import { validAssignments } from "./util/keys";
import { xenConfigDir } from "../engine/host";

/** A host-wide xl.conf setting written in a domain config, where xl ignores it. */
export const xlConfKey: FileRule = {
  id: "xl-conf-key",
  scope: "file",
  severity: "warning",
  category: "suspicious",
  fixable: "none",
  summary: "A setting of /etc/xen/xl.conf written in a domain config, where xl ignores it",
  docs: {
    description: [
      "Some settings (`vif.default.bridge`, `autoballoon`, `lockfile`, …) are read by xl only from its",
      "host-wide file `/etc/xen/xl.conf`. In a domain config they do nothing, silently: a",
      "`vif.default.bridge` written there does not change the bridge of this guest's vifs. Move the line",
      "to xl.conf, or set the value where the guest needs it (for a bridge: `bridge=` in each vif).",
    ].join("\n"),
    invalid: [{ config: 'name = "web01"\nvif.default.bridge = "br-dmz"\nvif = [ "mac=00:16:3e:00:00:01" ]\n' }],
    valid: [{ config: 'name = "web01"\nvif = [ "mac=00:16:3e:00:00:01,bridge=br-dmz" ]\n' }],
  },
  check(context) {
    for (const assignment of validAssignments(context)) {
      const key = assignment.key.name;
      if (optionByKey(key) || !xlConfOptionByKey(key)) continue;
      context.report({
        range: assignment.key.range,
        message: `\`${key}\` is an xl.conf setting, which xl ignores in a domain config`,
        help: `It has no effect here. Move it to ${xenConfigDir(context.host.os)}/xl.conf, or set the equivalent per guest.`,
      });
    }
  },
};
