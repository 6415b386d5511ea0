import { typeFromBuilderKey, typeFromTypeKey } from "../../engine/guest-type";
import type { Fix, FileRule } from "../../engine/types";
import { removeStatement, replaceRange } from "../util/edits";
import { TYPE_LABEL, soleAssignment } from "../util/guest-settings";
import { stringSetting } from "../util/settings";

/** `builder`, deprecated since Xen 4.10 in favour of `type`. */
export const deprecatedBuilder: FileRule = {
  id: "deprecated-builder",
  scope: "file",
  severity: "info",
  category: "deprecated",
  fixable: "safe",
  summary: "`builder` is deprecated; say the guest type with `type`",
  docs: {
    description: [
      "`builder` is the old way to choose the guest type (`generic` for PV, `hvm`); Xen 4.10 replaced it",
      "with `type`, which also knows PVH. xl still honours it, with the same shortened-name matching as",
      "`type` (an empty `builder` means HVM).",
      "",
      "The fix replaces it with the equivalent `type`, or removes it when `type` already says the same.",
    ].join("\n"),
    invalid: [{ config: 'name = "win01"\nbuilder = "hvm"\n' }],
    valid: [{ config: 'name = "win01"\ntype = "hvm"\n' }],
  },
  check(context) {
    const builder = stringSetting(context, "builder");
    if (!builder) return;
    const fromBuilder = typeFromBuilderKey(builder.value);
    if (!fromBuilder) return;
    const type = stringSetting(context, "type");
    const fromType = type ? typeFromTypeKey(type.value) : undefined;
    // A contradiction or a bad type is another rule's error.
    if (type && fromType !== fromBuilder) return;
    const assignment = soleAssignment(context, "builder");
    let fix: Fix | undefined;
    if (assignment) {
      fix = type
        ? { title: "Remove `builder`; `type` says the same", safety: "safe", edits: [removeStatement(context.text, assignment.range)] }
        : { title: `Replace with \`type = "${fromBuilder}"\``, safety: "safe", edits: [replaceRange(assignment.range, `type = "${fromBuilder}"`)] };
    }
    const reading = builder.value === (fromBuilder === "pv" ? "generic" : "hvm") ? "" : ` (xl reads \`"${builder.value}"\` as ${TYPE_LABEL[fromBuilder]})`;
    context.report({
      range: builder.range,
      ...(type
        ? { message: `\`builder\` is deprecated and repeats what \`type\` already says${reading}`, help: "Remove it." }
        : { message: `\`builder\` is deprecated since Xen 4.10${reading}`, help: `Write \`type = "${fromBuilder}"\` instead, which newer tools understand.` }),
      ...(fix ? { fix } : {}),
    });
  },
};
