import type { FileRule } from "../../engine/types";
import { removeStatement } from "../util/edits";
import { describeGuest } from "../util/guest-settings";
import { keyRange, stringSetting } from "../util/settings";

/** `timer_mode` on a PV guest: xl stops. */
export const timerModeOnPv: FileRule = {
  id: "timer-mode-on-pv",
  scope: "file",
  severity: "error",
  category: "guest-type",
  fixable: "unsafe",
  summary: "`timer_mode` is set for a PV guest, which xl refuses",
  docs: {
    description: [
      "`timer_mode` tunes how Xen delivers the emulated timer interrupts of HVM and PVH guests. PV guests",
      "have no emulated timers, and rather than ignoring the key xl refuses the config (\"timer_mode option",
      "is not supported for PV guests\"), whatever its value.",
      "",
      "Remove `timer_mode`, or correct `type` if the guest is meant to be HVM or PVH. The fix removes the",
      "key; it is marked unsafe because the type may be what is wrong.",
    ].join("\n"),
    invalid: [{ config: 'name = "web01"\nkernel = "/boot/vmlinuz"\ntimer_mode = "no_delay_for_missed_ticks"\n', note: "No `type`: a PV guest." }],
    valid: [{ config: 'name = "win01"\ntype = "hvm"\ntimer_mode = "no_delay_for_missed_ticks"\n' }],
  },
  check(context) {
    if (context.guest.type !== "pv") return;
    // A list is ignored by xl (with a warning the value-shape rule reports), not refused.
    if (!stringSetting(context, "timer_mode")) return;
    const setting = context.setting("timer_mode");
    if (!setting) return;
    context.report({
      range: keyRange(setting),
      message: "`timer_mode` is refused for PV guests, whatever its value",
      help: `xl stops ("timer_mode option is not supported for PV guests"), and ${describeGuest(context.guest, context)}. Remove it, or fix \`type\` if the guest should be HVM or PVH.`,
      fix: { title: "Remove `timer_mode`", safety: "unsafe", edits: setting.assignments.map((a) => removeStatement(context.text, a.range)) },
    });
  },
};
