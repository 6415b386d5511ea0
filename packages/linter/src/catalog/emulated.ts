/** Emulated serial, USB, sound and PCI platform devices (§2.6 of the reference, second half). */
import { HVM, X86, optionsOf } from "./define";
import type { OptionInfo } from "./types";

const option = optionsOf("graphics-devices");

const misc = "xl.cfg(5) › Fully-virtualised (HVM) Guest Specific Options › Miscellaneous Emulated Hardware";
const pvOnHvm = "xl.cfg(5) › Fully-virtualised (HVM) Guest Specific Options › Support for Paravirtualisation of HVM Guests";
const hvmOnly = { appliesTo: HVM, readFor: HVM, arch: X86 } as const;

export const emulatedDeviceOptions: readonly OptionInfo[] = [
  option({
    key: "gfx_passthru",
    kind: "boolean-or-enum",
    ...hvmOnly,
    values: {
      allowed: ["default", "igd"],
      match: "case-insensitive",
      note: "A number is a plain on/off switch; a name also switches it on and picks the kind.",
    },
    default: "0",
    onBadValue: "fatal",
    doc: "Passes the host's graphics card through as the guest's primary display; 1 lets libxl work out the kind, `igd` forces Intel integrated graphics handling. Any other word stops xl. Example: `gfx_passthru = \"igd\"`.",
    man: "xl.cfg(5) › Devices",
  }),
  option({
    key: "serial",
    kind: "string-or-list",
    ...hvmOnly,
    suggestions: ["pty", "vc", "stdio", "none", "/dev/ttyS0", "file:/var/log/xen/guest-serial.log", "tcp:127.0.0.1:4555,server,nowait"],
    default: "vc, or stdio with nographic",
    onBadValue: "silent",
    doc: "Emulated serial ports of the HVM guest in the device model's syntax: a single string for one port, or a list for several. xl passes the text on unchecked. Example: `serial = \"pty\"`.",
    man: misc,
  }),
  option({
    key: "usb",
    kind: "boolean",
    ...hvmOnly,
    default: "0",
    doc: "Adds the emulated USB 1.1 controller that `usbdevice` entries attach to. It cannot be combined with `usbversion`. Example: `usb = 1`.",
    man: misc,
  }),
  option({
    key: "usbversion",
    kind: "integer",
    ...hvmOnly,
    range: { min: 0, max: 3 },
    onOutOfRange: "libxl-fatal",
    default: "0 (no controller)",
    doc: "Adds an emulated USB controller of version 1, 2 or 3 for redirected devices. libxl refuses it alongside `usb` or `usbdevice`. Example: `usbversion = 3`.",
    man: misc,
  }),
  option({
    key: "usbdevice",
    kind: "string-or-list",
    ...hvmOnly,
    suggestions: ["tablet", "mouse"],
    onBadValue: "silent",
    doc: "Emulated USB devices for the HVM guest, such as `tablet` for an absolute pointer that keeps a VNC mouse in step; libxl adds the emulated USB controller for them, so `usb = 1` is not needed. One string or a list both work. Example: `usbdevice = [ \"tablet\" ]`.",
    man: misc,
  }),
  option({
    key: "vkb_device",
    kind: "boolean",
    ...hvmOnly,
    default: "1",
    doc: "Gives the HVM guest a PV keyboard and mouse besides the emulated ones; turn it off to leave the guest with only the emulated ones. Example: `vkb_device = 0`.",
    man: misc,
  }),
  option({
    key: "soundhw",
    kind: "enum",
    ...hvmOnly,
    values: { allowed: ["ac97", "adlib", "cs4231a", "es1370", "gus", "hda", "sb16"], match: "case-insensitive" },
    onBadValue: "libxl-fatal",
    doc: "Adds an emulated sound card to the HVM guest; `hda` suits current systems and `ac97` older ones. xl takes any word, but libxl refuses unknown cards when it starts qemu-xen. Example: `soundhw = \"hda\"`.",
    man: misc,
  }),
  option({
    key: "xen_platform_pci",
    kind: "boolean",
    ...hvmOnly,
    default: "1",
    doc: "Adds the Xen platform PCI device through which an HVM guest finds its PV drivers; without it the guest is stuck with emulated disks and NICs. Example: `xen_platform_pci = 1`.",
    man: pvOnHvm,
  }),
  option({
    key: "vendor_device",
    kind: "enum",
    ...hvmOnly,
    values: { allowed: ["none", "xenserver"], match: "case-insensitive" },
    default: "none",
    onBadValue: "fatal",
    doc: "Adds a vendor-specific PCI device; `xenserver` lets Windows install the XenServer PV drivers through Windows Update. Any other word stops xl. Example: `vendor_device = \"xenserver\"`.",
    man: misc,
  }),
  option({
    key: "hdtype",
    kind: "enum",
    ...hvmOnly,
    values: { allowed: ["ide", "ahci"], match: "case-insensitive" },
    default: "ide",
    onBadValue: "fatal",
    doc: "Which controller the HVM guest's emulated disks hang off: `ide`, or `ahci` (SATA), which recent guests drive more efficiently. Any other word stops xl. Example: `hdtype = \"ahci\"`.",
    man: "xl.cfg(5) › Fully-virtualised (HVM) Guest Specific Options › Emulated disk controller type",
  }),
  option({
    key: "dm_restrict",
    kind: "boolean",
    default: "0",
    doc: "Runs the device model deprivileged, limiting what a compromised QEMU can reach; pair it with a `device_model_user` of its own for each guest. Example: `dm_restrict = 1`.",
    man: "xl.cfg(5) › Devices",
  }),
];
