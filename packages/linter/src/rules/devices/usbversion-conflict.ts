import type { FileContext, FileRule, RelatedLocation } from "../../engine/types";
import { lineOf } from "../util/edits";
import { boolValue, longSetting, toCInt } from "../util/guest-settings";
import { keyRange } from "../util/settings";

/** The USB controller settings libxl cannot combine: a versioned controller and the legacy `usb`/`usbdevice` one. */
function legacyUsb(context: FileContext): { key: "usb" | "usbdevice"; range: ReturnType<typeof keyRange> } | undefined {
  const usbdevice = context.setting("usbdevice");
  // Any usbdevice value counts, even an empty list: libxl only asks whether one was given.
  if (usbdevice) return { key: "usbdevice", range: keyRange(usbdevice) };
  const usb = context.setting("usb");
  if (usb && boolValue(context, "usb") === true) return { key: "usb", range: keyRange(usb) };
  return undefined;
}

/** `usbversion` (or SPICE USB redirection) together with `usb` or `usbdevice`. */
export const usbversionConflict: FileRule = {
  id: "usbversion-conflict",
  scope: "file",
  severity: "error",
  category: "correctness",
  fixable: "none",
  summary: "`usbversion` or SPICE USB redirection together with `usb` or `usbdevice`, which libxl refuses",
  docs: {
    description: [
      "An HVM guest gets its emulated USB in one of two ways: the legacy `usb = 1` controller with",
      "`usbdevice` entries (`tablet`, `mouse`), or a versioned controller chosen with `usbversion` (which",
      "SPICE USB redirection also brings in). libxl refuses to create the guest when both are asked for:",
      "a non-zero `usbversion`, or `spiceusbredirection` above 0 with SPICE on, together with `usb = 1` or",
      "any `usbdevice` setting (an empty list included).",
      "",
      "Choose one: drop `usbversion` (and the redirection), or drop `usb` and `usbdevice`; with a versioned",
      "controller, pass devices with `usbctrl`/`usbdev` instead.",
    ].join("\n"),
    invalid: [
      { config: 'name = "win01"\ntype = "hvm"\nusb = 1\nusbdevice = [ "tablet" ]\nusbversion = 3\n' },
      { config: 'name = "win01"\ntype = "hvm"\nspice = 1\nspiceport = 6000\nspicedisable_ticketing = 1\nspiceusbredirection = 2\nusbdevice = "tablet"\n' },
    ],
    valid: [
      { config: 'name = "win01"\ntype = "hvm"\nusb = 1\nusbdevice = [ "tablet" ]\n' },
      { config: 'name = "win01"\ntype = "hvm"\nusbversion = 3\nusbctrl = [ "type=devicemodel,version=3" ]\n' },
    ],
  },
  check(context) {
    if (context.guest.type !== "hvm") return;
    const legacy = legacyUsb(context);
    if (!legacy) return;
    const version = longSetting(context, "usbversion");
    const redirection = longSetting(context, "spiceusbredirection");
    const spiceOn = boolValue(context, "spice") === true;
    // libxl resets a positive redirection count to 0 when SPICE is off, before this check.
    const count = redirection ? toCInt(redirection.value) : 0n;
    const redirects = count !== 0n && (spiceOn || count < 0n);
    const culprit =
      version && toCInt(version.value) !== 0n
        ? { what: `\`usbversion = ${version.value}\``, range: version.range, why: "" }
        : redirects && redirection
          ? { what: `\`spiceusbredirection = ${redirection.value}\``, range: redirection.range, why: "It brings in a USB 2.0 controller. " }
          : undefined;
    if (!culprit) return;
    const related: RelatedLocation[] = [{ path: context.path, range: legacy.range, message: `\`${legacy.key}\` asks for the legacy USB controller` }];
    context.report({
      range: culprit.range,
      message: `${culprit.what} needs a versioned USB controller, \`${legacy.key}\` (${lineOf(legacy.range)}) the legacy one`,
      help: `${culprit.why}libxl refuses to create the guest. Keep one of the two (with a versioned controller, use \`usbctrl\`/\`usbdev\` for devices).`,
      related,
    });
  },
};
