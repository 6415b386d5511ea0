import { compareXenVersions } from "../../engine/host";
import type { FileRule } from "../../engine/types";
import { reportListProblems } from "../util/devices-lists";

/** Problems that Xen 4.18 and later refuse (the parser describes 4.17, which ignores the key). */
const REFUSED_FROM_4_18: ReadonlySet<string> = new Set(["unknown-type", "unknown-transport", "unknown-key", "type-without-device"]);

/** A `virtio` item Xen 4.18+ refuses; before 4.18 the key is unknown-key's business. */
export const virtioInvalid: FileRule = {
  id: "virtio-invalid",
  scope: "file",
  severity: "error",
  category: "correctness",
  fixable: "none",
  summary: "A `virtio` device (Xen 4.18+) with an unknown key, type or transport, which xl refuses",
  docs: {
    description: [
      "Xen 4.18 added `virtio` devices for Arm guests: `backend=DOMAIN,type=virtio,deviceN,transport=mmio`",
      "(the type keeps its one comma). From that release xl refuses a key other than `backend`, `type`,",
      "`transport` and `grant_usage`, a type that does not start with `virtio`, a transport other than",
      "`mmio`, and crashes on `type=virtio` without the device part. Numbers read only in part and an",
      "empty `backend=` are warnings.",
      "",
      "This rule runs only when `host.xenVersion` is 4.18 or later; older xl does not read the key at all,",
      "which `unknown-key` reports.",
    ].join("\n"),
    invalid: [
      {
        config: 'name = "ivi01"\ntype = "pvh"\nkernel = "/boot/Image"\nvirtio = [ "backend=0,type=virtio,device22,transport=pci" ]\n',
        note: "Only `mmio` exists.",
        host: { arch: "arm", xenVersion: "4.18" },
      },
    ],
    valid: [
      {
        config: 'name = "ivi01"\ntype = "pvh"\nkernel = "/boot/Image"\nvirtio = [ "backend=0,type=virtio,device22,transport=mmio,grant_usage=1" ]\n',
        host: { arch: "arm", xenVersion: "4.18" },
      },
    ],
  },
  check(context) {
    if (compareXenVersions(context.host.xenVersion, "4.18") < 0) return;
    reportListProblems(context, ["virtio"], {
      everyGuest: true,
      skip: ({ problem }) => problem.code === "needs-xen-4.18",
      severity: ({ problem }) => (REFUSED_FROM_4_18.has(problem.code) ? "error" : "warning"),
    });
  },
};
