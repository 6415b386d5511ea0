import type { FileRule } from "../../engine/types";
import { reportListProblems } from "../util/devices-lists";

/** A `usbctrl` or `usbdev` item xl or libxl refuses. */
export const usbInvalid: FileRule = {
  id: "usb-invalid",
  scope: "file",
  severity: "error",
  category: "correctness",
  fixable: "none",
  summary: "A `usbctrl` or `usbdev` item with an unknown key or type, a version or port count the controller cannot have, or no host device",
  docs: {
    description: [
      "`usbctrl` items create virtual USB controllers (`type=`, `version=`, `ports=`) and `usbdev` items",
      "hand host USB devices to the guest (`hostbus=` and `hostaddr=`, optionally `controller=` and",
      "`port=`). xl refuses the config on a key or a type it does not know. libxl refuses to create the",
      "guest when a controller's version or port count does not fit its type (PV controllers are version",
      "1 or 2 with 1 to 31 ports; emulated version 1 and 2 controllers have a fixed port count), when a",
      "device does not name its host bus and address, and when `port=` comes without `controller=`.",
      "",
      "Numbers that xl reads only in part are warnings.",
      "",
      "Where Xen refuses a port count: libxl_usb.c, `libxl__device_usbctrl_setdefault` (\"Number of ports for USB controller is limited to \u2026\").",
    ].join("\n"),
    invalid: [
      { config: 'name = "cad01"\ntype = "hvm"\nusbctrl = [ "type=pv,version=2,ports=40" ]\n', note: "A PV controller has at most 31 ports." },
      { config: 'name = "cad01"\ntype = "hvm"\nusbdev = [ "hostbus=1,hostaddr=3,speed=high" ]\n', note: "`speed` is not a usbdev key." },
    ],
    valid: [{ config: 'name = "cad01"\ntype = "hvm"\nusbctrl = [ "type=devicemodel,version=3,ports=4" ]\nusbdev = [ "hostbus=1,hostaddr=3,controller=0,port=1" ]\n' }],
  },
  check(context) {
    reportListProblems(context, ["usbctrl", "usbdev"]);
  },
};
