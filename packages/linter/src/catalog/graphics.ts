/**
 * Emulated graphics, VNC, SDL and SPICE (§2.6 of the reference, first half).
 * The vnc and sdl keys serve HVM guests, and PV guests that have no `vfb`
 * list (xl then builds a framebuffer from them); PVH gets nothing from them.
 */
import { HVM, PV_HVM, X86, optionsOf } from "./define";
import type { OptionInfo } from "./types";

const option = optionsOf("graphics-devices");

const vga = "xl.cfg(5) › Fully-virtualised (HVM) Guest Specific Options › Emulated VGA Graphics Device";
const spice = "xl.cfg(5) › Fully-virtualised (HVM) Guest Specific Options › Spice Graphics Support";
const hvmOnly = { appliesTo: HVM, readFor: HVM, arch: X86 } as const;
/**
 * Read for every type (PVH included, uselessly), effective for PV and HVM;
 * a PV guest without a `vfb` list reads them only once `vnc` is on.
 */
const display = { appliesTo: PV_HVM, readOnlyWith: { guest: "pv", anyOf: ["vnc"] } } as const;

export const graphicsOptions: readonly OptionInfo[] = [
  option({
    key: "vga",
    kind: "enum",
    ...hvmOnly,
    values: {
      allowed: ["stdvga", "cirrus", "none", "qxl"],
      match: "exact",
      note: "Lower case only. `qxl` needs qemu-xen.",
    },
    default: "cirrus",
    onBadValue: "fatal",
    doc: "The emulated graphics card of an HVM guest: `stdvga` for a modern VGA with high resolutions, `cirrus` for the old Cirrus Logic card, `qxl` for SPICE, or `none`. Any other spelling, upper case included, stops xl. Example: `vga = \"stdvga\"`.",
    man: vga,
  }),
  option({
    key: "stdvga",
    kind: "boolean",
    ...hvmOnly,
    default: "0",
    deprecated: { replacement: "vga", note: "Consulted only when `vga` is absent." },
    doc: "Old switch between the standard VGA card (1) and Cirrus (0), used only when `vga` is not set. Write `vga = \"stdvga\"` instead. Example: `stdvga = 1`.",
    man: vga,
  }),
  option({
    key: "videoram",
    kind: "integer",
    appliesTo: HVM,
    arch: X86,
    unit: "MiB",
    default: "the minimum for the card and device model",
    doc: "Video memory of the emulated card, in MiB. Each card has a floor (16 for stdvga and 8 for cirrus with qemu-xen, 128 for qxl) and libxl refuses less. Example: `videoram = 32`.",
    man: vga,
  }),
  option({
    key: "vnc",
    kind: "boolean",
    appliesTo: PV_HVM,
    default: "1 for HVM; for PV, no framebuffer unless set",
    doc: "Serves the guest's display over VNC. For a PV guest without a `vfb` list, setting it makes xl create a framebuffer and keyboard from the top-level vnc and sdl keys; PVH guests get nothing. Example: `vnc = 1`.",
    man: vga,
  }),
  option({
    key: "vnclisten",
    kind: "string",
    ...display,
    default: "127.0.0.1",
    doc: "Address the VNC server binds to, optionally with `:N` for the display number. An HVM config that puts a display number here and also sets `vncdisplay` is refused. Example: `vnclisten = \"0.0.0.0\"`.",
    man: vga,
  }),
  option({
    key: "vncdisplay",
    kind: "integer",
    ...display,
    doc: "VNC display number; the TCP port is 5900 plus this number. Do not combine it with a display number in `vnclisten`. Example: `vncdisplay = 3`.",
    man: vga,
  }),
  option({
    key: "vncunused",
    kind: "boolean",
    ...display,
    default: "1",
    doc: "Lets the VNC server hunt for a free port instead of insisting on the one `vncdisplay` implies. Example: `vncunused = 0`.",
    man: vga,
  }),
  option({
    key: "vncpasswd",
    kind: "string",
    ...display,
    doc: "Password VNC clients must give; an empty string turns authentication off, which anyone who can reach the port will appreciate. Example: `vncpasswd = \"s3cret\"`.",
    man: vga,
  }),
  option({
    key: "vncviewer",
    kind: "integer",
    status: "warns-and-ignores",
    appliesTo: PV_HVM,
    warnsWhenSet: "xl says it ignores the option and suggests `xl create -V`.",
    doc: "An xm key that started a VNC viewer; xl only warns and ignores it. Use `xl create -V` instead. Example: `vncviewer = 1`.",
    man: "undocumented (read in xl_parse.c)",
  }),
  option({
    key: "sdl",
    kind: "boolean",
    ...display,
    default: "0",
    doc: "Shows the guest's display in an SDL window on the host's X server instead of, or as well as, VNC. Example: `sdl = 1`.",
    man: vga,
  }),
  option({
    key: "opengl",
    kind: "boolean",
    ...display,
    default: "0",
    doc: "Lets the SDL window draw through OpenGL; it only matters with the qemu-xen-traditional device model. Example: `opengl = 1`.",
    man: vga,
  }),
  option({
    key: "display",
    kind: "string",
    ...display,
    doc: "The X display the SDL window opens on. Read by xl although the manual documents it only as a vfb setting. Example: `display = \":0\"`.",
    man: "undocumented (read in xl_parse.c)",
  }),
  option({
    key: "xauthority",
    kind: "string",
    ...display,
    doc: "The X authority file used to open the SDL window. Read by xl although the manual documents it only as a vfb setting. Example: `xauthority = \"/root/.Xauthority\"`.",
    man: "undocumented (read in xl_parse.c)",
  }),
  option({
    key: "keymap",
    kind: "string",
    appliesTo: PV_HVM,
    readFor: PV_HVM,
    readOnlyWith: { guest: "pv", anyOf: ["vnc"] },
    suggestions: [
      "ar", "da", "de", "de-ch", "en-gb", "en-us", "es", "et", "fi", "fo", "fr", "fr-be", "fr-ca", "fr-ch",
      "hr", "hu", "is", "it", "ja", "lt", "lv", "mk", "nl", "nl-be", "no", "pl", "pt", "pt-br", "ru", "sl", "sv", "th", "tr",
    ],
    default: "en-us",
    doc: "Keyboard layout the device model assumes for VNC and SDL input, so that keys arrive as the guest expects; the device model decides which names exist. For PV it counts only when xl builds the framebuffer from the top-level keys. Example: `keymap = \"de\"`.",
    man: vga,
  }),
  option({
    key: "nographic",
    kind: "boolean",
    ...hvmOnly,
    default: "0",
    doc: "Starts the HVM guest with no graphical display at all, which also moves the default serial port to stdio. Example: `nographic = 1`.",
    man: vga,
  }),
  option({
    key: "spice",
    kind: "boolean",
    ...hvmOnly,
    default: "0",
    requires: {
      anyOf: ["spiceport", "spicetls_port"],
      effect: "libxl-fatal",
      note: "libxl refuses SPICE without a port to listen on.",
    },
    doc: "Serves the HVM guest's display over SPICE. It needs `spiceport` or `spicetls_port`, and a `spicepasswd` unless ticketing is disabled, or libxl refuses the guest. Example: `spice = 1`.",
    man: spice,
  }),
  option({
    key: "spicehost",
    kind: "string",
    ...hvmOnly,
    doc: "Address the SPICE server listens on. Example: `spicehost = \"0.0.0.0\"`.",
    man: spice,
  }),
  option({
    key: "spiceport",
    kind: "integer",
    ...hvmOnly,
    doc: "TCP port for plain SPICE connections. Example: `spiceport = 6000`.",
    man: spice,
  }),
  option({
    key: "spicetls_port",
    kind: "integer",
    ...hvmOnly,
    doc: "TCP port for TLS-protected SPICE connections. Example: `spicetls_port = 6001`.",
    man: spice,
  }),
  option({
    key: "spicedisable_ticketing",
    kind: "boolean",
    ...hvmOnly,
    default: "0",
    doc: "Lets SPICE clients connect without a password; otherwise `spicepasswd` must be set. Example: `spicedisable_ticketing = 1`.",
    man: spice,
  }),
  option({
    key: "spicepasswd",
    kind: "string",
    ...hvmOnly,
    doc: "The ticket (password) SPICE clients must present while ticketing is on. Example: `spicepasswd = \"s3cret\"`.",
    man: spice,
  }),
  option({
    key: "spiceagent_mouse",
    kind: "boolean",
    ...hvmOnly,
    default: "1",
    doc: "Lets the SPICE agent in the guest drive the mouse, giving seamless pointer movement. Example: `spiceagent_mouse = 0`.",
    man: spice,
  }),
  option({
    key: "spicevdagent",
    kind: "boolean",
    ...hvmOnly,
    default: "0",
    doc: "Adds the channel the guest's spice-vdagent talks over, needed for clipboard sharing and display resizing. Example: `spicevdagent = 1`.",
    man: spice,
  }),
  option({
    key: "spice_clipboard_sharing",
    kind: "boolean",
    ...hvmOnly,
    default: "0",
    requires: { anyOf: ["spicevdagent"], effect: "silent", note: "Without the vdagent channel nothing carries the clipboard." },
    doc: "Shares the clipboard between the SPICE client and the guest; it works only with `spicevdagent` on. Example: `spice_clipboard_sharing = 1`.",
    man: spice,
  }),
  option({
    key: "spiceusbredirection",
    kind: "integer",
    ...hvmOnly,
    range: { min: 0, max: 4 },
    onOutOfRange: "libxl-fatal",
    default: "0",
    doc: "How many USB devices a SPICE client may redirect into the guest, at most 4; libxl refuses more. Example: `spiceusbredirection = 2`.",
    man: spice,
  }),
  option({
    key: "spice_image_compression",
    kind: "string",
    ...hvmOnly,
    suggestions: ["auto_glz", "auto_lz", "quic", "glz", "lz", "off"],
    default: "the device model's choice",
    doc: "Image compression the SPICE server uses; xl hands the word to the device model without checking it. Example: `spice_image_compression = \"auto_glz\"`.",
    man: spice,
  }),
  option({
    key: "spice_streaming_video",
    kind: "string",
    ...hvmOnly,
    suggestions: ["filter", "all", "off"],
    default: "the device model's choice",
    doc: "Whether SPICE detects video regions and streams them; passed to the device model unchecked. Example: `spice_streaming_video = \"filter\"`.",
    man: spice,
  }),
];
