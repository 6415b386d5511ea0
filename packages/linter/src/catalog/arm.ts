/**
 * Arm-only keys (§2.9 of the reference). xl reads them on every
 * architecture, so an x86 xl still refuses a bad `gic_version`; they take
 * effect only on Arm, where every guest is PVH.
 */
import { ARM, optionsOf } from "./define";
import type { OptionInfo } from "./types";

const option = optionsOf("arm");

const armMan = "xl.cfg(5) › Architecture Specific options › ARM";
/** xl reads these with warnings off: a list is skipped without a word. */
const quietList = { effect: "silent" } as const;

export const armOptions: readonly OptionInfo[] = [
  option({
    key: "gic_version",
    kind: "enum",
    arch: ARM,
    values: { allowed: ["default", "v2", "v3"], match: "case-insensitive" },
    default: "default (the host's GIC version)",
    onBadValue: "fatal",
    onWrongShape: quietList,
    doc: "Which interrupt controller the Arm guest sees: `v2`, `v3`, or `default` to follow the host. Any other word stops xl. Example: `gic_version = \"v3\"`.",
    man: armMan,
  }),
  option({
    key: "vuart",
    kind: "enum",
    arch: ARM,
    values: { allowed: ["sbsa_uart"], match: "case-insensitive", alsoAccepted: ["unknown"] },
    onBadValue: "fatal",
    doc: "Adds an emulated SBSA UART to the Arm guest as an early console; it reserves interrupt 32 for itself. Example: `vuart = \"sbsa_uart\"`.",
    man: armMan,
  }),
  option({
    key: "tee",
    kind: "enum",
    arch: ARM,
    values: { allowed: ["none", "optee"], match: "case-insensitive" },
    addedValues: [{ value: "ffa", since: "4.18" }],
    default: "none",
    onBadValue: "fatal",
    onWrongShape: quietList,
    doc: "Gives the Arm guest access to a trusted execution environment through Xen's mediator: `optee`, or from Xen 4.18 `ffa`. Unknown names stop xl. Example: `tee = \"optee\"`.",
    man: "xl.cfg(5) › Devices",
  }),
  option({
    key: "sve",
    kind: "enum",
    arch: ARM,
    since: "4.18",
    values: {
      allowed: [
        "disabled", "128", "256", "384", "512", "640", "768", "896", "1024",
        "1152", "1280", "1408", "1536", "1664", "1792", "1920", "2048", "hw",
      ],
      match: "case-insensitive",
    },
    default: "disabled",
    onBadValue: "fatal",
    onWrongShape: quietList,
    doc: "Lets a 64-bit Arm guest use the Scalable Vector Extension, capped at the given vector length in bits (a multiple of 128 up to 2048), or `hw` for whatever the host offers. Added in Xen 4.18. Example: `sve = \"512\"`.",
    man: "xl.cfg(5), Xen 4.18+ › Architecture Specific options › ARM",
  }),
  option({
    key: "nr_spis",
    kind: "integer",
    arch: ARM,
    since: "4.19",
    range: { min: 0, max: 5088 },
    default: "computed by the toolstack from the devices",
    doc: "How many shared peripheral interrupts the guest's GIC gets; it must reach the highest interrupt routed to the guest (at most 960, or 5088 with extended SPIs). Added in Xen 4.19. Example: `nr_spis = 64`.",
    man: "xl.cfg(5), Xen 4.19+ › Architecture Specific options › ARM",
  }),
  option({
    key: "trap_unmapped_accesses",
    kind: "boolean",
    arch: ARM,
    since: "4.21",
    default: "1 on Arm",
    doc: "Whether the guest takes a fault when it touches an unmapped address; with 0, such reads return all ones and writes vanish. Added in Xen 4.21. Example: `trap_unmapped_accesses = 0`.",
    man: "xl.cfg(5), Xen 4.21+ › Architecture Specific options › ARM",
  }),
  option({
    key: "arm_sci",
    kind: "spec",
    spec: "arm-sci",
    arch: ARM,
    since: "4.21",
    onBadValue: "fatal",
    onWrongShape: quietList,
    doc: "Arm System Control Interface settings as `key=value` pairs; `type=scmi_smc` lets the guest reach firmware services over SCMI, `type=none` turns it off. Added in Xen 4.21. Example: `arm_sci = \"type=scmi_smc\"`.",
    man: "xl.cfg(5), Xen 4.21+ › Architecture Specific options › ARM",
  }),
];
