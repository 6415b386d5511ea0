import type { EvalValue, Range } from "@xlint/parser";
import { closestValue, damerauLevenshtein, optionByKey } from "../../catalog";
import type { FileRule, Fix } from "../../engine/types";
import { replaceRange } from "../util/edits";
import { capitalised } from "../util/finding-text";
import { rangeOfValue, settingRange } from "../util/settings";

/** libxl 4.17's viridian groups, in its order: the catalog's allowed values. */
const GROUPS: readonly string[] = optionByKey("viridian")?.values?.allowed ?? [];
type Group = string;

/** What `defaults` (or `viridian = 1`) enables in libxl 4.17. */
const DEFAULT_GROUPS: readonly Group[] = ["base", "freq", "time_ref_count", "apic_assist", "crash_ctl", "no_vp_limit", "cpu_hotplug"];

const KEYWORDS: readonly string[] = optionByKey("viridian")?.values?.keywords ?? [];

function groupOf(name: string): Group | undefined {
  const folded = name.toLowerCase();
  return GROUPS.find((g) => g === folded);
}

function closestGroup(name: string): string | undefined {
  const folded = name.toLowerCase();
  const scored = [...GROUPS, ...KEYWORDS].map((g) => ({ g, d: damerauLevenshtein(folded, g) })).sort((a, b) => a.d - b.d);
  const best = scored[0];
  return best && best.d <= 2 ? best.g : undefined;
}

interface Item {
  readonly text: string;
  readonly range: Range;
  /** The item's characters in the file, quotes included, when it is one quoted string. */
  readonly quoted: { readonly quote: string; readonly raw: string } | undefined;
}

function itemOf(value: EvalValue, fallback: Range): Item | undefined {
  if (value.kind !== "string") return undefined;
  const atom = value.parts.length === 1 ? value.parts[0] : undefined;
  return {
    text: value.value,
    range: rangeOfValue(value) ?? fallback,
    quoted: atom?.kind === "string" ? { quote: atom.quote, raw: atom.raw } : undefined,
  };
}

/** `viridian` groups xl does not know, and sets libxl refuses (no `base`, a group both on and off). */
export const viridianInvalid: FileRule = {
  id: "viridian-invalid",
  scope: "file",
  severity: "error",
  category: "correctness",
  fixable: "unsafe",
  summary: "A `viridian` list with an unknown group (xl refuses it) or whose groups leave out `base` (libxl refuses it)",
  docs: {
    description: [
      "As a list, `viridian` names the Hyper-V enlightenment groups an HVM guest gets: `base`, `freq`,",
      "`time_ref_count`, `reference_tsc`, `hcall_remote_tlb_flush`, `apic_assist`, `crash_ctl`, `synic`,",
      "`stimer`, `hcall_ipi`, `ex_processor_masks`, `no_vp_limit`, `cpu_hotplug` (any case), the words `all`",
      "and `defaults` (lower case only), and `!GROUP` to remove a group. xl refuses the config on any other",
      "word, `!all` included. A list inside the list crashes xl.",
      "",
      "libxl then refuses to create the guest when the resulting set is not empty but lacks `base`, which",
      "every other group builds on (`[ \"freq\" ]`, or `[ \"defaults\", \"!base\" ]`), and when a group is",
      "removed before `all` adds it back (`[ \"!stimer\", \"all\" ]`: put `!stimer` after `all`). The fix",
      "lowers the case of `All` and `Defaults` (safe); for a near misspelling of exactly one group",
      "(`time_ref_cnt`) it writes that group, which is unsafe: it guesses the intent.",
    ].join("\n"),
    invalid: [
      { config: 'name = "win01"\ntype = "hvm"\nviridian = [ "base", "time_ref_cnt" ]\n', note: "The group is `time_ref_count`." },
      { config: 'name = "win01"\ntype = "hvm"\nviridian = [ "freq", "stimer" ]\n', note: "No `base`: libxl refuses the guest." },
    ],
    valid: [
      { config: 'name = "win01"\ntype = "hvm"\nviridian = [ "defaults", "stimer", "!hcall_remote_tlb_flush" ]\n' },
      { config: 'name = "win01"\ntype = "hvm"\nviridian = 1\n' },
    ],
  },
  check(context) {
    // xl reads `viridian` for HVM guests only; a plain value is a boolean (the values rules' business).
    if (context.guest.type !== "hvm") return;
    const setting = context.setting("viridian");
    if (!setting || setting.value.kind !== "list") return;
    const whole = settingRange(setting);
    const enabled = new Set<Group>();
    const disabled = new Set<Group>();
    /** Where each group was last removed with `!group`. */
    const removedBeforeAll = new Map<Group, Range>();
    let defaults = false;
    let refused = false;
    for (const value of setting.value.items) {
      if (value.kind === "list") {
        context.report({
          range: rangeOfValue(value) ?? whole,
          message: "This `viridian` item is a list, which xl 4.17 crashes on",
          help: "xl compares a missing string, so the guest is not created. Write each group as a quoted string.",
        });
        refused = true;
        break;
      }
      const item = itemOf(value, whole);
      if (!item) continue;
      if (item.text === "all") {
        // xl sets every enable bit but leaves the disable bits alone.
        for (const g of GROUPS) enabled.add(g);
        continue;
      }
      if (item.text === "defaults") {
        defaults = true;
        continue;
      }
      const negated = item.text.startsWith("!");
      const name = negated ? item.text.slice(1) : item.text;
      const group = groupOf(name);
      if (group) {
        (negated ? disabled : enabled).add(group);
        (negated ? enabled : disabled).delete(group);
        if (negated) removedBeforeAll.set(group, item.range);
        else removedBeforeAll.delete(group);
        continue;
      }
      refused = true;
      const keyword = KEYWORDS.find((k) => k === name.toLowerCase());
      let hint: string;
      let fix: Fix | undefined;
      if (keyword && negated) {
        hint = `\`${keyword}\` cannot be negated; remove the item, or list the groups you want`;
      } else if (keyword) {
        hint = `\`${keyword}\` is recognised only in lower case; write \`${keyword}\``;
        if (item.quoted) fix = { title: `Write \`${keyword}\``, safety: "safe", edits: [replaceRange(item.range, `${item.quoted.quote}${keyword}${item.quoted.quote}`)] };
      } else {
        const near = closestGroup(name);
        hint = near ? `did you mean \`${negated ? "!" : ""}${near}\`?` : "the groups are listed in xl.cfg(5) under `viridian`";
        // A fix only when one group is clearly meant (the keywords cannot be negated).
        const clear = closestValue(name, [...GROUPS, ...KEYWORDS]);
        if (clear !== undefined && clear === near && item.quoted && !(negated && KEYWORDS.includes(clear))) {
          const written = `${negated ? "!" : ""}${clear}`;
          fix = { title: `Write \`${written}\``, safety: "unsafe", edits: [replaceRange(item.range, `${item.quoted.quote}${written}${item.quoted.quote}`)] };
        }
      }
      context.report({
        range: item.range,
        message: `\`${item.text}\` is not a viridian group xl knows`,
        help: `xl refuses the config. ${capitalised(hint)}${hint.endsWith("?") ? "" : "."}`,
        ...(fix ? { fix } : {}),
      });
    }
    if (refused) return;
    // libxl: a group both enabled and disabled is refused; that only happens when `!group` comes before `all`.
    for (const group of GROUPS) {
      const removal = removedBeforeAll.get(group);
      if (enabled.has(group) && disabled.has(group) && removal) {
        context.report({
          range: removal,
          message: `\`!${group}\` comes before \`all\`, which turns \`${group}\` back on`,
          help: `libxl sees \`${group}\` both on and switched off, and refuses to create the guest. Put \`!${group}\` after \`all\`.`,
        });
      }
    }
    const result = new Set<Group>(defaults ? DEFAULT_GROUPS : []);
    for (const g of enabled) result.add(g);
    for (const g of disabled) result.delete(g);
    if (result.size > 0 && !result.has("base")) {
      const shown = [...result].map((g) => `\`${g}\``).join(", ");
      context.report({
        range: rangeOfValue(setting.value) ?? whole,
        message: `These viridian settings enable ${shown} without \`base\`, which every other group needs`,
          help: 'libxl refuses to create the guest. Add `"base"` to the list (or start it with `"defaults"`).',
      });
    }
  },
};
