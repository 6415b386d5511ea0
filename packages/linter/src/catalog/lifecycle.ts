/** What xl does when the guest stops, reboots or crashes (§2.3 of the reference). */
import { optionsOf } from "./define";
import type { AllowedValues, OptionInfo } from "./types";

const option = optionsOf("lifecycle");

/** xl's own table, compared with strcmp: libxl's `restart_rename` spelling is refused. */
const ACTIONS: AllowedValues = {
  allowed: ["destroy", "restart", "rename-restart", "preserve", "coredump-destroy", "coredump-restart", "soft-reset"],
  match: "exact",
  note: "Lower case with hyphens only; libxl's `restart_rename` spelling is refused.",
};

const man = "xl.cfg(5) › General Options › Event Actions";

export const lifecycleOptions: readonly OptionInfo[] = [
  option({
    key: "on_poweroff",
    kind: "enum",
    values: ACTIONS,
    default: "destroy",
    onBadValue: "fatal",
    doc: "What happens when the guest shuts itself down: usually `destroy`, or `preserve` to keep the dead domain around for inspection. An unknown action stops xl. Example: `on_poweroff = \"destroy\"`.",
    man,
  }),
  option({
    key: "on_reboot",
    kind: "enum",
    values: ACTIONS,
    default: "restart",
    onBadValue: "fatal",
    doc: "What happens when the guest asks to reboot; `destroy` here turns every reboot into a shutdown, handy while debugging a boot loop. Example: `on_reboot = \"restart\"`.",
    man,
  }),
  option({
    key: "on_watchdog",
    kind: "enum",
    values: ACTIONS,
    default: "destroy",
    onBadValue: "fatal",
    doc: "What happens when the guest's Xen watchdog fires because the guest stopped feeding it. Example: `on_watchdog = \"restart\"`.",
    man,
  }),
  option({
    key: "on_crash",
    kind: "enum",
    values: ACTIONS,
    default: "destroy",
    onBadValue: "fatal",
    doc: "What happens when the guest crashes. Unlike xm, which restarted crashed guests, xl destroys them unless told otherwise; the `coredump-*` actions save a dump first. Example: `on_crash = \"coredump-restart\"`.",
    man,
  }),
  option({
    key: "on_soft_reset",
    kind: "enum",
    values: ACTIONS,
    default: "soft-reset",
    onBadValue: "fatal",
    doc: "What happens when the guest requests a soft reset, which Xen-aware HVM guests (kexec and crash kernels) use to restart without losing their memory. Example: `on_soft_reset = \"soft-reset\"`.",
    man,
  }),
];
