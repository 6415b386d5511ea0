import type { Range } from "@xlint/parser";
import type { FileContext, FileRule } from "../../engine/types";
import { vifEntries, vifRange, type VifEntry } from "../util/net-vifs";

const base = 'name = "web01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nmemory = 512\n';

interface Numbered {
  readonly entry: VifEntry;
  readonly devid: number;
  /** How the vif came by its devid, for the help. */
  readonly how: string;
  readonly range: Range;
}

/**
 * The devid each vif ends up with. xl gives every vif its position in the
 * list unless `devid=` says otherwise; libxl then renumbers the negative ones
 * from 0 in list order (it means to continue after the highest devid, but
 * compares an int with a size_t, so it always starts at 0).
 */
function numberVifs(context: FileContext, entries: readonly VifEntry[]): Numbered[] {
  let renumbered = 0;
  return entries.map((entry) => {
    const explicit = entry.vif.devid;
    const stored = explicit ? explicit.value : entry.index;
    if (stored < 0) {
      const devid = renumbered++;
      return { entry, devid, how: `its \`devid=\` is negative, so libxl renumbers it to ${devid}`, range: explicit ? vifRange(context, entry, explicit.span) : entry.range };
    }
    if (explicit) return { entry, devid: stored, how: `\`devid=${entry.spec.text.slice(explicit.span.start, explicit.span.end)}\``, range: vifRange(context, entry, explicit.span) };
    return { entry, devid: stored, how: "its position in the list, as it has no `devid=`", range: entry.range };
  });
}

/** Two vifs of one guest that end up with the same devid: libxl refuses the second. */
export const vifDuplicateDevid: FileRule = {
  id: "vif-duplicate-devid",
  scope: "file",
  severity: "error",
  category: "correctness",
  fixable: "none",
  summary: "Two vifs of a guest with the same device number (`devid=`, or the position in the list), so libxl refuses to create the guest",
  docs: {
    description: [
      "Each vif has a device number: its position in the `vif` list (0, 1, …) unless `devid=` sets one.",
      "Two vifs with the same number cannot both exist: libxl adds the first, then stops with \"device",
      "already exists\" and `xl create` fails. xl does not check this while reading the config.",
      "",
      "Numbers from `devid=` are not skipped when the other vifs are numbered: in",
      "`[ \"devid=1,bridge=br0\", \"bridge=br1\", \"bridge=br2\" ]` the third vif also gets 1. Give every vif",
      "a `devid=` of its own, or none at all.",
      "",
      "Where Xen refuses it: libxl_device.c, `libxl__device_add_async` (\"device already exists in xenstore\"), when libxl adds the second vif.",
    ].join("\n"),
    invalid: [
      { config: `${base}vif = [ "devid=1,bridge=xenbr0", "devid=1,bridge=br-dmz" ]\n` },
      { config: `${base}vif = [ "bridge=xenbr0", "devid=0,bridge=br-dmz" ]\n`, note: "The first vif is number 0 by its position." },
    ],
    valid: [{ config: `${base}vif = [ "bridge=xenbr0", "devid=5,bridge=br-dmz" ]\n` }],
  },
  check(context) {
    const all = vifEntries(context);
    // xl stops reading vifs at the first item that is not a string, and a spec it refuses ends everything.
    const entries = all.filter((e, i) => e.index === i);
    if (entries.some((e) => !e.vif.accepted)) return;
    const firstByDevid = new Map<number, Numbered>();
    for (const vif of numberVifs(context, entries)) {
      const first = firstByDevid.get(vif.devid);
      if (!first) {
        firstByDevid.set(vif.devid, vif);
        continue;
      }
      const where = `line ${first.range.start.line + 1}`;
      context.report({
        range: vif.range,
        message: `This vif gets devid ${vif.devid}, like vif ${first.entry.index} at ${where}`,
        help: `Devid of this vif: ${vif.how}; of vif ${first.entry.index}: ${first.how}. libxl adds that one, then refuses this one ("device already exists"), so \`xl create\` fails. Give each vif its own \`devid=\`, or remove them all to number the vifs by position.`,
        related: [{ path: context.path, range: first.range, message: `vif ${first.entry.index} has devid ${vif.devid}` }],
      });
    }
  },
};
