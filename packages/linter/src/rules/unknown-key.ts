import { compareXenVersions } from "../engine/host";
import type { FileRule } from "../engine/types";
import { optionByKey, suggestKeys, xlConfOptionByKey } from "../catalog";
import { validAssignments } from "./util/keys";
import { replaceRange } from "./util/edits";

/** A key xl never reads: usually a typo, which xl ignores without a word. */
export const unknownKey: FileRule = {
  id: "unknown-key",
  scope: "file",
  severity: "warning",
  category: "suspicious",
  fixable: "unsafe",
  summary: "A key xl never reads (a typo, or a key of a newer Xen), so its setting is silently lost",
  docs: {
    description: [
      "xl looks up the keys it knows and never complains about the others, so `memroy = 4096` leaves the",
      "guest with the default memory and no message at all. This rule reports every key xl does not read,",
      "suggests the nearest known key (case, `-` for `_`, and small typos), and offers the replacement as a",
      "fix when there is exactly one candidate. The fix is unsafe: the renamed setting starts to take",
      "effect, so check its value first.",
      "",
      "A key that a newer Xen release added (`virtio`, `smbios`, …) is reported with the release that",
      "introduced it; set `host.xenVersion` in `xlint.json` when your hosts run that release. Keys that",
      "belong in `/etc/xen/xl.conf` and keys of the old xm toolstack have rules of their own",
      "(`xl-conf-key`, `xm-only-key`).",
      "",
      "A patched or vendor xl may read keys of its own (`dt_passthrough_nodes` in some Arm BSPs). List them",
      "in `xlint.json` as `host.extraKeys`, so that they are not reported and the rule stays meaningful for",
      "every other key; a listed key is also taken as read whatever `host.xenVersion` says.",
    ].join("\n"),
    invalid: [
      { config: 'name = "web01"\nmemroy = 4096\n', note: "Did you mean `memory`? The guest gets the default." },
      { config: 'name = "web01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nsmbios = [ "oem=x" ]\n', note: "`smbios` arrived in Xen 4.18." },
    ],
    valid: [
      { config: 'name = "web01"\nmemory = 4096\n' },
      {
        config: 'name = "doma"\nkernel = "/xt/doma/Image"\ndt_passthrough_nodes = [ "/firmware" ]\n',
        host: { extraKeys: ["dt_passthrough_nodes"] },
        note: "The host's patched xl reads `dt_passthrough_nodes`, as xlint.json says.",
      },
      { config: 'name = "web01"\nsmbios = [ "oem=x" ]\ntype = "hvm"\n', host: { xenVersion: "4.18" } },
    ],
  },
  check(context) {
    const assigned = new Set([...validAssignments(context)].map((a) => a.key.name));
    const extra = context.host.extraKeys;
    for (const assignment of validAssignments(context)) {
      const key = assignment.key.name;
      // Declared in xlint.json as read by the host's (patched) xl.
      if (extra?.includes(key)) continue;
      const option = optionByKey(key);
      if (option) {
        if (option.since && compareXenVersions(context.host.xenVersion, option.since) < 0) {
          context.report({
            range: assignment.key.range,
            message: `\`${key}\` needs Xen ${option.since}; xl ${context.host.xenVersion} does not read it`,
            help: `The setting has no effect. Upgrade the hosts, or set \`host.xenVersion\` in xlint.json if they already run ${option.since} or later.`,
          });
        }
        continue;
      }
      if (xlConfOptionByKey(key)) continue;
      const candidates = suggestKeys(key);
      const hint =
        candidates.length === 0
          ? "Check the spelling against xl.cfg(5); if the host's xl is patched to read it, list it in xlint.json's `host.extraKeys`, and if another tool reads it, silence this finding with a comment."
          : `Did you mean ${candidates.map((c) => `\`${c}\``).join(" or ")}?`;
      // Renaming onto a key the file already sets would change that setting (or, with `+=`, mix a
      // list and a string, which xl refuses): the author has to say which one is meant.
      const best = candidates[0] !== undefined && !assigned.has(candidates[0]) ? candidates[0] : undefined;
      context.report({
        range: assignment.key.range,
        message: `\`${key}\` is not a key xl reads`,
        help: `xl silently ignores the setting. ${hint}`,
        ...(candidates.length === 1 && best
          ? { fix: { title: `Replace \`${key}\` with \`${best}\``, safety: "unsafe" as const, edits: [replaceRange(assignment.key.range, best)] } }
          : {}),
      });
    }
  },
};
