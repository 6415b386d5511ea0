import { readXlNumber } from "@xlint/parser";
import { optionByKey } from "../../catalog";
import { compareXenVersions } from "../../engine/host";
import type { FileRule } from "../../engine/types";
import { stringSetting } from "../util/settings";
import { rewriteValue } from "../util/values-edits";
import { documentedValues, enumValuesXlReads } from "../util/values-enums";
import { capitalised, shown, xlReads } from "../util/values-read";

/**
 * TSC mode 3 (`native_paravirt`, also known as PVRDTSCP): xl still parses
 * it, but libxl refuses it in every release since Xen dropped the mode.
 */
const REMOVED_TSC_MODE = "native_paravirt";

/** Why a value is already a bad idea before the release that removes it. */
const WHY_ALREADY: Readonly<Record<string, string>> = {
  device_model_version: "the old QEMU fork is no longer security-supported by Xen",
};

const TSC_HELP =
  "libxl refuses to create the domain, because Xen removed this TSC mode (it was also called PVRDTSCP). Use `tsc_mode = \"default\"`, or `\"native\"` if the guest must read the host's TSC directly.";

/** A value a Xen release removed, or that libxl no longer accepts. */
export const removedValue: FileRule = {
  id: "removed-value",
  scope: "file",
  severity: "error",
  category: "compatibility",
  fixable: "unsafe",
  summary: "A value Xen removed: `tsc_mode = \"native_paravirt\"`, or `device_model_version = \"qemu-xen-traditional\"`",
  docs: {
    description: [
      "Some values are still parsed by xl but no longer work. `tsc_mode = \"native_paravirt\"` (or `3`) names",
      "a TSC mode Xen removed: libxl refuses to create the domain. `device_model_version =",
      "\"qemu-xen-traditional\"` selects the old QEMU fork, which Xen no longer security-supports; from",
      "Xen 4.21 xl refuses it outright. That is an error when `host.xenVersion` is 4.21 or later, and a",
      "warning for older releases, where it still runs.",
      "",
      "For the device model the (unsafe) fix switches to `qemu-xen`, the upstream QEMU; check the guest's",
      "`bios` and emulated devices afterwards, since a few only exist in the old model.",
      "",
      "Where Xen refuses `tsc_mode = \"native_paravirt\"`: libxl_x86.c, `libxl__arch_domain_create` (\"TSC Mode native_paravirt (a.k.a PVRDTSCP) has been removed\").",
    ].join("\n"),
    invalid: [
      { config: 'name = "web01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\ntsc_mode = "native_paravirt"\n' },
      { config: 'name = "win01"\ntype = "hvm"\ndevice_model_version = "qemu-xen-traditional"\n', note: "A warning for Xen 4.17; an error for 4.21 and later." },
    ],
    valid: [{ config: 'name = "win01"\ntype = "hvm"\ndevice_model_version = "qemu-xen"\ntsc_mode = "native"\n' }],
  },
  check(context) {
    for (const written of enumValuesXlReads(context)) {
      const { option, setting } = written;
      const folded = option.values?.match === "case-insensitive" ? written.text.toLowerCase() : written.text;
      if (option.key === "tsc_mode" && folded === REMOVED_TSC_MODE) {
        context.report({ range: written.range, message: `${shown(written.text)} is no longer a TSC mode`, help: TSC_HELP });
        continue;
      }
      const removed = option.removedValues?.find((r) => (option.values?.match === "case-insensitive" ? r.value.toLowerCase() : r.value) === folded);
      if (!removed) continue;
      const refused = compareXenVersions(context.host.xenVersion, removed.since) >= 0;
      const replacement = documentedValues(option, context.host).find((v) => v !== removed.value);
      const edit = replacement === undefined ? undefined : rewriteValue(written.value, replacement);
      const fix = edit && replacement ? { title: `Use \`${replacement}\``, safety: "unsafe" as const, edits: [edit] } : undefined;
      const instead = replacement ? ` Use \`${replacement}\`.` : "";
      const whyAlready = WHY_ALREADY[setting.key];
      context.report({
        range: written.range,
        severity: refused ? "error" : "warning",
        ...(refused
          ? {
              message: `${shown(written.text)} was removed from \`${setting.key}\` in Xen ${removed.since}`,
              help: `xl ${context.host.xenVersion} refuses the config (${removed.note.replace(/\.$/, "")}).${instead}`,
            }
          : {
              message: `${shown(written.text)} is refused from Xen ${removed.since} on`,
              help: `${whyAlready ? `${capitalised(whyAlready)}, and from` : "From"} Xen ${removed.since} xl refuses it (${removed.note.replace(/\.$/, "")}). Move to the replacement before upgrading.${instead}`,
            }),
        ...(fix ? { fix } : {}),
      });
    }
    // `tsc_mode = 3` is the same removed mode, written as a (deprecated) number.
    const tsc = optionByKey("tsc_mode");
    const setting = context.setting("tsc_mode");
    const value = stringSetting(context, "tsc_mode");
    if (!tsc || !setting || !value || setting.operator === "+=" || !xlReads(context, tsc)) return;
    if (readXlNumber(value.value).value === 3n) {
      context.report({ range: value.range, message: `\`tsc_mode = ${value.value.trim()}\` is the removed mode \`native_paravirt\``, help: TSC_HELP });
    }
  },
};
