import type { FileRule } from "../../engine/types";
import { judgedFor } from "../util/arch";

/** An HVM guest on Arm: libxl refuses it. */
export const armHvm: FileRule = {
  id: "arm-hvm",
  scope: "file",
  severity: "error",
  category: "correctness",
  fixable: "none",
  summary: "An HVM guest on Arm, which libxl refuses",
  docs: {
    description: [
      "Arm guests are always PVH: there is no firmware emulation and no device model for HVM guests. xl",
      "reads the file, but libxl refuses to build the domain (\"Unsupported Arm guest type hvm\").",
      "",
      "Use `type = \"pvh\"` with a kernel (`kernel = ...`), or drop `type`: PVH is the default on Arm.",
    ].join("\n"),
    invalid: [{ config: 'name = "arm01"\ntype = "hvm"\n', host: { arch: "arm" } }],
    valid: [{ config: 'name = "arm01"\ntype = "pvh"\nkernel = "/boot/Image"\n', host: { arch: "arm" } }],
  },
  check(context) {
    const { guest } = context;
    if (context.host.arch !== "arm" || guest.type !== "hvm" || !guest.range) return;
    context.report({
      range: guest.range,
      message: "Arm has no HVM guests: libxl refuses to build this one",
      help: `libxl stops with "Unsupported Arm guest type hvm". Write \`type = "pvh"\` and boot a kernel with \`kernel = ...\`.${judgedFor(context.arch)}`,
    });
  },
};
