import { closestValue } from "../../catalog";
import { typeFromTypeKey } from "../../engine/guest-type";
import type { FileRule } from "../../engine/types";
import { replaceValueEdit } from "../util/guest-settings";
import { stringSetting } from "../util/settings";

const TYPES = ["pv", "pvh", "hvm"];

/** A `type` that is not a prefix of hvm, pv or pvh: xl stops. */
export const invalidType: FileRule = {
  id: "invalid-type",
  scope: "file",
  severity: "error",
  category: "correctness",
  fixable: "unsafe",
  summary: "`type` is not `pv`, `pvh` or `hvm`, so xl refuses the config",
  docs: {
    description: [
      "xl knows three guest types, written in lower case: `pv`, `pvh` and `hvm`. Any other value, including",
      "`HVM` or `paravirt`, stops xl with \"Invalid domain type\". (xl compares only as many letters as the",
      "value has, so a shortened value such as `h` is accepted; `type-prefix` reports those.)",
      "",
      "Write one of the three names. When the value is one of them in another case, the fix lowers it",
      "(safe). When it is a near misspelling of exactly one of them (`hmv`, `pvhh`), the help asks",
      "whether that one was meant and the fix writes it; that fix is unsafe, as it guesses the intent and",
      "decides which keys xl reads.",
    ].join("\n"),
    invalid: [
      { config: 'name = "win01"\ntype = "HVM"\n', note: "Upper case is refused." },
      { config: 'name = "domU-id"\ntype = "hmv"\n', note: "Did you mean `hvm`? (The NetBSD Xen HOWTO's own typo.)" },
      { config: 'name = "web01"\ntype = "linux"\nkernel = "/boot/vmlinuz"\n' },
    ],
    valid: [{ config: 'name = "win01"\ntype = "hvm"\n' }],
  },
  check(context) {
    const type = stringSetting(context, "type");
    if (!type || typeFromTypeKey(type.value) !== undefined) return;
    const lowered = type.value.trim().toLowerCase();
    // The same name in another case is certain; a near spelling is a guess.
    const near = TYPES.includes(lowered) ? undefined : closestValue(type.value, TYPES);
    const meant = TYPES.includes(lowered) ? lowered : near;
    const edit = meant !== undefined ? replaceValueEdit(context, "type", meant) : undefined;
    const hint = edit && near === undefined ? `Write \`${lowered}\`.` : near !== undefined ? `Did you mean \`${near}\`?` : "Use `pv`, `pvh` or `hvm`.";
    context.report({
      range: type.range,
      message: `\`${type.value}\` is not a guest type xl knows`,
      help: `xl takes only \`pv\`, \`pvh\` or \`hvm\`, in lower case, and refuses the config ("Invalid domain type"). ${hint}`,
      ...(edit && meant !== undefined ? { fix: { title: `Replace with \`${meant}\``, safety: near === undefined ? ("safe" as const) : ("unsafe" as const), edits: [edit] } } : {}),
    });
  },
};
