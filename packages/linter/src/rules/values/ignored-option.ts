import { allOptions, optionByKey, type OptionInfo } from "../../catalog";
import type { FileContext, FileRule, Fix } from "../../engine/types";
import { removeStatement } from "../util/edits";
import { altp2mOn } from "../util/guest-settings";
import { keyRange, numberSetting, stringSetting } from "../util/settings";
import { isNumericKind, xlReads } from "../util/values-read";

/** What xl does with the keys it reads only to warn about them, and what to do instead. */
const INSTEAD: Readonly<Record<string, string>> = {
  device_model:
    "xl prints a warning and runs its own device model instead. Remove it; if a custom QEMU binary is really needed, name it in `device_model_override` and set `device_model_version`.",
  vncviewer: "xl prints a warning and starts no viewer. Remove it, and start the viewer with `xl create -V` instead.",
  vif2: "xl prints a warning that netchannel2 is not supported and creates none of these interfaces. Move them to `vif`.",
};

/** Requirements from the catalog that this rule leaves alone: `spice` without a port is an error of spice-incomplete. */
const NOT_CHECKED: ReadonlySet<string> = new Set(["spice"]);

function removeAll(context: FileContext, key: string): Fix | undefined {
  const setting = context.setting(key);
  if (!setting) return undefined;
  return { title: `Remove \`${key}\``, safety: "safe", edits: setting.assignments.map((a) => removeStatement(context.text, a.range)) };
}

/** Whether xl takes a value from the key: a string it reads, a number it can read (non-zero for a switch). */
function takesEffect(context: FileContext, option: OptionInfo): boolean {
  if (isNumericKind(option.kind)) {
    const value = numberSetting(context, option.key)?.value;
    return value !== undefined && (option.kind !== "boolean" || value !== 0n);
  }
  return stringSetting(context, option.key) !== undefined;
}

/** Whether a companion key switches the feature on. */
function companionOn(context: FileContext, key: string): boolean {
  if (key === "altp2m") return altp2mOn(context);
  const option = optionByKey(key);
  return option ? takesEffect(context, option) : context.setting(key) !== undefined;
}

function orList(keys: readonly string[]): string {
  return keys.map((k) => `\`${k}\``).join(" or ");
}

/** Keys xl reads only to warn about, keys without any effect, and keys whose companion is missing. */
export const ignoredOption: FileRule = {
  id: "ignored-option",
  scope: "file",
  severity: "warning",
  category: "suspicious",
  fixable: "safe",
  summary: "A key xl ignores (with or without a warning) or that has no effect without its companion key",
  docs: {
    description: [
      "Some keys are read only to be dropped: `device_model`, `vncviewer` and `vif2` are xm-era settings xl",
      "warns about and ignores; `slice` and `latency` fed a scheduler Xen removed and change nothing. Others",
      "need a companion: `bios_path_override` without `bios` and `device_model_override` without",
      "`device_model_version` draw a warning from xl, and `pvshim_path` without `pvshim = 1` or",
      "`spice_clipboard_sharing` without `spicevdagent = 1` are silently unused. `msr_relaxed` works, but",
      "xl warns on every start that it will be removed.",
      "",
      "Remove what xl ignores (the fix does, which changes nothing for the guest), or add the companion the",
      "setting needs.",
    ].join("\n"),
    invalid: [
      { config: 'name = "win01"\ntype = "hvm"\ndevice_model = "/usr/lib/xen/bin/qemu-dm"\n', note: "xl warns and uses its own device model." },
      { config: 'name = "win01"\ntype = "hvm"\nbios_path_override = "/usr/share/ovmf/OVMF.fd"\n', note: "xl warns that it does not know which BIOS this is." },
      { config: 'name = "web01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nslice = 10\n' },
    ],
    valid: [{ config: 'name = "win01"\ntype = "hvm"\nbios = "ovmf"\nbios_path_override = "/usr/share/ovmf/OVMF.fd"\n' }],
  },
  check(context) {
    for (const option of allOptions()) {
      const setting = context.setting(option.key);
      if (!setting || !xlReads(context, option)) continue;
      if (option.status === "warns-and-ignores") {
        context.report({
          range: keyRange(setting),
          message: `\`${option.key}\` is a key of the old xm toolstack that xl ignores`,
          help: INSTEAD[option.key] ?? "xl prints a warning and drops it. Remove it.",
          ...withFix(removeAll(context, option.key)),
        });
      } else if (option.noEffect) {
        context.report({
          range: keyRange(setting),
          message: `\`${option.key}\` has no effect, although xl reads it`,
          help: `${option.noEffect} Remove it.`,
          ...withFix(removeAll(context, option.key)),
        });
      } else if (option.key === "msr_relaxed" && option.arch.includes(context.host.arch) && numberSetting(context, option.key)?.value !== undefined) {
        context.report({
          range: keyRange(setting),
          message: "`msr_relaxed` is to be removed: xl warns about it on every start",
          help: "xl asks to report why it was needed. Check whether the guest still needs it, and tell xen-devel if it does.",
        });
      } else if (option.requires && !NOT_CHECKED.has(option.key) && (option.requires.effect === "warning" || option.requires.effect === "silent")) {
        const { anyOf, effect, note } = option.requires;
        if (!takesEffect(context, option) || anyOf.some((key) => companionOn(context, key))) continue;
        context.report({
          range: keyRange(setting),
          message: `\`${option.key}\` needs ${orList(anyOf)}${effect === "warning" ? ", and xl prints a warning without it" : ", and is silently unused without it"}`,
          help: `${note} Set ${orList(anyOf)}, or remove \`${option.key}\`.`,
        });
      }
    }
    spiceRedirectionWithoutSpice(context);
  },
};

function withFix(fix: Fix | undefined): { fix?: Fix } {
  return fix ? { fix } : {};
}

/** libxl turns USB redirection off, with a warning, when SPICE itself is off. */
function spiceRedirectionWithoutSpice(context: FileContext): void {
  const option = optionByKey("spiceusbredirection");
  const setting = context.setting("spiceusbredirection");
  if (!option || !setting || !xlReads(context, option)) return;
  const count = numberSetting(context, "spiceusbredirection")?.value;
  if (count === undefined || count <= 0n || companionOn(context, "spice")) return;
  context.report({
    range: keyRange(setting),
    message: `\`spiceusbredirection = ${count}\` needs \`spice = 1\``,
    help: "Without SPICE, libxl prints a warning and turns USB redirection off. Turn SPICE on, or remove `spiceusbredirection`.",
  });
}
