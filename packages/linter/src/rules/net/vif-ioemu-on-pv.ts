import { fileOffsetOf } from "@xlint/parser";
import type { FileRule, TextEdit } from "../../engine/types";
import { vifEntries, vifRange } from "../util/net-vifs";

const base = 'name = "web01"\nkernel = "/boot/vmlinuz"\nmemory = 512\nvcpus = 1\n';

/** An emulated NIC asked for on a guest with no device model. */
export const vifIoemuOnPv: FileRule = {
  id: "vif-ioemu-on-pv",
  scope: "file",
  severity: "error",
  category: "guest-type",
  fixable: "unsafe",
  summary: "A vif asks for an emulated NIC (`type=ioemu`) on a PV or PVH guest, which libxl refuses",
  docs: {
    description: [
      "`type=ioemu` asks qemu to emulate a network card next to the PV interface. Only HVM guests have such",
      "a device model, so for a PV or PVH guest libxl refuses to create the domain (\"trying to create PV",
      "or PVH guest with an emulated interface\"). xl's parser accepts the line, so the error only shows up",
      "at `xl create`. Remove `type=ioemu` (PV guests get `type=vif`, the default), or make the guest HVM.",
      "The fix removes it; it is unsafe because it changes the interface type xl records.",
    ].join("\n"),
    invalid: [{ config: `${base}type = "pvh"\nvif = [ "mac=00:16:3e:00:00:01,type=ioemu,bridge=xenbr0" ]\n` }],
    valid: [
      { config: `${base}type = "pvh"\nvif = [ "mac=00:16:3e:00:00:01,bridge=xenbr0" ]\n` },
      { config: 'name = "win01"\ntype = "hvm"\nmemory = 4096\nvcpus = 2\nvif = [ "mac=00:16:3e:00:00:01,type=ioemu,model=e1000,bridge=xenbr0" ]\n' },
    ],
  },
  check(context) {
    const type = context.guest.type;
    if (type !== "pv" && type !== "pvh") return;
    const from = context.guest.source === "default" ? "the default guest type" : `set by \`${context.guest.source}\``;
    for (const entry of vifEntries(context)) {
      const field = entry.vif.type;
      if (field?.value !== "ioemu") continue;
      const token = entry.vif.tokens.find((t) => t.span.start <= field.span.start && field.span.end <= t.span.end);
      context.report({
        range: vifRange(context, entry, field.span),
        message: `\`type=ioemu\` asks for an emulated NIC, but this guest is ${type.toUpperCase()}, with no device model`,
        help: `The guest type is ${type.toUpperCase()} (${from}). libxl refuses to create the guest. Remove \`type=ioemu\`, or make the guest HVM.`,
        ...(token ? { fix: { title: "Remove `type=ioemu`", safety: "unsafe" as const, edits: [removeToken(entry, token.span)] } } : {}),
      });
    }
  },
};

/** Removes one comma-separated item of the vif string, with one comma. */
function removeToken(entry: Parameters<typeof vifRange>[1], span: { start: number; end: number }): TextEdit {
  const text = entry.spec.text;
  let start = span.start;
  let end = span.end;
  if (text[end] === ",") end++;
  else if (start > 0 && text[start - 1] === ",") start--;
  return { start: fileOffsetOf(entry.spec, start), end: fileOffsetOf(entry.spec, end), newText: "" };
}
