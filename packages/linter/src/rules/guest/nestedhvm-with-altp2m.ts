import type { FileRule } from "../../engine/types";
import { altp2mKeysOn, boolValue } from "../util/guest-settings";
import { stringSetting } from "../util/settings";

/** Nested virtualisation together with alternate p2m: libxl refuses it. */
export const nestedhvmWithAltp2m: FileRule = {
  id: "nestedhvm-with-altp2m",
  scope: "file",
  severity: "error",
  category: "correctness",
  fixable: "none",
  summary: "`nestedhvm` is on together with `altp2m`/`altp2mhvm`, which libxl refuses",
  docs: {
    description: [
      "Nested virtualisation (`nestedhvm = 1`) and alternate p2m views (`altp2m`, or the deprecated",
      "`altp2mhvm`) cannot be combined: libxl refuses to create such an HVM or PVH guest (\"nestedhvm and",
      "altp2mhvm cannot be used together\").",
      "",
      "Choose one of the two features.",
    ].join("\n"),
    invalid: [{ config: 'name = "lab01"\ntype = "hvm"\nnestedhvm = 1\naltp2m = "mixed"\n' }],
    valid: [{ config: 'name = "lab01"\ntype = "hvm"\nnestedhvm = 1\n' }],
  },
  check(context) {
    const type = context.guest.type;
    if (!type || type === "pv" || boolValue(context, "nestedhvm") !== true) return;
    const keys = altp2mKeysOn(context, type);
    const first = keys[0];
    const nested = stringSetting(context, "nestedhvm");
    if (!first || !nested) return;
    context.report({
      range: nested.range,
      message: `\`nestedhvm\` is on together with \`${first}\``,
      help: 'libxl refuses to create a guest with both nested virtualisation and alternate p2m ("nestedhvm and altp2mhvm cannot be used together"). Turn one of them off.',
    });
  },
};
