import type { FileRule } from "../../engine/types";
import { reportListProblems } from "../util/devices-lists";

/** A `pci` item xl cannot read: `xl create` stops before anything is created. */
export const pciInvalidSpec: FileRule = {
  id: "pci-invalid-spec",
  scope: "file",
  severity: "error",
  category: "correctness",
  fixable: "none",
  summary: "A `pci` passthrough spec xl cannot parse (address out of range, decimal slot, blank, unknown option), so xl refuses the config",
  docs: {
    description: [
      "Each `pci` item names one host device as `[DDDD:]BB:DD.F` in hexadecimal, optionally followed by",
      "`@VSLOT` and `,key=value` options, or names it with `name=`. xl reads the items before it creates",
      "anything, and a single item it cannot read makes `xl create` stop with \"unable to parse",
      "PCI_SPEC_STRING\". Common causes: a device number above `1f` or a function above `7`, a virtual slot",
      "above `1f` (the slot is hexadecimal, so `@20` is slot 32), a blank after a comma, an option xl does",
      "not know, both an address and `name=`, or an address without its `.F` function.",
      "",
      "The rule also warns about what xl accepts but reads differently from what is written: a flag such as",
      "`permissive=yes` (read as 0), text after the address or slot, and an option given twice. Write the",
      "numbers in hex, without spaces, as in `0000:03:00.0@5,permissive=1`.",
    ].join("\n"),
    invalid: [
      { config: 'name = "gpu01"\ntype = "hvm"\npci = [ "03:00.0@20" ]\n', note: "Slot numbers are hex: 20 is 32, above the last slot 1f." },
      { config: 'name = "nas01"\nkernel = "/boot/vmlinuz"\npci = [ "01:00.0, permissive=1" ]\n', note: "No blank is allowed after the comma." },
      { config: 'name = "nas01"\nkernel = "/boot/vmlinuz"\npci = [ "01:00.0,permissive=yes" ]\n', note: "`yes` is read as 0: the device is not permissive." },
    ],
    valid: [
      { config: 'name = "gpu01"\ntype = "hvm"\nmemory = 8192\npci = [ "0000:03:00.0@5,permissive=1", "0000:03:00.1" ]\n' },
    ],
  },
  check(context) {
    reportListProblems(context, ["pci"]);
  },
};
