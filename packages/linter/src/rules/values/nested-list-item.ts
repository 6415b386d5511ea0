import type { FileRule, Severity } from "../../engine/types";
import { rangeOfValue, settingRange } from "../util/settings";
import { expectedShape, settingsXlReads } from "../util/values-read";

/**
 * Lists xl reads item by item with an index and refuses when an item is not
 * a string ("Unable to get element …"); the 4.18+ ones are from later
 * releases' xl_parse.c.
 */
const REFUSED_BY_INDEX: ReadonlySet<string> = new Set(["ioports", "irqs", "iomem", "llc_colors", "smbios", "xenstore_quota"]);

/** `mca_caps` compares each item with `strcmp` without checking it, so a nested list crashes xl 4.17. */
const CRASHES: ReadonlySet<string> = new Set(["mca_caps"]);

/**
 * Lists whose items are themselves lists (`vnuma`, `vsnd`) and `viridian`,
 * whose nested items crash xl, are reported by their own rules.
 */
const OWN_RULES: ReadonlySet<string> = new Set(["vnuma", "vsnd", "viridian"]);

/** A list inside a flat list: xl stops reading there, refuses the config, or crashes. */
export const nestedListItem: FileRule = {
  id: "nested-list-item",
  scope: "file",
  severity: "warning",
  category: "suspicious",
  fixable: "none",
  summary: "A list nested inside a flat list: xl silently drops it and every item after it",
  docs: {
    description: [
      "Lists such as `disk`, `vif`, `pci` or `cpus` hold strings. xl walks them item by item and stops at",
      "the first item that is not a string, so a nested list (`[ \"a\", [ \"b\" ], \"c\" ]`) silently",
      "drops that item and every one after it: `\"c\"` is lost too, with no message at all.",
      "",
      "A few lists are read differently: a nested list in `ioports`, `irqs` or `iomem` makes xl refuse the",
      "config, and one in `mca_caps` crashes xl 4.17; both are errors. Write each entry as one quoted",
      "string. (`vnuma` and `vsnd`, whose items are lists, have rules of their own.)",
    ].join("\n"),
    invalid: [
      {
        config: 'name = "web01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\ndisk = [ "phy:/dev/vg0/root,xvda,w", [ "phy:/dev/vg0/data,xvdb,w" ], "phy:/dev/vg0/logs,xvdc,w" ]\n',
        note: "xvdb and xvdc are both dropped.",
      },
      { config: 'name = "web01"\nkernel = "/boot/vmlinuz"\nirqs = [ [ 7 ] ]\n', note: "xl refuses the config." },
    ],
    valid: [{ config: 'name = "web01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\ndisk = [ "phy:/dev/vg0/root,xvda,w", "phy:/dev/vg0/data,xvdb,w" ]\n' }],
  },
  check(context) {
    for (const { setting, option } of settingsXlReads(context)) {
      if (setting.value.kind !== "list" || OWN_RULES.has(option.key) || option.kind === "nested-list") continue;
      // A list for a single-value key is a shape problem, reported once by wrong-value-shape.
      if (expectedShape(option) === "single") continue;
      const items = setting.value.items;
      const index = items.findIndex((item) => item.kind === "list");
      const nested = items[index];
      if (!nested) continue;
      const later = items.length - index - 1;
      const range = rangeOfValue(nested) ?? settingRange(setting);
      const position = `Item ${index + 1} of \`${setting.key}\` is a list inside the list`;
      let severity: Severity = "warning";
      const write = "Write each entry as one quoted string.";
      let help: string;
      if (REFUSED_BY_INDEX.has(option.key)) {
        severity = "error";
        help = `xl cannot read it as a string and refuses the config. ${write}`;
      } else if (CRASHES.has(option.key)) {
        severity = "error";
        help = `xl 4.17 compares it as a string without checking and crashes, so the guest is not created. ${write}`;
      } else {
        const dropped = later === 0 ? "so this item is silently dropped" : `so this item and the ${later} after it are silently dropped`;
        help = `xl stops reading \`${setting.key}\` at the first item that is not a string, ${dropped}. ${write}`;
      }
      context.report({ range, severity, message: position, help });
    }
  },
};
