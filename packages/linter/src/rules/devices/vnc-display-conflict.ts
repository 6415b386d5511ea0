import type { FileContext, FileRule, RelatedLocation } from "../../engine/types";
import { deviceListProblems, devicesRead } from "../util/devices-lists";
import { capitalised, problemFinding } from "../util/finding-text";
import { longSetting, toCInt } from "../util/guest-settings";
import { stringSetting } from "../util/settings";

/** The top-level `vnclisten` with a `:DISPLAY` and a non-zero `vncdisplay`, when both are read as xl reads them. */
function topLevelConflict(context: FileContext): { listen: NonNullable<ReturnType<typeof stringSetting>>; display: NonNullable<ReturnType<typeof longSetting>> } | undefined {
  const listen = stringSetting(context, "vnclisten");
  const display = longSetting(context, "vncdisplay");
  // libxl keeps the display in an int.
  if (!listen || !display || toCInt(display.value) === 0n || !listen.value.includes(":")) return undefined;
  return { listen, display };
}

/** Whether xl builds a PV framebuffer from the top-level vnc keys: a PV guest without vfb items and `vnc` not 0. */
function pvTopLevelDisplay(context: FileContext): boolean {
  const vnc = longSetting(context, "vnc");
  return context.guest.type === "pv" && devicesRead(context, "vfb") === 0 && vnc !== undefined && vnc.value !== 0n;
}

/** A VNC display number given both after the `:` of vnclisten and in vncdisplay. */
export const vncDisplayConflict: FileRule = {
  id: "vnc-display-conflict",
  scope: "file",
  severity: "error",
  category: "correctness",
  fixable: "none",
  summary: "The VNC display is given both in `vnclisten` (`ADDRESS:N`) and in `vncdisplay`, which xl or libxl refuses",
  docs: {
    description: [
      "`vnclisten` may carry the display number after a colon (`0.0.0.0:3`), and `vncdisplay` sets it on",
      "its own. Giving both, with a `vncdisplay` other than 0, is refused: xl stops at once for an HVM guest",
      "(even when `vnc = 0`), and for the framebuffer of a PV or PVH guest (a `vfb` item, or the top-level",
      "keys of a PV guest with `vnc = 1`) libxl refuses to start the display backend, so the guest is not",
      "created.",
      "",
      "Keep one of the two: drop `vncdisplay`, or drop the `:N` from `vnclisten`.",
      "",
      "Where Xen refuses it: libxl_dm.c, `libxl__build_device_model_args_new` (and `_old` for qemu-xen-traditional), when it builds the device model's arguments (\"vncdisplay set, vnclisten contains display\").",
    ].join("\n"),
    invalid: [
      { config: 'name = "win01"\ntype = "hvm"\nvnclisten = "0.0.0.0:1"\nvncdisplay = 1\n' },
      { config: 'name = "desk01"\nkernel = "/boot/vmlinuz"\nvfb = [ "vnc=1,vnclisten=0.0.0.0:2,vncdisplay=2" ]\n' },
    ],
    valid: [
      { config: 'name = "win01"\ntype = "hvm"\nvnclisten = "0.0.0.0"\nvncdisplay = 1\n' },
      { config: 'name = "desk01"\nkernel = "/boot/vmlinuz"\nvfb = [ "vnc=1,vnclisten=0.0.0.0:2" ]\n' },
    ],
  },
  check(context) {
    const type = context.guest.type;
    if (type === undefined) return;
    if (type === "hvm" || pvTopLevelDisplay(context)) {
      const conflict = topLevelConflict(context);
      if (!conflict) return;
      const what = type === "hvm" ? "xl refuses the config" : "libxl refuses to start the framebuffer xl builds from these keys, so the guest is not created";
      const related: RelatedLocation[] = [{ path: context.path, range: conflict.listen.range, message: "the display after the `:`" }];
      context.report({
        range: conflict.display.range,
        message: `The VNC display is given twice, in \`vnclisten = "${conflict.listen.value}"\` and as \`vncdisplay = ${conflict.display.value}\``,
        help: `${capitalised(what)}: the display after the \`:\` of \`vnclisten\` and \`vncdisplay\` conflict. Keep only one of them.`,
        related,
      });
      return;
    }
    // Only the first framebuffer gets a display backend, so only its settings can clash.
    for (const { problem, range, path } of deviceListProblems(context, "vfb")) {
      if (problem.code === "display-twice" && path[0] === 0) context.report({ range, ...problemFinding(problem.message) });
    }
  },
};
