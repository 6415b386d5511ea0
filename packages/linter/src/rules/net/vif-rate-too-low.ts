import type { FileRule } from "../../engine/types";
import { vifEntries, vifRange } from "../util/net-vifs";
import { problemFinding } from "../util/finding-text";
import { problemsOf } from "../util/net-spec";

const base = 'name = "web01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nmemory = 512\n';

/** A vif rate so low that each interval's credit rounds down to 0 bytes. */
export const vifRateTooLow: FileRule = {
  id: "vif-rate-too-low",
  scope: "file",
  severity: "warning",
  category: "suspicious",
  fixable: "none",
  summary: "A vif rate that works out at 0 bytes per replenishment interval, so the guest gets no transmit credit",
  docs: {
    description: [
      "xl turns a vif's `rate=` into a number of bytes the guest may send per replenishment interval",
      "(50 ms unless `@` gives another), rounding down. When that comes to 0 (`8B/s` is 0.4 bytes per",
      "50 ms), the backend is given no credit at all: with Linux's netback the guest's outgoing packets",
      "wait forever. xl says nothing. A leading `0` can cause this, as xl reads it as octal (`010B/s` is",
      "8 B/s).",
      "",
      "Raise the rate or lengthen the interval so that rate × interval is at least one packet (1500 bytes).",
    ].join("\n"),
    invalid: [{ config: `${base}vif = [ "bridge=xenbr0,rate=8B/s" ]\n`, note: "0.4 bytes per 50 ms, rounded down to 0." }],
    valid: [{ config: `${base}vif = [ "bridge=xenbr0,rate=100KB/s" ]\n`, note: "5000 bytes per 50 ms." }],
  },
  check(context) {
    for (const entry of vifEntries(context)) {
      const rate = entry.vif.rate;
      if (!rate) continue;
      for (const problem of problemsOf(entry, ["rate-zero-per-interval"])) {
        if (problem.span.start !== rate.span.start) continue;
        const octal = problemsOf(entry, ["rate-octal"]).find((p) => p.span.start >= rate.span.start && p.span.end <= rate.span.end);
        const { message, help } = problemFinding(problem.message);
        const cause = octal ? problemFinding(octal.message) : undefined;
        const causeText = cause ? ` The cause: ${cause.message.replace(/^T/, "t")}; ${cause.help ?? ""}` : "";
        context.report({ range: vifRange(context, entry, problem.span), message, help: `${help ?? ""}${causeText}`.trim() });
      }
    }
  },
};
