import { allXlConfOptions, xlConfOptionByKey } from "../../catalog";
import { compareXenVersions } from "../../engine/host";
import type { FileRule } from "../../engine/types";
import { validAssignments } from "../util/keys";
import { reportUnknownKeys } from "./host-keys";

/** A key xl does not read from /etc/xen/xl.conf: a typo, a domain key, or a key of a newer Xen. */
export const xlConfUnknownKey: FileRule = {
  id: "xl-conf-unknown-key",
  scope: "file",
  kinds: ["xl-conf"],
  severity: "warning",
  category: "suspicious",
  fixable: "unsafe",
  summary: "A key xl does not read from /etc/xen/xl.conf, so the setting is silently lost",
  docs: {
    description: [
      "xl reads a fixed set of host-wide settings from `/etc/xen/xl.conf` at the start of every command",
      "(`autoballoon`, `vif.default.bridge`, `lockfile`, `vm.cpumask`, …) and ignores every other key without",
      "a word. A misspelt `autoballon = 0` therefore leaves ballooning on, and a `memory = 2048` put there",
      "in the hope of a host-wide default does nothing: defaults for guests are not set this way.",
      "",
      "This rule reports each such key. A typo gets the nearest xl.conf key, and an unsafe fix (the setting",
      "then takes effect) when there is exactly one candidate that the file does not set already; a domain-config key or a cpupool key is named as",
      "such; a key a later Xen release added (`bootloader_restrict`, 4.18) is reported with that release,",
      "which `host.xenVersion` in `xlint.json` sets.",
    ].join("\n"),
    invalid: [
      { kind: "xl-conf", config: "autoballon = 0\n", note: "Did you mean `autoballoon`? Ballooning stays at its default." },
      { kind: "xl-conf", config: 'vif.default.bridge = "br0"\nmemory = 2048\n', note: "Guests do not take their memory from xl.conf." },
    ],
    valid: [
      { kind: "xl-conf", config: 'autoballoon = "off"\nvif.default.bridge = "br0"\nlockfile = "/run/lock/xl"\n' },
      { kind: "xl-conf", config: "bootloader_restrict = 1\n", host: { xenVersion: "4.18" } },
    ],
  },
  check(context) {
    const release = context.host.xenVersion;
    const later = (key: string): boolean => {
      const since = xlConfOptionByKey(key)?.since;
      return since !== undefined && compareXenVersions(release, since) < 0;
    };
    for (const assignment of validAssignments(context)) {
      const key = assignment.key.name;
      if (!later(key)) continue;
      context.report({
        range: assignment.key.range,
        message: `\`${key}\` was added to xl.conf in Xen ${xlConfOptionByKey(key)?.since}; xl ${release} does not read it`,
        help: "This line has no effect. Upgrade the hosts, or set `host.xenVersion` in xlint.json if they already run that release.",
      });
    }
    reportUnknownKeys(context, { keys: allXlConfOptions().map((o) => o.key), fileName: "xl.conf", reader: "xl", manual: "xl.conf(5)" }, later);
  },
};
