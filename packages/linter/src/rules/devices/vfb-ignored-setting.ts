import type { FileRule } from "../../engine/types";
import { reportListProblems } from "../util/devices-lists";

/** A `vfb` setting xl silently ignores or misreads. */
export const vfbIgnoredSetting: FileRule = {
  id: "vfb-ignored-setting",
  scope: "file",
  severity: "warning",
  category: "suspicious",
  fixable: "none",
  summary: "A `vfb` key xl does not know (such as xm's `type=vnc`), a token without `=`, or a flag xl reads as 0; xl ignores them silently",
  docs: {
    description: [
      "Unlike the other device lists, `vfb` items are read without complaint: xl skips keys it does not",
      "know, so xm's `type=vnc` or `type=sdl` does nothing (VNC is on by default; SDL needs `sdl=1`), stops",
      "reading the item at a token without `=`, and reads numbers with `atoi`, so `vnc=yes` turns VNC off.",
      "The guest then gets a display other than the one the file describes, and nothing tells you.",
      "",
      "Write only the vfb keys (vnc, vnclisten, vncpasswd, vncdisplay, vncunused, sdl, opengl, display,",
      "xauthority, keymap) as `key=value` with numeric flags. HVM guests ignore `vfb` altogether; that is",
      "`guest-type-mismatch`'s finding.",
    ].join("\n"),
    invalid: [
      { config: 'name = "desk01"\nkernel = "/boot/vmlinuz"\nvfb = [ "type=vnc,vnclisten=0.0.0.0" ]\n', note: "xm syntax: xl ignores `type=`." },
      { config: 'name = "desk01"\nkernel = "/boot/vmlinuz"\nvfb = [ "vnc=yes" ]\n', note: "`yes` is read as 0: no VNC." },
    ],
    valid: [{ config: 'name = "desk01"\nkernel = "/boot/vmlinuz"\nvfb = [ "vnc=1,vnclisten=0.0.0.0,vncdisplay=3,keymap=de" ]\n' }],
  },
  check(context) {
    // The display given twice is a refusal, reported by vnc-display-conflict.
    reportListProblems(context, ["vfb"], { skip: ({ problem }) => problem.code === "display-twice" });
  },
};
