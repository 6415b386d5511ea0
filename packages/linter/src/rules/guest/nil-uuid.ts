import { detachedSpecText, parseUuid } from "@xlint/parser";
import type { FileRule } from "../../engine/types";
import { stringSetting } from "../util/settings";

/** The all-zero UUID: xl keeps it, and the guest then shares dom0's UUID. */
export const nilUuid: FileRule = {
  id: "nil-uuid",
  scope: "file",
  severity: "warning",
  category: "suspicious",
  fixable: "none",
  summary: "`uuid` is the all-zero UUID, which is dom0's",
  docs: {
    description: [
      "xl accepts the nil UUID `00000000-0000-0000-0000-000000000000` and gives it to the guest as it is: it",
      "does not draw a random one in its place. That is the UUID of dom0, so tools that find domains by UUID",
      "(libvirt, monitoring, licensing) mix the guest up with dom0, and every guest written this way shares",
      "it. It usually comes from a template with a placeholder.",
      "",
      "Put a real UUID from `uuidgen` there, or drop the key to get a random one at each start.",
    ].join("\n"),
    invalid: [{ config: 'name = "web01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nuuid = "00000000-0000-0000-0000-000000000000"\n' }],
    valid: [{ config: 'name = "web01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nuuid = "3c9e1a52-6f0b-4d8e-9a47-0d2b5c71e8f4"\n' }],
  },
  check(context) {
    const uuid = stringSetting(context, "uuid");
    if (!uuid || !parseUuid(uuid.spec ?? detachedSpecText(uuid.value)).problems.some((p) => p.code === "nil-uuid")) return;
    context.report({
      range: uuid.range,
      message: "This is the nil UUID, which is dom0's",
      help: "xl keeps it rather than drawing a random one, so tools that look domains up by UUID confuse the guest with dom0. Use a UUID from `uuidgen`, or drop `uuid` to get a random one.",
    });
  },
};
