import { readXlNumber, xlNumberOptionsFor, type Setting, type SpecProblem } from "@xlint/parser";
import { xlConfOptionByKey, type XlConfOption } from "../../catalog";
import { closestKeys, closestValue } from "../../catalog/suggest";
import { compareXenVersions } from "../../engine/host";
import type { FileContext, FileRule, Fix } from "../../engine/types";
import { capitalised } from "../util/finding-text";
import { keyRange, settingRange, stringSetting } from "../util/settings";
import { rewriteValue } from "../util/values-edits";
import { listOfValues } from "../util/values-enums";
import { shown } from "../util/values-read";
import { checkCpuMasks } from "./xl-conf-cpumask";
import { defaultClause, EVERY_COMMAND, readerOf } from "./xl-conf-reading";

/** What the exiting grant limits cost: xl reads them before any command runs. */
const EXITS = "xl then exits at the start of every command without printing anything, so no xl command works";

/** Words people write for on/off that xl's numbers and enums do not take. */
const TRUE_WORDS = /^(yes|true|on|enabled?)$/i;
const FALSE_WORDS = /^(no|false|off|disabled?)$/i;

function reportList(context: FileContext, setting: Setting, option: XlConfOption, exits: boolean): void {
  context.report({
    range: settingRange(setting),
    severity: exits ? "error" : "warning",
    message: `\`${setting.key}\` must be a single ${exits ? "number" : "value"}, not a list`,
    help: exits ? `${capitalised(EXITS)}.` : `${capitalised(EVERY_COMMAND)} and ignores it, so ${defaultClause(option)}.`,
  });
}

/** What went wrong with a number, in words, from the parser's problem code. */
function numberTrouble(text: string, problem: SpecProblem): string {
  switch (problem.code) {
    case "append-to-number":
      return "is set with `+=`, which xl refuses for numbers";
    case "number-out-of-range":
      return `is ${shown(text)}, which does not fit in a C long`;
    case "number-below-minimum":
    case "number-above-maximum":
      return `is ${shown(text)}, outside the 0 to 2147483647 that xl accepts`;
    default: {
      const hint = TRUE_WORDS.test(text.trim()) || FALSE_WORDS.test(text.trim()) ? " (xl wants the numbers 1 and 0)" : "";
      return `is ${shown(text)}, which is not a number xl can read${hint}`;
    }
  }
}

function checkNumber(context: FileContext, setting: Setting, option: XlConfOption, exits: boolean): void {
  const value = stringSetting(context, setting.key);
  if (!value) return;
  const read = readXlNumber(value.value, xlNumberOptionsFor(setting.key, setting.operator));
  const problem = read.value === undefined ? read.problems[0] : undefined;
  if (!problem) return;
  const word = value.value.trim();
  const meant = option.kind === "boolean" ? (TRUE_WORDS.test(word) ? "1" : FALSE_WORDS.test(word) ? "0" : undefined) : undefined;
  const edit = meant !== undefined && setting.operator === "=" ? rewriteValue(setting.value, meant, true) : undefined;
  // Unsafe: xl ignored the word and kept the default, so writing the number changes what xl does.
  const fix: Fix | undefined = edit ? { title: `Write \`${meant}\``, safety: "unsafe", edits: [edit] } : undefined;
  context.report({
    range: problem.code === "append-to-number" ? keyRange(setting) : value.range,
    severity: exits ? "error" : "warning",
    message: `\`${setting.key}\` ${numberTrouble(value.value, problem)}`,
    help: exits
      ? `${capitalised(EXITS)}.`
      : `${capitalised(EVERY_COMMAND)} and ignores it, so ${defaultClause(option)}.${meant !== undefined ? ` Write \`${meant}\`.` : ""}`,
    ...(fix ? { fix } : {}),
  });
}

/** The value the author meant: the same word in another case, an on/off word, or a near spelling (not certain). */
function enumSuggestion(text: string, documented: readonly string[]): { value: string; certain: boolean; clear?: boolean } | undefined {
  const word = text.trim();
  const folded = documented.find((d) => d.toLowerCase() === word.toLowerCase());
  if (folded !== undefined) return { value: folded, certain: true };
  if (documented.includes("on") && TRUE_WORDS.test(word)) return { value: "on", certain: true };
  if (documented.includes("off") && FALSE_WORDS.test(word)) return { value: "off", certain: true };
  const [near] = closestKeys(word, documented, 1);
  // A near spelling is worth a fix only when no other value is as near.
  return near === undefined ? undefined : { value: near, certain: false, clear: closestValue(word, documented) === near };
}

/**
 * xm's S-expressions have no form for PVH guests: with `sxp`, every command
 * that prints a PVH guest's config (`xl list -l`, `xl create -n`, `xl -v
 * create`) stops with "Unknown domain type" (xl_sxp.c, 4.17 to 4.22).
 */
function checkOutputFormat(context: FileContext, setting: Setting): void {
  const value = stringSetting(context, setting.key);
  if (value?.value !== "sxp") return;
  context.report({
    range: value.range,
    severity: "info",
    message: "`sxp` output has no form for PVH guests",
    help: '`xl list -l`, `xl create -n` and `xl -v create` stop with "Unknown domain type" on them. Keep `json` unless a tool needs xm\'s format and you run no PVH guests.',
  });
}

function checkEnum(context: FileContext, setting: Setting, option: XlConfOption, accepted: readonly string[], documented: readonly string[]): void {
  const value = stringSetting(context, setting.key);
  if (value && setting.key === "output_format") checkOutputFormat(context, setting);
  if (!value || accepted.includes(value.value)) return;
  const suggestion = enumSuggestion(value.value, documented);
  const edit = suggestion?.certain || suggestion?.clear ? rewriteValue(setting.value, suggestion.value) : undefined;
  const advice = suggestion ? `Did you mean \`${suggestion.value}\`?` : `Use ${listOfValues(documented)}.`;
  context.report({
    range: value.range,
    message: `${shown(value.value)} is not a value xl accepts for \`${setting.key}\``,
    help: `It takes ${listOfValues(documented)}, exactly as written. ${capitalised(EVERY_COMMAND)} and ${defaultClause(option)}. ${advice}`,
    // Unsafe for the same reason: the value xl ignored then takes effect.
    ...(edit && suggestion ? { fix: { title: `Write \`${suggestion.value}\``, safety: "unsafe" as const, edits: [edit] } } : {}),
  });
}

/** An xl.conf value xl cannot use: a word it does not take, a bad number, a bad CPU mask, a list. */
export const xlConfInvalidValue: FileRule = {
  id: "xl-conf-invalid-value",
  scope: "file",
  kinds: ["xl-conf"],
  severity: "warning",
  category: "correctness",
  fixable: "unsafe",
  summary: "An xl.conf value xl cannot use, so the default stays (or, for the grant limits and CPU masks, xl stops)",
  docs: {
    description: [
      "xl reads `/etc/xen/xl.conf` at the start of **every** command, and how it copes with a bad value",
      "depends on the key:",
      "",
      "- `autoballoon` (`on`, `off`, `auto`, `1`, `0`), `output_format` (`json`, `sxp`) and `domid_policy`",
      "  (`xen`, `random`) are compared exactly as written: `On` or `yes` draws a complaint on every command",
      "  and the default stays.",
      "- `run_hotplug_scripts`, `claim_mode` and `bootloader_restrict` are numbers: `yes` is not one, so xl",
      "  warns and keeps the default.",
      "- `max_grant_frames`, `max_maptrack_frames` and `max_grant_version` must be numbers from 0 to",
      "  2147483647; anything else (a word, `-1`, a list) makes **every** xl command exit at once without a",
      "  message. These are errors.",
      "- `vm.cpumask`, `vm.hvm.cpumask` and `vm.pv.cpumask` are CPU lists like a guest's `cpus`. xl stops",
      "  reading at the first bad element and keeps what came before; when the mask ends up with no CPU,",
      "  `xl create` refuses every guest it covers. That is an error; a mask merely cut short is a warning.",
      "  When the host profile gives the host's CPUs (`host.cpus`, `host.numaNodes`), the mask is also",
      "  resolved against them: `16-31` on an 8-CPU host selects nothing. `vm.cpumask` and a type's mask",
      "  that share no CPU (`4-7` and `0-3`) refuse every guest of that type too.",
      "- A list where one value belongs is warned about and ignored (for the grant limits: xl exits).",
      "- `output_format = \"sxp\"` works, but xm's format has no form for PVH guests: `xl list -l` and",
      "  `xl create -n` stop on them. This is a note.",
      "",
      "The fix rewrites a value when the meaning is unmistakable: `On` → `on`, `yes` → `1` for a number. It",
      "is unsafe all the same, since the setting xl ignored then takes effect.",
    ].join("\n"),
    invalid: [
      { kind: "xl-conf", config: 'autoballoon = "yes"\n', note: 'Only `on`, `off`, `auto`, `1` and `0` are understood; this stays `auto`.' },
      { kind: "xl-conf", config: 'max_grant_frames = "64k"\n', note: "No xl command works with this file." },
      { kind: "xl-conf", config: 'vm.cpumask = "0x0f"\n', note: "CPU lists are decimal; every guest is refused." },
    ],
    valid: [
      {
        kind: "xl-conf",
        config: 'autoballoon = "off"\nclaim_mode = 1\nmax_grant_frames = 64\nvm.cpumask = "2-15"\noutput_format = "json"\n',
      },
    ],
  },
  check(context) {
    for (const setting of context.evaluation.settings.values()) {
      const option = xlConfOptionByKey(setting.key);
      // Keys of a later release are xl-conf-unknown-key's: this xl does not read them at all.
      if (!option || (option.since !== undefined && compareXenVersions(context.host.xenVersion, option.since) < 0)) continue;
      const reader = readerOf(option);
      if (setting.value.kind === "list") {
        reportList(context, setting, option, reader.kind === "number" && reader.exits);
        continue;
      }
      if (reader.kind === "number") checkNumber(context, setting, option, reader.exits);
      else if (reader.kind === "enum") checkEnum(context, setting, option, reader.accepted, reader.documented);
    }
    // The masks are judged together: xl applies `vm.cpumask` and the type's mask one after the other.
    for (const report of checkCpuMasks(context)) context.report(report);
  },
};
