/**
 * Device-model keys (§2.7 of the reference): read for every guest type,
 * used by HVM guests and by PV guests whose framebuffer or disks QEMU backs.
 */
import { HVM, PV, PV_HVM, optionsOf } from "./define";
import type { OptionInfo } from "./types";

const option = optionsOf("device-model");

const dm = "xl.cfg(5) › Device-Model Options";
const argsMustBeList: { effect: "fatal"; note: string } = {
  effect: "fatal",
  note: "A single string is not split into arguments: xl stops because it cannot read the list.",
};

export const deviceModelOptions: readonly OptionInfo[] = [
  option({
    key: "device_model_version",
    kind: "enum",
    appliesTo: PV_HVM,
    values: { allowed: ["qemu-xen", "qemu-xen-traditional"], match: "exact" },
    removedValues: [{ value: "qemu-xen-traditional", since: "4.21", note: "Xen 4.21 and later accept only qemu-xen." }],
    default: "qemu-xen; Xen 4.17 switches to qemu-xen-traditional when a stubdomain is requested",
    onBadValue: "fatal",
    doc: "Which QEMU serves the guest: `qemu-xen` (upstream QEMU) or the old `qemu-xen-traditional`, which Xen 4.21 stopped accepting. Only these lower-case spellings pass; the QEMU_XEN form seen in Xen's SUPPORT.md is refused. Example: `device_model_version = \"qemu-xen\"`.",
    man: dm,
  }),
  option({
    key: "device_model_override",
    kind: "string",
    appliesTo: PV_HVM,
    requires: {
      anyOf: ["device_model_version"],
      effect: "warning",
      note: "Without `device_model_version`, xl warns that it cannot tell which kind of QEMU the binary is.",
    },
    doc: "Path of a QEMU binary to run instead of the packaged one. Set `device_model_version` too, or xl warns that it cannot tell which kind of QEMU it is. Example: `device_model_override = \"/usr/local/bin/qemu-system-i386\"`.",
    man: dm,
  }),
  option({
    key: "device_model",
    kind: "string",
    status: "warns-and-ignores",
    appliesTo: PV_HVM,
    onBadValue: "warning",
    warnsWhenSet: "xl says it ignores the directive and points to device_model_override.",
    doc: "An xm key naming the old qemu-dm binary; xl warns and ignores it. Delete it, or use `device_model_override` if a custom QEMU is really needed. Example: `device_model = \"/usr/lib/xen/bin/qemu-dm\"`.",
    man: "undocumented (read in xl_parse.c)",
  }),
  option({
    key: "device_model_stubdomain_override",
    kind: "boolean",
    appliesTo: HVM,
    default: "0",
    doc: "Runs the HVM guest's device model in a separate stub domain instead of dom0, which isolates QEMU from the host. Example: `device_model_stubdomain_override = 1`.",
    man: dm,
  }),
  option({
    key: "device_model_stubdomain_seclabel",
    kind: "string",
    appliesTo: HVM,
    onBadValue: "libxl-fatal",
    doc: "The XSM/FLASK label of the device-model stub domain. Example: `device_model_stubdomain_seclabel = \"system_u:system_r:dm_dom_t\"`.",
    man: dm,
  }),
  option({
    key: "device_model_user",
    kind: "string",
    appliesTo: PV_HVM,
    doc: "The host user a restricted device model runs as (see `dm_restrict`); give every guest its own user so that two QEMUs cannot touch each other. Example: `device_model_user = \"xen-qemuuser-web01\"`.",
    man: "xl.cfg(5) › Devices",
  }),
  option({
    key: "stubdomain_kernel",
    kind: "string",
    appliesTo: HVM,
    default: "the stub domain kernel in Xen's firmware directory",
    doc: "Kernel image of the device-model stub domain, when the packaged one is not wanted. Example: `stubdomain_kernel = \"/usr/lib/xen/boot/ioemu-stubdom.gz\"`.",
    man: dm,
  }),
  option({
    key: "stubdomain_ramdisk",
    kind: "string",
    appliesTo: HVM,
    default: "the stub domain ramdisk in Xen's firmware directory",
    doc: "Initial ramdisk of a Linux-based device-model stub domain. Example: `stubdomain_ramdisk = \"/usr/lib/xen/boot/dm-initrd\"`.",
    man: dm,
  }),
  option({
    key: "stubdomain_cmdline",
    kind: "string",
    appliesTo: HVM,
    doc: "Kernel command line of the device-model stub domain. Example: `stubdomain_cmdline = \"console=hvc0\"`.",
    man: dm,
  }),
  option({
    key: "stubdomain_memory",
    kind: "integer",
    appliesTo: HVM,
    unit: "MiB",
    default: "128 for a Linux stub domain, 28 for MiniOS",
    doc: "RAM of the device-model stub domain, in MiB. Example: `stubdomain_memory = 256`.",
    man: dm,
  }),
  option({
    key: "device_model_args",
    kind: "string-list",
    appliesTo: PV_HVM,
    onBadValue: "silent",
    onWrongShape: argsMustBeList,
    doc: "Extra command-line arguments appended to QEMU for any guest type, one list item per argument. A plain string makes xl stop. Example: `device_model_args = [ \"-d\", \"guest_errors\" ]`.",
    man: dm,
  }),
  option({
    key: "device_model_args_pv",
    kind: "string-list",
    appliesTo: PV,
    onBadValue: "silent",
    onWrongShape: argsMustBeList,
    doc: "Extra QEMU arguments used only for PV guests; must be a list, as a string stops xl. Example: `device_model_args_pv = [ \"-nodefaults\" ]`.",
    man: dm,
  }),
  option({
    key: "device_model_args_hvm",
    kind: "string-list",
    appliesTo: HVM,
    onBadValue: "silent",
    onWrongShape: argsMustBeList,
    doc: "Extra QEMU arguments used only for HVM guests; must be a list, as a string stops xl. Example: `device_model_args_hvm = [ \"-monitor\", \"pty\" ]`.",
    man: dm,
  }),
];
