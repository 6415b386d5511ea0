import type { FileRule } from "../../engine/types";
import { reportListProblems } from "../util/devices-lists";

/** An `ioports`, `irqs` or `iomem` entry xl cannot read, or one Xen refuses. */
export const invalidIoResource: FileRule = {
  id: "invalid-io-resource",
  scope: "file",
  severity: "error",
  category: "correctness",
  fixable: "none",
  summary: "An `ioports`, `irqs` or `iomem` entry in the wrong base or form, or outside what Xen allows, so the guest is not created",
  docs: {
    description: [
      "These three lists hand host resources straight to the guest, and each has its own number format:",
      "`ioports` are hexadecimal ports or `FIRST-LAST` ranges (`\"2f8-2ff\"`), `irqs` are decimal numbers",
      "(hex such as `0x10` is refused), and `iomem` is `START,COUNT` or `START,COUNT@GUEST` in hexadecimal",
      "page numbers. xl stops `xl create` on an entry it cannot read; ranges it reads but Xen refuses (a",
      "reversed port range, ports past `ffff`, an `iomem` of 0 pages) make domain creation fail later.",
      "",
      "An `ioports` entry with junk after a single port only draws a message from xl, which then uses the",
      "port it could read; that case is a warning.",
    ].join("\n"),
    invalid: [
      { config: 'name = "rtu01"\nkernel = "/boot/vmlinuz"\nirqs = [ "0x10" ]\n', note: "irqs are decimal only." },
      { config: 'name = "rtu01"\nkernel = "/boot/vmlinuz"\nioports = [ "2f8-zz" ]\n' },
      { config: 'name = "rtu01"\nkernel = "/boot/vmlinuz"\niomem = [ "fe000" ]\n', note: "The page count is missing." },
    ],
    valid: [{ config: 'name = "rtu01"\nkernel = "/boot/vmlinuz"\nioports = [ "2f8-2ff" ]\nirqs = [ 3, "4" ]\niomem = [ "fe000,1@fe000" ]\n' }],
  },
  check(context) {
    reportListProblems(context, ["ioports", "irqs", "iomem"]);
  },
};
