import { readXlNumber } from "@xlint/parser";
import { allOptions, optionByKey } from "../../catalog";
import type { FileContext, FileRule, Fix } from "../../engine/types";
import { removeStatement, replaceRange } from "../util/edits";
import { altp2mOn } from "../util/guest-settings";
import { keyRange, stringSetting } from "../util/settings";
import { onlyAssignment, rewriteValue, singleAtom } from "../util/values-edits";
import { xlReads } from "../util/values-read";

/** The names of the modes xl still accepts as numbers, by number (libxl's IDL order). */
const MODE_NAMES: Readonly<Record<string, readonly string[]>> = {
  tsc_mode: ["default", "always_emulate", "native", "native_paravirt"],
  timer_mode: ["delay_for_missed_ticks", "no_delay_for_missed_ticks", "no_missed_ticks_pending", "one_missed_tick_pending"],
};

/** `builder` is the guest family's (deprecated-builder). */
const HANDLED_ELSEWHERE: ReadonlySet<string> = new Set(["builder"]);

interface Advice {
  readonly text: string;
  readonly fix: Fix | undefined;
}

/** A fix that rewrites or removes the key's only assignment. */
function rewriteKey(context: FileContext, key: string, replacement: string | undefined): Fix | undefined {
  const setting = context.setting(key);
  const only = setting ? onlyAssignment(setting) : undefined;
  if (!only) return undefined;
  if (replacement === undefined) return { title: `Remove \`${key}\``, safety: "safe", edits: [removeStatement(context.text, only.range)] };
  return { title: `Write \`${replacement}\``, safety: "safe", edits: [replaceRange(only.range, replacement)] };
}

/**
 * What to write instead, for the keys whose replacement says the same
 * thing: `stdvga` is read only without `vga` (1 = stdvga, 0 = cirrus), and
 * libxl turns `altp2mhvm = 1` into the mixed mode only while `altp2m` is off.
 */
function adviceFor(context: FileContext, key: string, on: boolean, replacement: string | undefined): Advice {
  if (key === "stdvga") {
    if (stringSetting(context, "vga")) return { text: "Here `vga` is set too, so xl does not even read it: remove it.", fix: rewriteKey(context, key, undefined) };
    const line = `vga = "${on ? "stdvga" : "cirrus"}"`;
    return { text: `Write \`${line}\` instead.`, fix: rewriteKey(context, key, line) };
  }
  if (key === "altp2mhvm") {
    if (context.setting("altp2m") === undefined) {
      return on
        ? { text: 'Write `altp2m = "mixed"` instead, which is what it turns on.', fix: rewriteKey(context, key, 'altp2m = "mixed"') }
        : { text: "Remove it: alternate p2m is off by default.", fix: rewriteKey(context, key, undefined) };
    }
    if (altp2mOn(context)) return { text: "`altp2m` is set and decides: remove it.", fix: rewriteKey(context, key, undefined) };
  }
  return { text: replacement ? `Use \`${replacement}\` instead.` : "Remove it.", fix: undefined };
}

function reportDeprecatedKeys(context: FileContext): void {
  for (const option of allOptions()) {
    if (!option.deprecated || option.status !== "xl" || HANDLED_ELSEWHERE.has(option.key) || !xlReads(context, option)) continue;
    const setting = context.setting(option.key);
    const value = stringSetting(context, option.key);
    if (!setting || !value || setting.operator === "+=") continue;
    // A value xl cannot read is invalid-number's finding; xl's own warning needs a readable one.
    const number = readXlNumber(value.value).value;
    if (number === undefined) continue;
    const { replacement, note } = option.deprecated;
    const advice = adviceFor(context, option.key, number !== 0n, replacement);
    context.report({
      range: keyRange(setting),
      severity: option.warnsWhenSet !== undefined ? "warning" : "info",
      message: `\`${option.key}\` is deprecated${replacement ? ` in favour of \`${replacement}\`` : ""}`,
      help: `${note} ${advice.text}`,
      ...(advice.fix ? { fix: advice.fix } : {}),
    });
  }
}

function reportNumericModes(context: FileContext): void {
  for (const [key, names] of Object.entries(MODE_NAMES)) {
    const option = optionByKey(key);
    const setting = context.setting(key);
    const value = stringSetting(context, key);
    if (!option || !setting || !value || setting.operator === "+=" || !xlReads(context, option)) continue;
    const type = context.guest.type;
    if (type !== undefined && option.rejectedFor?.includes(type)) continue;
    const number = readXlNumber(value.value).value;
    // Out of range is number-out-of-range's error; tsc_mode 3 is a removed mode (removed-value).
    if (number === undefined || number < 0n || number > 3n || (key === "tsc_mode" && number === 3n)) continue;
    const name = names[Number(number)] as string;
    const edit = rewriteValue(setting.value, name);
    context.report({
      range: value.range,
      message: `\`${key}\` as a number is deprecated; ${number} means \`${name}\``,
      help: `xl prints a warning every time. Write \`${key} = "${name}"\`.`,
      ...(edit ? { fix: { title: `Write \`"${name}"\``, safety: "safe" as const, edits: [edit] } } : {}),
    });
  }
}

/** `bootloader_args` as one string: xl warns, then splits it at blanks. */
function reportStringBootloaderArgs(context: FileContext): void {
  const option = optionByKey("bootloader_args");
  const setting = context.setting("bootloader_args");
  if (!option || !setting || setting.value.kind !== "string" || !xlReads(context, option)) return;
  const words = setting.value.value.split(/[ \t\n]+/).filter((w) => w !== "");
  // An empty string crashes xl: wrong-value-shape reports that.
  if (words.length === 0) return;
  const atom = singleAtom(setting.value);
  const plain = words.every((w) => !/["'\\]/.test(w));
  const fix: Fix | undefined =
    atom && onlyAssignment(setting) && plain
      ? { title: "Write the arguments as a list", safety: "safe", edits: [replaceRange(atom.range, `[ ${words.map((w) => `"${w}"`).join(", ")} ]`)] }
      : undefined;
  context.report({
    range: atom?.range ?? keyRange(setting),
    message: "`bootloader_args` as a single string is deprecated",
    help: `xl prints a warning and splits it at blanks, so an argument cannot contain a space. Write one list item per argument: \`bootloader_args = [ ${words.map((w) => `"${w}"`).slice(0, 3).join(", ")}${words.length > 3 ? ", …" : ""} ]\`.`,
    ...(fix ? { fix } : {}),
  });
}

/** A deprecated key or form of value that still works. */
export const deprecatedOption: FileRule = {
  id: "deprecated-option",
  scope: "file",
  severity: "warning",
  category: "deprecated",
  fixable: "safe",
  summary: "A deprecated key or form of value (`stdvga`, `altp2mhvm`, numeric `tsc_mode`/`timer_mode`, string `bootloader_args`)",
  docs: {
    description: [
      "A few settings still work but have a replacement, and xl prints a warning for most of them every time",
      "the guest starts: `altp2mhvm` (use `altp2m`), `tsc_mode` and `timer_mode` given as numbers (use the",
      "names), and `bootloader_args` given as one string (use a list; the string is split at blanks). These",
      "are warnings. `stdvga` draws no message from xl but is superseded by `vga`; it is a note.",
      "",
      "The fixes write the replacement that xl already treats the same way: the mode's name for its number,",
      "one list item per word of `bootloader_args`, and `vga = \"stdvga\"` (or `\"cirrus\"`) for `stdvga`.",
      "`builder` has a rule of its own (`deprecated-builder`).",
    ].join("\n"),
    invalid: [
      { config: 'name = "win01"\ntype = "hvm"\ntimer_mode = 1\n', note: "`1` means `no_delay_for_missed_ticks`." },
      { config: 'name = "web01"\nbootloader = "pygrub"\nbootloader_args = "--entry=xvda1:/boot/vmlinuz -q"\ndisk = [ "phy:/dev/vg0/web01,xvda,w" ]\n' },
      { config: 'name = "win01"\ntype = "hvm"\nstdvga = 1\n' },
    ],
    valid: [
      {
        config: 'name = "win01"\ntype = "hvm"\ntimer_mode = "no_delay_for_missed_ticks"\ntsc_mode = "default"\nvga = "stdvga"\naltp2m = "mixed"\n',
      },
    ],
  },
  check(context) {
    reportDeprecatedKeys(context);
    reportNumericModes(context);
    reportStringBootloaderArgs(context);
  },
};
