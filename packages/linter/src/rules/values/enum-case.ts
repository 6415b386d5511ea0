import type { FileRule } from "../../engine/types";
import { rewriteValue } from "../util/values-edits";
import { enumValuesXlReads, judgeEnumValue } from "../util/values-enums";
import { shown } from "../util/values-read";

/** An enum value accepted only because xl ignores case for this key. */
export const enumCase: FileRule = {
  id: "enum-case",
  scope: "file",
  severity: "info",
  category: "compatibility",
  fixable: "safe",
  summary: "An enum value in a case other than the documented one, accepted only because this key ignores case",
  docs: {
    description: [
      "Some keys are matched by libxl without regard to case (`bios = \"OVMF\"`, `hdtype = \"AHCI\"`), while",
      "their neighbours are not: `vga = \"STDVGA\"` or `on_crash = \"Destroy\"` make xl refuse the config.",
      "Writing every value in its documented spelling keeps the file readable and safe to copy from one key",
      "to another, and to tools that compare the words exactly.",
      "",
      "The fix writes the documented spelling; xl reads it the same way.",
    ].join("\n"),
    invalid: [{ config: 'name = "win01"\ntype = "hvm"\nbios = "OVMF"\n' }],
    valid: [{ config: 'name = "win01"\ntype = "hvm"\nbios = "ovmf"\nhdtype = "ahci"\n' }],
  },
  check(context) {
    for (const written of enumValuesXlReads(context)) {
      const verdict = judgeEnumValue(written.option, written.text, context.host);
      if (verdict.kind !== "case") continue;
      const edit = rewriteValue(written.value, verdict.canonical);
      context.report({
        range: written.range,
        message: `${shown(written.text)} is not the documented spelling \`${verdict.canonical}\` of a \`${written.setting.key}\` value`,
        help: `It works only because xl matches this key without regard to case; keys such as \`vga\` or the \`on_*\` actions refuse other cases. Write \`${verdict.canonical}\`.`,
        ...(edit ? { fix: { title: `Write \`${verdict.canonical}\``, safety: "safe" as const, edits: [edit] } } : {}),
      });
    }
  },
};
