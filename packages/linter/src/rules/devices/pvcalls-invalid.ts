import type { FileRule } from "../../engine/types";
import { reportListProblems } from "../util/devices-lists";

/** A `pvcalls` item with a key other than `backend`. */
export const pvcallsInvalid: FileRule = {
  id: "pvcalls-invalid",
  scope: "file",
  severity: "error",
  category: "correctness",
  fixable: "none",
  summary: "A `pvcalls` item with a key other than `backend=`, so xl refuses the config",
  docs: {
    description: [
      "A PV calls connection forwards the guest's socket calls to a backend domain instead of giving it a",
      "network card. Its only key is `backend=DOMAIN`, and xl refuses the config on any other key. A token",
      "without `=` silently ends the item and an empty `backend=` means domain 0; both are warnings.",
    ].join("\n"),
    invalid: [{ config: 'name = "app01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\npvcalls = [ "backend=0,bridge=xenbr0" ]\n' }],
    valid: [{ config: 'name = "app01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\npvcalls = [ "backend=netdom" ]\n' }],
  },
  check(context) {
    reportListProblems(context, ["pvcalls"]);
  },
};
