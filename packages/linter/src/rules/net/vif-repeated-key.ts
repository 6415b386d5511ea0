import { VIF_STRING_KEYS } from "@xlint/parser";
import type { FileRule } from "../../engine/types";
import { vifEntries, vifRange } from "../util/net-vifs";
import { problemsOf, removeItemEdit } from "../util/net-spec";

const base = 'name = "web01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nmemory = 512\n';

/**
 * Keys whose earlier value xl simply overwrites, so removing it changes
 * nothing. Not `mac` (a later `mac=` may overwrite only some octets), nor
 * `rate`, `devid` and `mtu` (an earlier bad value stops xl).
 */
const OVERWRITTEN: readonly string[] = [...VIF_STRING_KEYS, "type", "trusted", "untrusted", "accel", "vlan"];

/** One setting given twice in a vif: xl keeps the later one without a word. */
export const vifRepeatedKey: FileRule = {
  id: "vif-repeated-key",
  scope: "file",
  severity: "warning",
  category: "suspicious",
  fixable: "safe",
  summary: "A setting given twice in one vif spec (`bridge=` twice, `trusted` and `untrusted`), where xl silently keeps the later one",
  docs: {
    description: [
      "xl reads a vif's items from left to right and lets each one overwrite the setting, so in",
      "`bridge=br-dmz,mac=…,bridge=xenbr0` the vif joins `xenbr0`, without a message. That is rarely what",
      "the author wanted: usually a spec was extended by copy and paste and the older value stayed.",
      "`netdev=` counts as `gatewaydev=`, and `trusted` and `untrusted` as one setting. (Two `mac=` items",
      "are worse: the later one overwrites only the octets it manages to read.)",
      "",
      "Keep one. The fix removes the earlier item, which xl ignores anyway, except for `mac`, `rate`,",
      "`devid` and `mtu`, where the earlier item can matter.",
    ].join("\n"),
    invalid: [{ config: `${base}vif = [ "bridge=br-dmz,mac=00:16:3e:00:00:01,bridge=xenbr0" ]\n`, note: "The vif joins xenbr0." }],
    valid: [{ config: `${base}vif = [ "bridge=xenbr0,mac=00:16:3e:00:00:01" ]\n` }],
  },
  check(context) {
    for (const entry of vifEntries(context)) {
      for (const problem of problemsOf(entry, ["duplicate-key"])) {
        const index = entry.vif.tokens.findIndex((t) => t.span.start === problem.span.start);
        const token = entry.vif.tokens[index];
        if (!token?.key) continue;
        // xl skips a `type=` it does not know, so a later invalid one overrides nothing.
        const effectiveType = entry.vif.type;
        if (token.key === "type" && (!effectiveType || effectiveType.span.start <= (token.value?.span.start ?? token.span.start))) continue;
        const later = entry.vif.tokens
          .slice(index + 1)
          .find((t) => t.key !== undefined && slot(t.key) === slot(token.key ?? "") && (token.key !== "type" || t.value?.span.start === effectiveType?.span.start));
        const edit = OVERWRITTEN.includes(token.key) ? removeItemEdit(entry, index) : undefined;
        context.report({
          range: vifRange(context, entry, token.span),
          message: `\`${token.text}\` is overridden by \`${later?.text ?? token.key}\` later in this vif`,
          help: `xl keeps the later one without a word${token.key === "mac" ? " (for `mac=`, only the octets the later one manages to read)" : ""}. Remove the one you do not want.`,
          ...(edit ? { fix: { title: `Remove \`${token.text}\`, which xl overrides`, safety: "safe" as const, edits: [edit] } } : {}),
        });
      }
    }
  },
};

/** The setting a key writes (`netdev` is `gatewaydev`, `untrusted` is `trusted`). */
function slot(key: string): string {
  return key === "untrusted" ? "trusted" : key === "netdev" ? "gatewaydev" : key;
}
