import { allXlConfOptions } from "../../catalog";
import type { FileRule, Fix } from "../../engine/types";
import { removeStatement, replaceRange } from "../util/edits";
import { keyRange } from "../util/settings";

/** `vifscript` and `defaultbridge`: old names xl still reads, with a notice on every command. */
export const xlConfDeprecatedKey: FileRule = {
  id: "xl-conf-deprecated-key",
  scope: "file",
  kinds: ["xl-conf"],
  severity: "warning",
  category: "deprecated",
  fixable: "safe",
  summary: "An old xl.conf key name that xl still reads but complains about on every command",
  docs: {
    description: [
      "`vifscript` and `defaultbridge` are the old names of `vif.default.script` and `vif.default.bridge`.",
      "xl still honours them, but prints a deprecation notice at the start of every command, which ends up",
      "in scripts' output and logs. When the new name is set too, the old one is dead: xl reads the new",
      "name last, so its value wins wherever it appears in the file.",
      "",
      "The fix renames the key, or removes it when the new name is already set; either way the host keeps",
      "the settings it has today.",
    ].join("\n"),
    invalid: [
      { kind: "xl-conf", config: 'defaultbridge = "br0"\n' },
      { kind: "xl-conf", config: 'vif.default.script = "vif-route"\nvifscript = "vif-bridge"\n', note: "`vif-route` is used; the second line only adds the notice." },
    ],
    valid: [{ kind: "xl-conf", config: 'vif.default.bridge = "br0"\nvif.default.script = "vif-bridge"\n' }],
  },
  check(context) {
    for (const option of allXlConfOptions()) {
      const replacement = option.deprecated?.replacement;
      const setting = context.setting(option.key);
      // A list is not read at all (xl-conf-invalid-value says so), so no notice is printed either.
      if (!replacement || !setting || setting.value.kind !== "string") continue;
      const shadowed = context.setting(replacement) !== undefined;
      const last = setting.assignments[setting.assignments.length - 1];
      // Only a key assigned once is rewritten: the other copies are duplicate-key's.
      const only = setting.assignments.length === 1 ? last : undefined;
      let fix: Fix | undefined;
      if (only && shadowed) fix = { title: `Remove \`${option.key}\``, safety: "safe", edits: [removeStatement(context.text, only.range)] };
      else if (only) fix = { title: `Rename to \`${replacement}\``, safety: "safe", edits: [replaceRange(only.key.range, replacement)] };
      context.report({
        range: keyRange(setting),
        message: `\`${option.key}\` is the old name of \`${replacement}\`${shadowed ? ", which this file also sets" : ""}`,
        help: shadowed
          ? `\`${replacement}\` wins, so this line only makes xl print a deprecation notice on every command. Remove it.`
          : `xl still uses it but prints a deprecation notice on every command. Rename it to \`${replacement}\`.`,
        ...(fix ? { fix } : {}),
      });
    }
  },
};
