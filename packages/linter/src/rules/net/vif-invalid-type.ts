import type { FileRule } from "../../engine/types";
import { vifEntries, vifRange } from "../util/net-vifs";
import { problemFinding } from "../util/finding-text";
import { problemsOf, vifEdit } from "../util/net-spec";

const base = 'name = "web01"\nkernel = "/boot/vmlinuz"\nmemory = 512\n';

/** A vif `type=` that is neither `vif` nor `ioemu`: xl warns and keeps the default. */
export const vifInvalidType: FileRule = {
  id: "vif-invalid-type",
  scope: "file",
  severity: "warning",
  category: "suspicious",
  fixable: "unsafe",
  summary: "A vif `type=` other than exactly `vif` or `ioemu`, which xl ignores after a warning",
  docs: {
    description: [
      "A vif's `type=` is `vif` (a paravirtual interface only) or `ioemu` (on HVM, an emulated card as",
      "well, for guests without PV drivers). xl compares the value exactly: `IOEMU`, `ioemu ` (with a",
      "blank) or xm's `netfront` get \"Invalid parameter `type'\" on the console, and the vif keeps the",
      "default type, `ioemu` on HVM and `vif` otherwise.",
      "",
      "Write `type=vif` or `type=ioemu`, or leave it out for the default. The fix rewrites a value that",
      "differs from one of them only in case or blanks, except to `ioemu` on a PV or PVH guest, where",
      "libxl would refuse it (see `vif-ioemu-on-pv`). It is unsafe: xl ignored the value as written, so the",
      "vif's type may change.",
    ].join("\n"),
    invalid: [
      { config: `${base}type = "hvm"\nvif = [ "type=IOEMU,bridge=xenbr0" ]\n`, note: "Case matters." },
      { config: `${base}type = "pv"\nvif = [ "type=netfront,bridge=xenbr0" ]\n` },
    ],
    valid: [{ config: `${base}type = "hvm"\nvif = [ "type=ioemu,model=e1000,bridge=xenbr0" ]\n` }],
  },
  check(context) {
    const guest = context.guest.type;
    for (const entry of vifEntries(context)) {
      for (const problem of problemsOf(entry, ["invalid-type"])) {
        const value = entry.spec.text.slice(problem.span.start, problem.span.end);
        const meant = value.trim().toLowerCase();
        const fixable = (meant === "vif" || (meant === "ioemu" && guest === "hvm")) && meant !== value;
        const edit = fixable ? vifEdit(entry, problem.span, meant) : undefined;
        context.report({
          range: vifRange(context, entry, problem.span),
          ...problemFinding(problem.message),
          ...(edit ? { fix: { title: `Write \`type=${meant}\``, safety: "unsafe" as const, edits: [edit] } } : {}),
        });
      }
    }
  },
};
