import type { FileRule } from "../../engine/types";
import { removeStatement } from "../util/edits";
import { keyRange, stringSetting } from "../util/settings";

/** `cmdline` together with `root`/`extra`: xl warns and drops the latter. */
export const cmdlineOverridesRootExtra: FileRule = {
  id: "cmdline-overrides-root-extra",
  scope: "file",
  severity: "warning",
  category: "suspicious",
  fixable: "safe",
  summary: "`root` or `extra` is set next to `cmdline`, which replaces them; xl warns and ignores them",
  docs: {
    description: [
      "The kernel command line is either `cmdline`, taken whole, or built from `root` (as `root=...`) and",
      "`extra`. When `cmdline` is set, xl ignores `root` and `extra` and prints a warning, so whatever they",
      "add, a console or a root device, never reaches the kernel.",
      "",
      "Move what is needed into `cmdline` and delete the other keys. The fix deletes them, which is what",
      "xl does already.",
    ].join("\n"),
    invalid: [{ config: 'name = "web01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\ncmdline = "ro quiet"\nroot = "/dev/xvda1"\n', note: "The kernel gets `ro quiet` and no root device." }],
    valid: [{ config: 'name = "web01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\ncmdline = "root=/dev/xvda1 ro quiet"\n' }],
  },
  check(context) {
    const cmdline = stringSetting(context, "cmdline");
    if (!cmdline) return;
    const dropped = ["root", "extra"].filter((key) => stringSetting(context, key));
    const settings = dropped.map((key) => context.setting(key)).filter((s) => s !== undefined);
    const first = settings[0];
    if (!first) return;
    const names = dropped.map((k) => `\`${k}\``).join(" and ");
    context.report({
      range: keyRange(first),
      message: `${names} ${dropped.length === 1 ? "is" : "are"} ignored because \`cmdline\` is set`,
      help: `xl uses \`cmdline\` as the whole kernel command line and warns ("ignoring root= and extra= in favour of cmdline="). Put what you need into \`cmdline\` and delete ${names}.`,
      related: [{ path: context.path, range: cmdline.range, message: "`cmdline` replaces them" }],
      fix: {
        title: `Remove ${names}`,
        safety: "safe",
        edits: settings.flatMap((s) => s.assignments.map((a) => removeStatement(context.text, a.range))),
      },
    });
  },
};
