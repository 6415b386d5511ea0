import type { FileRule } from "../../engine/types";
import { reportListProblems } from "../util/devices-lists";

/** A `vkb` item xl refuses, or whose numbers it reads differently. */
export const vkbInvalid: FileRule = {
  id: "vkb-invalid",
  scope: "file",
  severity: "error",
  category: "correctness",
  fixable: "none",
  summary: "A `vkb` without a valid `backend-type`, with an unknown key, or with multi-touch but no size, so xl refuses the config",
  docs: {
    description: [
      "An extra PV keyboard and pointer needs `backend-type=qemu` or `backend-type=linux`; xl refuses the",
      "config without it, with another value, with any token that is not one of the documented",
      "`key=value` settings, and with `feature-multi-touch=1` but none of `multi-touch-width`,",
      "`multi-touch-height` and `multi-touch-num-contacts`. xl parses `vkb` whatever the guest type, so",
      "these stop even an HVM guest, which otherwise ignores the list.",
      "",
      "Numbers xl reads only in part (`width=800px`) or cuts to fit are warnings.",
    ].join("\n"),
    invalid: [
      { config: 'name = "kiosk01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nvkb = [ "backend=0" ]\n', note: "`backend-type` is required." },
      { config: 'name = "kiosk01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nvkb = [ "backend-type=linux,feature-multi-touch=1" ]\n' },
    ],
    valid: [{ config: 'name = "kiosk01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nvkb = [ "backend-type=linux,width=1920,height=1080" ]\n' }],
  },
  check(context) {
    reportListProblems(context, ["vkb"]);
  },
};
