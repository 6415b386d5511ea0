import type { EvalList, Setting } from "@xlint/parser";
import type { OptionInfo } from "../../catalog";
import type { FileContext, FileRule, Fix, Severity } from "../../engine/types";
import { replaceRange } from "../util/edits";
import { settingRange } from "../util/settings";
import { onlyAssignment, singleAtom } from "../util/values-edits";
import { expectedShape, settingsXlReads } from "../util/values-read";

/** What xl does with the wrong shape, as a clause, and a sentence from the catalog when it adds something. */
function consequence(option: OptionInfo, givenList: boolean): { severity: Severity; text: string; note: string; dropped?: true } {
  if (!givenList && option.topic === "device-lists") {
    // libxlu only warns, but the guest then boots without any of these devices.
    return { severity: "error", text: `xl prints a warning and drops it, so the guest gets no \`${option.key}\` devices at all`, note: "", dropped: true };
  }
  const note = option.onWrongShape?.note ? ` ${option.onWrongShape.note}` : "";
  switch (option.onWrongShape?.effect) {
    case "fatal":
      return { severity: "error", text: "xl refuses the config, so the guest is not created", note };
    case "silent":
      return { severity: "warning", text: "xl skips the key without a word, so its default applies", note };
    default:
      return { severity: "warning", text: "xl prints a warning and ignores the key, so its default applies", note };
  }
}

/** `[ "x" ]` → `"x"`: the single item of a list written once, in place of the brackets. */
function unwrapFix(setting: Setting, list: EvalList): Fix | undefined {
  const source = list.sources.length === 1 ? list.sources[0] : undefined;
  const item = list.items.length === 1 ? list.items[0] : undefined;
  const atom = item ? singleAtom(item) : undefined;
  if (!source || !atom || !onlyAssignment(setting)) return undefined;
  return { title: `Write \`${setting.key}\` as a single value`, safety: "unsafe", edits: [replaceRange(source.range, atom.raw)] };
}

/** `"x"` → `[ "x" ]`, unless the string is empty or holds several arguments at once. */
function wrapFix(setting: Setting, option: OptionInfo): Fix | undefined {
  const atom = singleAtom(setting.value);
  if (!atom || atom.kind !== "string" || !onlyAssignment(setting) || atom.value.trim() === "") return undefined;
  // `device_model_args = "-a -b"` is two arguments; one list item would pass them as one.
  if (option.kind === "string-list" && /\s/.test(atom.value)) return undefined;
  if (option.kind === "nested-list") return undefined;
  return { title: `Put \`${setting.key}\` in a list`, safety: "unsafe", edits: [replaceRange(atom.range, `[ ${atom.raw} ]`)] };
}

/** `bootloader_args = ""`: xl splits the empty string into no words and then crashes on it. */
function emptyBootloaderArgs(context: FileContext, setting: Setting): boolean {
  // xl cuts the string with strtok at spaces, tabs and newlines only.
  if (setting.key !== "bootloader_args" || setting.value.kind !== "string" || !/^[ \t\n]*$/.test(setting.value.value)) return false;
  context.report({
    range: settingRange(setting),
    severity: "error",
    message: "`bootloader_args` is an empty string, on which xl 4.17 crashes",
    help: "xl splits the string into words, finds none and crashes, so the guest is not created. Remove the line, or write the arguments as a list: `bootloader_args = [ \"--entry=...\" ]`.",
  });
  return true;
}

/** A list where xl reads a single value, or a single value where it reads a list. */
export const wrongValueShape: FileRule = {
  id: "wrong-value-shape",
  scope: "file",
  severity: "error",
  category: "correctness",
  fixable: "unsafe",
  summary: "A list where xl reads a single value, or a single value where xl reads a list",
  docs: {
    description: [
      "xl asks for each key in one shape: most keys take a single value (`memory = 2048`), device lists",
      "and argument lists take a list (`disk = [ \"...\" ]`). When the shape is wrong, xl usually prints a",
      "warning and ignores the key as if it were not there; for a few keys it stops instead (`name`,",
      "`mca_caps`, `device_model_args`, the `max_grant_*` limits).",
      "",
      "The worst case is a device list written as a plain string: `disk = \"phy:/dev/vg0/web01,xvda,w\"`",
      "looks right, but xl drops it with a one-line warning and the guest boots without any disk. That is",
      "reported as an error although xl goes on. Keys that xl does not read for this guest type are left",
      "to the guest-type rules, and the deprecated string form of `bootloader_args` to `deprecated-option`.",
      "",
      "One more string is reported here: an empty `bootloader_args = \"\"`, which xl 4.17 splits into no",
      "arguments and then crashes on.",
      "",
      "The fix adds or removes the brackets when the value has exactly one item. It is unsafe: a setting",
      "xl ignored takes effect, and a device it skipped is created (or refused, if its spec is wrong).",
    ].join("\n"),
    invalid: [
      { config: 'name = "web01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\ndisk = "phy:/dev/vg0/web01,xvda,w"\n', note: "No brackets: the guest gets no disk at all." },
      { config: 'name = [ "web01" ]\ntype = "pvh"\nkernel = "/boot/vmlinuz"\n', note: "xl refuses a name given as a list." },
      { config: 'name = "web01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nmemory = [ 2048 ]\n', note: "xl warns and ignores `memory`; the guest gets the default." },
    ],
    valid: [
      { config: 'name = "web01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nmemory = 2048\ndisk = [ "phy:/dev/vg0/web01,xvda,w" ]\ncpus = "2-3"\n', note: "`cpus` takes a string or a list." },
    ],
  },
  check(context) {
    for (const { setting, option } of settingsXlReads(context)) {
      // Keys xl reads only to warn about them have a rule of their own (ignored-option).
      if (emptyBootloaderArgs(context, setting)) continue;
      if (option.status !== "xl" || !option.onWrongShape || option.onWrongShape.effect === "deprecated") continue;
      const shape = expectedShape(option);
      const value = setting.value;
      if (shape === "either" || (shape === "list") === (value.kind === "list")) continue;
      const givenList = value.kind === "list";
      const { severity, text, note, dropped } = consequence(option, givenList);
      const range = settingRange(setting);
      if (givenList) {
        const fix = unwrapFix(setting, value);
        context.report({
          range,
          severity,
          message: `\`${setting.key}\` is written as a list, but xl reads a single value for it`,
          help: `${text}. Write the value without brackets${fix ? "" : `, as in \`${setting.key} = ...\``}.${note}`,
          ...(fix ? { fix } : {}),
        });
      } else {
        const fix = wrapFix(setting, option);
        context.report({
          range,
          severity,
          message: `\`${setting.key}\` is a single value, but xl reads a list for it${dropped ? " and drops it" : ""}`,
          help: `${text}. Put it in brackets: \`${setting.key} = [ ... ]\`.${note}`,
          ...(fix ? { fix } : {}),
        });
      }
    }
  },
};
