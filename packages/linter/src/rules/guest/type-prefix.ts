import { typeFromTypeKey } from "../../engine/guest-type";
import type { FileRule } from "../../engine/types";
import { TYPE_LABEL, replaceValueEdit } from "../util/guest-settings";
import { stringSetting } from "../util/settings";
import { capitalised } from "../util/values-read";

/** A shortened `type` (`"h"`, `"p"`, `""`) that xl's prefix matching accepts. */
export const typePrefix: FileRule = {
  id: "type-prefix",
  scope: "file",
  severity: "warning",
  category: "suspicious",
  fixable: "safe",
  summary: "`type` is a shortened name (`h`, `p`, even empty) that xl silently completes",
  docs: {
    description: [
      "xl compares `type` with `hvm`, then `pv`, then `pvh`, looking only at as many letters as the value",
      "has. So `\"h\"` and `\"hv\"` give an HVM guest, `\"p\"` gives PV (not PVH), and an empty string gives",
      "HVM, because the empty text is a prefix of the first name tried. The guest works, but the file does",
      "not say what it builds and a reader can easily guess wrong.",
      "",
      "The fix writes the full name xl already uses.",
    ].join("\n"),
    invalid: [
      { config: 'name = "win01"\ntype = "h"\n' },
      { config: 'name = "web01"\ntype = ""\nkernel = "/boot/vmlinuz"\n', note: "An empty type builds an HVM guest." },
    ],
    valid: [{ config: 'name = "web01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\n' }],
  },
  check(context) {
    const type = stringSetting(context, "type");
    if (!type) return;
    const meant = typeFromTypeKey(type.value);
    if (!meant || meant === type.value) return;
    const edit = replaceValueEdit(context, "type", meant);
    const written = type.value === "" ? "An empty `type`" : `\`type = "${type.value}"\``;
    const why = type.value === "" ? "the empty text is a prefix of `hvm`, the first name xl tries" : `xl compares only the letters written, and \`${type.value}\` starts \`${meant}\`, the first name it tries that fits`;
    context.report({
      range: type.range,
      message: `${written} is not a full guest type, but xl builds ${meant === "hvm" ? "an" : "a"} ${TYPE_LABEL[meant]} guest from it`,
      help: `${capitalised(why)}. Write \`"${meant}"\` so the file says what it builds.`,
      ...(edit ? { fix: { title: `Write \`${meant}\``, safety: "safe" as const, edits: [edit] } } : {}),
    });
  },
};
