import type { FileRule } from "../../engine/types";
import { boolValue, deviceModelOf, longSetting, toCInt } from "../util/guest-settings";
import { keyRange, stringSetting } from "../util/settings";

/** SPICE settings libxl refuses, or drops, for an HVM guest. */
export const spiceIncomplete: FileRule = {
  id: "spice-incomplete",
  scope: "file",
  severity: "error",
  category: "correctness",
  fixable: "none",
  summary: "SPICE is on without a port, or with ticketing on but no password (libxl refuses); or USB redirection is set with SPICE off",
  docs: {
    description: [
      "With `spice = 1`, libxl hands qemu-xen a SPICE server and checks two things first: that it has a",
      "port to listen on (`spiceport` or `spicetls_port`, not 0), and, unless `spicedisable_ticketing = 1`,",
      "a non-empty `spicepasswd`. When either is missing libxl refuses to start the device model and the",
      "guest is not created. (With qemu-xen-traditional or a stub domain these settings are not used.)",
      "",
      "`spiceusbredirection` only works with SPICE on; otherwise libxl prints a warning and drops it, which",
      "this rule reports as a warning.",
    ].join("\n"),
    invalid: [
      { config: 'name = "win01"\ntype = "hvm"\nspice = 1\nspicepasswd = "s3cret"\n', note: "No port." },
      { config: 'name = "win01"\ntype = "hvm"\nspice = 1\nspiceport = 6000\n', note: "Ticketing is on by default, and there is no password." },
      { config: 'name = "win01"\ntype = "hvm"\nspiceusbredirection = 2\n', note: "SPICE is off: the redirection is dropped." },
    ],
    valid: [
      { config: 'name = "win01"\ntype = "hvm"\nspice = 1\nspiceport = 6000\nspicepasswd = "s3cret"\nspiceusbredirection = 2\n' },
      { config: 'name = "win01"\ntype = "hvm"\nspice = 1\nspicetls_port = 6001\nspicedisable_ticketing = 1\n' },
    ],
  },
  check(context) {
    if (context.guest.type !== "hvm") return;
    const spiceSetting = context.setting("spice");
    const spiceOn = boolValue(context, "spice") === true;
    const redirection = longSetting(context, "spiceusbredirection");
    if (!spiceOn) {
      if (redirection && toCInt(redirection.value) > 0n) {
        context.report({
          range: redirection.range,
          message: `\`spiceusbredirection = ${redirection.value}\` needs SPICE, which is off`,
          help: "libxl prints a warning and drops the redirection. Set `spice = 1` (with a port and a password) or remove the line.",
          severity: "warning",
        });
      }
      return;
    }
    const model = deviceModelOf(context);
    // Only qemu-xen run in dom0 gets SPICE options; traditional qemu and stub domains never look at them.
    if (!spiceSetting || model?.model !== "qemu-xen" || boolValue(context, "device_model_stubdomain_override") === true) return;
    const anchor = keyRange(spiceSetting);
    const port = longSetting(context, "spiceport");
    const tlsPort = longSetting(context, "spicetls_port");
    const hasPort = (port !== undefined && toCInt(port.value) !== 0n) || (tlsPort !== undefined && toCInt(tlsPort.value) !== 0n);
    if (!hasPort) {
      context.report({
        range: anchor,
        message: "SPICE is on but has no port",
        help: "libxl refuses to start the device model without `spiceport` or `spicetls_port`, so the guest is not created. Add e.g. `spiceport = 6000`.",
      });
    }
    if (boolValue(context, "spicedisable_ticketing") === true) return;
    const password = stringSetting(context, "spicepasswd");
    if (!password || password.value === "") {
      context.report({
        range: password?.range ?? anchor,
        message: `SPICE ticketing is on but ${password ? "`spicepasswd` is empty" : "there is no `spicepasswd`"}`,
        help: "libxl refuses to start the device model, so the guest is not created. Set a password, or `spicedisable_ticketing = 1` if anyone who reaches the port may connect.",
      });
    }
  },
};
