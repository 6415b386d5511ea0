import type { FileRule } from "../../engine/types";
import { deviceListProblems, isCrash, type DeviceListKey } from "../util/devices-lists";
import { problemFinding } from "../util/finding-text";

const LISTS_THAT_CAN_CRASH: readonly DeviceListKey[] = ["channel", "vdispl", "vsnd"];

/** Device specs that make xl 4.17 crash while it reads them. */
export const deviceSpecCrash: FileRule = {
  id: "device-spec-crash",
  scope: "file",
  severity: "error",
  category: "correctness",
  fixable: "none",
  summary: "A device spec that crashes xl 4.17 (an empty channel, an empty or id-less vdispl connector, an empty vsnd list)",
  docs: {
    description: [
      "A few malformed device specs do not get an error message from xl 4.17: its string-splitting helpers",
      "mishandle them and xl dies with a segmentation fault, so the guest is not created and the only clue",
      "is the crash. The known cases are a `channel` item made only of commas (or empty), a `vdispl`",
      "`connectors=` with no connector or a connector without its `ID:`, and a `vsnd` `sample-rates=` or",
      "`sample-formats=` with no value.",
      "",
      "Remove the empty item, or write the spec in full: `name=…,connection=pty` for a channel,",
      "`connectors=id0:1920x1080` for a display.",
    ].join("\n"),
    invalid: [
      { config: 'name = "web01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nchannel = [ "" ]\n' },
      { config: 'name = "ivi01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nvdispl = [ "backend=0,connectors=1920x1080" ]\n', note: "The connector has no `ID:`." },
    ],
    valid: [{ config: 'name = "ivi01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nvdispl = [ "backend=0,connectors=id0:1920x1080" ]\n' }],
  },
  check(context) {
    for (const key of LISTS_THAT_CAN_CRASH) {
      for (const { problem, range } of deviceListProblems(context, key)) {
        if (isCrash(problem)) context.report({ range, ...problemFinding(problem.message) });
      }
    }
  },
};
