import type { Severity } from "../../engine/types";
import type { FileRule } from "../../engine/types";
import type { XlEffect } from "@xlint/parser";
import { vifEntries, vifRange } from "../util/net-vifs";

/** What each effect of a vif problem means for the finding (error ⇔ xl or libxl refuses). */
const SEVERITY: Record<XlEffect, Severity> = {
  fatal: "error",
  "libxl-fatal": "error",
  guest: "warning",
  warning: "warning",
  silent: "warning",
};

const base = 'name = "web01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nmemory = 512\nvcpus = 1\n';

/** Everything xl's vif parser refuses, warns about or silently misreads. */
export const vifInvalid: FileRule = {
  id: "vif-invalid",
  scope: "file",
  severity: "error",
  category: "correctness",
  fixable: "none",
  summary: "A vif spec xl refuses (bad rate, devid or mtu), warns about (unknown key, bad MAC or type) or misreads",
  docs: {
    description: [
      "xl reads each vif string as comma-separated `key=value` items. Most mistakes in it do not stop",
      "`xl create`: an unknown key, a MAC it cannot parse, a `type` other than `vif` or `ioemu` are printed",
      "and skipped, so the guest starts with a NIC that is not what the file says (a half-read MAC, the",
      "default bridge). A few are fatal: a `rate=` xl cannot read, and a `devid=` or `mtu=` that is not a",
      "number. Spaces are also kept as part of values (`bridge=xenbr0 ` names a bridge with a space).",
      "",
      "Findings are errors when xl refuses the config and warnings otherwise; the message says what xl",
      "does with the item.",
    ].join("\n"),
    invalid: [
      { config: `${base}vif = [ "mac=00:16:3e:00:00:01,rate=10mb/s" ]\n`, note: "Multipliers are uppercase and the unit is B or b: `10Mb/s`." },
      { config: `${base}vif = [ "mac=00:16:3e:00:00:01,brigde=xenbr0" ]\n`, note: "xl prints a warning and the vif joins the default bridge." },
    ],
    valid: [{ config: `${base}vif = [ "mac=00:16:3e:00:00:01,bridge=xenbr0,rate=10Mb/s@20ms" ]\n` }],
  },
  check(context) {
    for (const entry of vifEntries(context)) {
      for (const problem of entry.vif.problems) {
        context.report({ range: vifRange(context, entry, problem.span), message: problem.message, severity: SEVERITY[problem.effect] });
      }
    }
  },
};
