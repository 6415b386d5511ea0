/** Identity, guest type and whole-domain switches (§2.1 of the reference). */
import { PVH_HVM, optionsOf } from "./define";
import type { OptionInfo } from "./types";

const option = optionsOf("identity");

export const identityOptions: readonly OptionInfo[] = [
  option({
    key: "name",
    kind: "string",
    default: "none: the key is required",
    onWrongShape: { effect: "fatal", note: "A list, like a missing name, stops xl with a complaint that the name must be given." },
    doc: "The domain's name, the one thing every config must set; xl refuses a file without it. Keep it unique on the host and avoid all-digit names, which xl commands mistake for domain ids. Example: `name = \"web01\"`.",
    man: "xl.cfg(5) › Mandatory Configuration Items",
  }),
  option({
    key: "type",
    kind: "enum",
    values: {
      allowed: ["hvm", "pv", "pvh"],
      match: "prefix",
      note: "xl compares only as many letters as the value has, trying hvm, then pv, then pvh: `h` means hvm, `p` means pv and even an empty string means hvm. Upper case is refused.",
    },
    default: "pv on x86, pvh on Arm",
    onBadValue: "fatal",
    onWrongShape: { effect: "warning", note: "The list is ignored, so the guest silently gets the default type." },
    doc: "Chooses how the guest is virtualised: `pv` (paravirtualised kernel), `pvh` (PV kernel in a lightweight HVM container) or `hvm` (full emulation with firmware). Without it, x86 builds a PV guest and Arm a PVH one. Example: `type = \"pvh\"`.",
    man: "xl.cfg(5) › Selecting Guest Type",
  }),
  option({
    key: "builder",
    kind: "enum",
    values: {
      allowed: ["hvm", "generic"],
      match: "prefix",
      note: "`generic` means PV. xm's `linux` is refused, and a value that contradicts `type` stops xl.",
    },
    default: "unset; `type` decides",
    deprecated: { since: "4.10", replacement: "type", note: "The old way to pick the guest type; xl still honours it." },
    onBadValue: "fatal",
    onWrongShape: { effect: "warning", note: "The list is ignored, so the guest silently gets the default type." },
    doc: "Old spelling of the guest type: `generic` for PV, `hvm` for HVM. Prefer `type`; if both are set they must agree, and xm's `builder = \"linux\"` is refused outright. Example: `builder = \"hvm\"`.",
    man: "xl.cfg(5) › Selecting Guest Type › Deprecated guest type selection",
  }),
  option({
    key: "uuid",
    kind: "spec",
    spec: "uuid",
    default: "a new random UUID each time the domain is created",
    onBadValue: "fatal",
    doc: "Fixes the domain's UUID instead of drawing a random one at every start, which matters for licensing and management tools. It must be 36 characters in the 8-4-4-4-12 hexadecimal layout, or xl stops. Example: `uuid = \"3c9e1a52-6f0b-4d8e-9a47-0d2b5c71e8f4\"`.",
    man: "xl.cfg(5) › General Options › Other Options",
  }),
  option({
    key: "seclabel",
    kind: "string",
    onBadValue: "libxl-fatal",
    doc: "The XSM/FLASK security label the domain runs with; with `init_seclabel` also set, this becomes the label it switches to after being built. A label the policy does not know makes domain creation fail. Example: `seclabel = \"system_u:system_r:domU_t\"`.",
    man: "xl.cfg(5) › General Options › Other Options",
  }),
  option({
    key: "init_seclabel",
    kind: "string",
    onBadValue: "libxl-fatal",
    doc: "An XSM/FLASK label used only while the domain is being built; `seclabel` then names the label it keeps. Useful when the running label must be more restricted than the one needed to set the guest up. Example: `init_seclabel = \"system_u:system_r:domU_t_building\"`.",
    man: "xl.cfg(5) › General Options › Other Options",
  }),
  option({
    key: "pool",
    kind: "string",
    default: "Pool-0",
    onBadValue: "libxl-fatal",
    doc: "Puts the domain in the named CPU pool, so it only runs on that pool's CPUs under that pool's scheduler. libxl refuses to create the domain if no pool has this name. Example: `pool = \"Pool-0\"`.",
    man: "xl.cfg(5) › General Options › CPU Allocation",
  }),
  option({
    key: "driver_domain",
    kind: "boolean",
    default: "0",
    doc: "Marks the guest as a driver domain that will serve backends (network or disk) for other guests, which gives it the rights that role needs. Example: `driver_domain = 1`.",
    man: "xl.cfg(5) › General Options › Other Options",
  }),
  option({
    key: "hap",
    kind: "boolean",
    appliesTo: PVH_HVM,
    default: "1 when the hardware supports it",
    doc: "Lets the guest's memory be translated by hardware-assisted paging (EPT or NPT); set it to 0 to fall back to shadow page tables. PV guests ignore it. Example: `hap = 0`.",
    man: "xl.cfg(5) › Fully-virtualised (HVM) Guest Specific Options › Paging; PVH Guest Specific Options › Paging",
  }),
  option({
    key: "oos",
    kind: "boolean",
    appliesTo: PVH_HVM,
    default: "1",
    doc: "Tunes shadow paging: with 1, Xen may let guest page tables fall out of sync with their shadows for speed. It only matters when shadow paging is in use (no HAP), and PV guests ignore it. Example: `oos = 0`.",
    man: "xl.cfg(5) › Fully-virtualised (HVM) Guest Specific Options › Paging; PVH Guest Specific Options › Paging",
  }),
  option({
    key: "passthrough",
    kind: "enum",
    values: {
      allowed: ["default", "disabled", "enabled", "sync_pt", "share_pt"],
      match: "case-insensitive",
      note: "`default` becomes `enabled` when `pci` or `dtdev` is set and `disabled` otherwise; `enabled` lets libxl pick sync_pt or share_pt.",
    },
    default: "default",
    onBadValue: "fatal",
    doc: "Decides whether the guest gets an IOMMU context for device passthrough and whether it shares the CPU's page tables (`share_pt`) or keeps its own (`sync_pt`). libxl refuses `disabled` with devices present, anything but `disabled` on x86 PVH, and `share_pt` on PV. Example: `passthrough = \"disabled\"`.",
    man: "xl.cfg(5) › General Options › Other Options",
  }),
];
