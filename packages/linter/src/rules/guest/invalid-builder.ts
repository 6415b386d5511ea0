import { closestValue } from "../../catalog";
import { typeFromBuilderKey } from "../../engine/guest-type";
import type { Fix, FileRule } from "../../engine/types";
import { removeStatement, replaceRange } from "../util/edits";
import { replaceValueEdit, soleAssignment } from "../util/guest-settings";
import { stringSetting } from "../util/settings";

/** A `builder` that is not a prefix of hvm or generic (xm's `linux` above all): xl stops. */
export const invalidBuilder: FileRule = {
  id: "invalid-builder",
  scope: "file",
  severity: "error",
  category: "correctness",
  fixable: "unsafe",
  summary: "`builder` is neither `generic` nor `hvm` (xm's `linux` included), so xl refuses the config",
  docs: {
    description: [
      "The deprecated `builder` key takes `generic` (a PV guest) or `hvm`. xm configs often say",
      "`builder = \"linux\"` for a PV guest, which xl refuses (\"Invalid domain type linux\"), like any other",
      "unknown value.",
      "",
      "Replace the line with `type = \"pv\"` (or `\"hvm\"`, `\"pvh\"`). For `linux` the fix does that, or just",
      "removes the line when `type` is already set (safe). For a near misspelling of exactly one of the two",
      "(`generc`, `hmv`), the help asks whether it was meant and the fix writes it; that fix is unsafe,",
      "as it guesses the intent.",
    ].join("\n"),
    invalid: [
      { config: 'name = "web01"\nbuilder = "linux"\nkernel = "/boot/vmlinuz"\n', note: "xm's name for a PV guest." },
      { config: 'name = "win01"\nbuilder = "hmv"\n', note: "Did you mean `hvm`?" },
    ],
    valid: [{ config: 'name = "web01"\ntype = "pv"\nkernel = "/boot/vmlinuz"\n' }],
  },
  check(context) {
    const builder = stringSetting(context, "builder");
    if (!builder || typeFromBuilderKey(builder.value) !== undefined) return;
    const xm = builder.value === "linux";
    const assignment = soleAssignment(context, "builder");
    let fix: Fix | undefined;
    const near = xm ? undefined : closestValue(builder.value, ["generic", "hvm"]);
    if (xm && assignment) {
      fix = context.setting("type")
        ? { title: "Remove `builder`; `type` decides", safety: "safe", edits: [removeStatement(context.text, assignment.range)] }
        : { title: 'Replace with `type = "pv"`', safety: "safe", edits: [replaceRange(assignment.range, 'type = "pv"')] };
    } else if (near !== undefined) {
      const edit = replaceValueEdit(context, "builder", near);
      if (edit) fix = { title: `Replace with \`${near}\``, safety: "unsafe", edits: [edit] };
    }
    context.report({
      range: builder.range,
      ...(xm
        ? {
            message: '`builder = "linux"` is xm\'s way to ask for a PV guest, which xl refuses',
            help: 'xl does not know it and refuses the config ("Invalid domain type linux"). Write `type = "pv"` instead.',
          }
        : {
            message: `\`${builder.value}\` is not a builder xl knows`,
            help: `xl knows only \`generic\` for PV and \`hvm\`, and refuses the config ("Invalid domain type").${near !== undefined ? ` Did you mean \`${near}\`?` : ""} Replace \`builder\` with \`type = "pv"\`, \`"pvh"\` or \`"hvm"\`.`,
          }),
      ...(fix ? { fix } : {}),
    });
  },
};
