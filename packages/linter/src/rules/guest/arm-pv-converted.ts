import type { FileRule } from "../../engine/types";
import { judgedFor } from "../util/arch";
import { replaceValueEdit } from "../util/guest-settings";
import { stringSetting } from "../util/settings";

/** A PV guest on Arm: libxl turns it into PVH, with warnings. */
export const armPvConverted: FileRule = {
  id: "arm-pv-converted",
  scope: "file",
  severity: "warning",
  category: "compatibility",
  fixable: "unsafe",
  summary: "On Arm, a PV guest is turned into a PVH guest by libxl, with warnings",
  docs: {
    description: [
      "Arm has only one guest type, PVH. For compatibility with old files libxl converts a guest declared",
      "PV (`type = \"pv\"`, or `builder = \"generic\"`) into PVH and prints warnings asking to fix the file.",
      "xl itself still reads the file as PV, so PV-only settings are read and then lost in the conversion.",
      "",
      "Write `type = \"pvh\"`, or leave `type` out: PVH is the default on Arm (xl_parse.c,",
      "`parse_config_data`). The conversion is `libxl__arch_domain_create_info_setdefault` in",
      "tools/libs/light/libxl_arm.c. A file without `type` is never reported here: on Arm xl builds it",
      "as PVH from the start.",
    ].join("\n"),
    invalid: [{ config: 'name = "arm01"\ntype = "pv"\nkernel = "/boot/Image"\n', host: { arch: "arm" } }],
    valid: [
      { config: 'name = "arm01"\ntype = "pvh"\nkernel = "/boot/Image"\n', host: { arch: "arm" } },
      { config: 'name = "web01"\ntype = "pv"\nkernel = "/boot/vmlinuz"\n', note: "On x86, PV is a type of its own." },
    ],
  },
  check(context) {
    const { guest } = context;
    if (context.host.arch !== "arm" || guest.type !== "pv" || guest.source === "default" || !guest.range) return;
    const edit = guest.source === "type" && stringSetting(context, "type") ? replaceValueEdit(context, "type", "pvh") : undefined;
    context.report({
      range: guest.range,
      message: "Arm has no PV guests: libxl converts this one to PVH",
      help: `libxl warns ("Converting PV guest to PVH"), after xl has read the file as PV. Write \`type = "pvh"\`${guest.source === "builder" ? " in place of `builder`" : ""}, the only guest type on Arm.${judgedFor(context.arch)}`,
      ...(edit ? { fix: { title: "Write `pvh`", safety: "unsafe" as const, edits: [edit] } } : {}),
    });
  },
};
