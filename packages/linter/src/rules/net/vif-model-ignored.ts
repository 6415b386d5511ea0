import type { FileRule } from "../../engine/types";
import { capitalised } from "../util/finding-text";
import { vifEntries, vifRange } from "../util/net-vifs";
import { removeItemEdit } from "../util/net-spec";

const base = 'name = "web01"\nkernel = "/boot/vmlinuz"\nmemory = 512\n';

/** `model=` where no emulated card exists: a PV or PVH guest, or an HVM vif with `type=vif`. */
export const vifModelIgnored: FileRule = {
  id: "vif-model-ignored",
  scope: "file",
  severity: "warning",
  category: "guest-type",
  fixable: "unsafe",
  summary: "A vif `model=` that has no effect: the guest is PV or PVH, or the HVM vif has `type=vif`",
  docs: {
    description: [
      "`model=` picks the network card QEMU emulates (`e1000`, `rtl8139`, …). Only an HVM vif of type",
      "`ioemu` (the default on HVM) has an emulated card; a PV or PVH guest, and an HVM vif with",
      "`type=vif`, get a paravirtual interface only, and xl drops the model without a word. A guest whose",
      "drivers need that card will find no network.",
      "",
      "Remove `model=`, or, for an HVM guest that needs the emulated card, remove `type=vif`. The fix removes",
      "it; it is unsafe because xl does record the model in what it hands to libxl.",
    ].join("\n"),
    invalid: [
      { config: `${base}type = "pvh"\nvif = [ "model=e1000,bridge=xenbr0" ]\n`, note: "A PVH guest has no emulated devices." },
      { config: `${base}type = "hvm"\nvif = [ "type=vif,model=e1000,bridge=xenbr0" ]\n` },
    ],
    valid: [{ config: `${base}type = "hvm"\nvif = [ "model=e1000,bridge=xenbr0" ]\n` }],
  },
  check(context) {
    const guest = context.guest.type;
    if (guest === undefined) return;
    for (const entry of vifEntries(context)) {
      const model = entry.vif.model;
      const type = entry.vif.type?.value;
      if (!model) continue;
      // On PV/PVH, `type=ioemu` is refused outright (`vif-ioemu-on-pv`); the model is the least of it.
      const why =
        guest === "hvm"
          ? type === "vif"
            ? "this vif has `type=vif`, which gives an HVM guest a paravirtual interface only"
            : undefined
          : type === "ioemu"
            ? undefined
            : `a ${guest.toUpperCase()} guest has no emulated network card`;
      if (!why) continue;
      const items = entry.vif.tokens.flatMap((t, i) => (t.key === "model" ? [i] : []));
      const only = items.length === 1 ? items[0] : undefined;
      const edit = only === undefined ? undefined : removeItemEdit(entry, only);
      context.report({
        range: vifRange(context, entry, model.span),
        message: `\`model=${model.value}\` has no effect`,
        help: `${capitalised(why)}, so xl ignores the model. Remove it${guest === "hvm" ? ", or drop `type=vif` if the guest needs the emulated card" : ""}.`,
        ...(edit ? { fix: { title: "Remove `model=`", safety: "unsafe" as const, edits: [edit] } } : {}),
      });
    }
  },
};
