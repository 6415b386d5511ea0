import type { XlEffect } from "@xlint/parser";
import type { FileContext, FileRule, Fix, Severity } from "../../engine/types";
import { deviceModelOf } from "../util/guest-settings";
import { rewriteValue } from "../util/values-edits";
import { documentedValues, enumValuesXlReads, judgeEnumValue, listOfValues, suggestValues, type WrittenEnumValue } from "../util/values-enums";
import { capitalised, shown } from "../util/values-read";

/** What xl or libxl does with a value it does not know, for this guest. */
function effectFor(context: FileContext, written: WrittenEnumValue): XlEffect {
  const { option } = written;
  const type = context.guest.type;
  const effect = (type !== undefined ? option.onBadValueFor?.[type] : undefined) ?? option.onBadValue;
  // libxl checks the sound card only when it builds qemu-xen's command line;
  // qemu-xen-traditional passes the word on to the old qemu unchecked.
  if (option.key === "soundhw" && deviceModelOf(context)?.model === "qemu-xen-traditional") return "guest";
  return effect;
}

function consequence(effect: XlEffect): { severity: Severity; text: string } {
  switch (effect) {
    case "fatal":
      return { severity: "error", text: "xl refuses the config" };
    case "libxl-fatal":
      return { severity: "error", text: "libxl refuses to create the domain" };
    case "warning":
      return { severity: "warning", text: "xl prints a warning and ignores it" };
    case "guest":
      return { severity: "warning", text: "nothing checks it before the device model gets it, and the old QEMU may not start" };
    case "silent":
      return { severity: "warning", text: "xl ignores it without a word" };
  }
}

function subject(written: WrittenEnumValue): string {
  const where = written.item === undefined ? `for \`${written.setting.key}\`` : `in \`${written.setting.key}\` (item ${written.item + 1})`;
  return `${shown(written.text)} is not a value xl accepts ${where}`;
}

/** An enum-like key with a value xl (or libxl) does not accept. */
export const invalidEnumValue: FileRule = {
  id: "invalid-enum-value",
  scope: "file",
  severity: "error",
  category: "correctness",
  fixable: "unsafe",
  summary: "An enum-like key (`on_crash`, `vga`, `bios`, `tsc_mode`, …) with a value xl or libxl refuses",
  docs: {
    description: [
      "Many keys take one of a few words: the `on_*` actions, `vga`, `bios`, `hdtype`, `tsc_mode`,",
      "`device_model_version`, `gic_version`, … xl refuses the whole config when the word is not one it",
      "knows; for `soundhw` libxl refuses the domain when it starts qemu-xen. Some keys compare exactly",
      "(`vga = \"STDVGA\"` and `on_crash = \"Restart\"` are refused), others ignore case.",
      "",
      "The help lists the accepted values and suggests the closest one. The fix is offered when there",
      "is a single candidate; it is safe when only case, `-`/`_` or word order differ (`restart_rename` for",
      "`rename-restart`), unsafe otherwise. Keys that xl does not read for this guest type are not",
      "checked; `type`, `builder`, `firmware` and `viridian` have rules of their own.",
      "",
      "Where Xen refuses an unknown `soundhw` (xl passes the text on): libxl_dm.c, `libxl__build_device_model_args_new` (\"Unknown soundhw option\").",
    ].join("\n"),
    invalid: [
      { config: 'name = "web01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\non_crash = "restart_rename"\n', note: "xl's spelling is `rename-restart`." },
      { config: 'name = "win01"\ntype = "hvm"\nvga = "STDVGA"\n', note: "`vga` is compared exactly." },
      { config: 'name = "win01"\ntype = "hvm"\nhdtype = "scsi"\n' },
      { config: 'name = "win01"\ntype = "hvm"\nsoundhw = "sb16,es1370"\n', note: "One sound card per guest: xl passes the text on, and libxl refuses it when it builds qemu-xen's arguments." },
    ],
    valid: [
      { config: 'name = "win01"\ntype = "hvm"\nvga = "stdvga"\nhdtype = "ahci"\non_crash = "rename-restart"\ntsc_mode = "default"\n' },
      { config: 'name = "web01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nvga = "vmware"\n', note: "xl reads `vga` for HVM guests only (the guest-type rules say so)." },
    ],
  },
  check(context) {
    for (const written of enumValuesXlReads(context)) {
      const { option } = written;
      const verdict = judgeEnumValue(option, written.text, context.host);
      if (verdict.kind !== "unknown" && verdict.kind !== "later") continue;
      const { severity, text } = consequence(effectFor(context, written));
      const accepted = documentedValues(option, context.host);
      const candidates = verdict.kind === "later" ? [] : suggestValues(option, written.text, context.host);
      const single = candidates.length === 1 ? candidates[0] : undefined;
      let advice: string;
      if (verdict.kind === "later") {
        advice = `Xen ${verdict.added.since} added it; set \`host.xenVersion\` in xlint.json if the hosts run ${verdict.added.since} or later, or use ${listOfValues(accepted)}.`;
      } else if (candidates.length > 0) {
        advice = `Did you mean ${listOfValues(candidates.map((c) => c.value))}?${option.values?.match === "exact" && candidates.some((c) => c.certain) ? " xl compares the words exactly, case included." : ""}`;
      } else {
        advice = `Use ${listOfValues(accepted)}${option.kind === "boolean-or-enum" ? ", or 1 or 0 to switch it on or off" : ""}.`;
      }
      const digits = written.appended && /^\s*\d/.test(written.text) ? " (with `+=`, xl does not try to read a number and takes the text as a name)" : "";
      const edit = single ? rewriteValue(written.value, single.value) : undefined;
      const fix: Fix | undefined = single && edit ? { title: `Replace with \`${single.value}\``, safety: single.certain ? "safe" : "unsafe", edits: [edit] } : undefined;
      context.report({
        range: written.range,
        severity,
        message: subject(written),
        help: `${capitalised(text)}${digits}. ${advice}`,
        ...(fix ? { fix } : {}),
      });
    }
  },
};
