import type { FileRule } from "../../engine/types";
import { reportListProblems } from "../util/devices-lists";

/** A `vdispl` item xl refuses, or whose connectors it reads only in part. */
export const vdisplInvalid: FileRule = {
  id: "vdispl-invalid",
  scope: "file",
  severity: "error",
  category: "correctness",
  fixable: "none",
  summary: "A `vdispl` without `connectors=`, with an unknown key or a connector size xl cannot read",
  docs: {
    description: [
      "A PV display lists its outputs as `connectors=ID:WIDTHxHEIGHT;ID:WIDTHxHEIGHT`, with optional",
      "`backend=` and `be-alloc=`. xl refuses the config without `connectors=`, on a key it does not know",
      "(`beAlloc` is not `be-alloc`) and on a size without a height.",
      "",
      "A size that does not start with a number only draws a message: xl creates a 0x0 connector and",
      "leaves the following connectors without id or size. Text after a size and a connector cut at a",
      "second `:` are silently dropped; these are warnings. An empty connector list or one without `ID:`",
      "crashes xl 4.17 (see `device-spec-crash`).",
    ].join("\n"),
    invalid: [
      { config: 'name = "ivi01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nvdispl = [ "backend=0,beAlloc=0,connectors=id0:1920x1080" ]\n' },
      { config: 'name = "ivi01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nvdispl = [ "backend=0,connectors=id0:1920" ]\n', note: "The height is missing." },
    ],
    valid: [{ config: 'name = "ivi01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nvdispl = [ "backend=0,be-alloc=1,connectors=id0:1920x1080;id1:800x600" ]\n' }],
  },
  check(context) {
    reportListProblems(context, ["vdispl"]);
  },
};
