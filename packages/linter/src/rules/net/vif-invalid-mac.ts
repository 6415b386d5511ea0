import type { SpecProblem } from "@xlint/parser";
import type { Fix, FileRule, Severity } from "../../engine/types";
import { vifEntries, vifRange, type VifEntry } from "../util/net-vifs";
import { problemFinding } from "../util/finding-text";
import { isBlank, vifEdit } from "../util/net-spec";

const base = 'name = "web01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nmemory = 512\n';

/** The MAC problems of the parser this rule speaks for (multicast addresses have a rule of their own). */
const CODES = ["mac-invalid", "mac-incomplete", "mac-trailing-ignored", "mac-octet-wraps", "mac-nonstandard", "mac-zero"];

/**
 * How much each problem weighs: xl's own "Invalid parameter `mac'" (the
 * address is then half read) is an error; an address xl silently takes
 * from other text, or cuts, is a warning; a form only other tools mind is a
 * note.
 */
function severityOf(problem: SpecProblem): Severity {
  if (problem.code === "mac-invalid") return "error";
  if (problem.code === "mac-incomplete") return problem.effect === "warning" ? "error" : "warning";
  if (problem.code === "mac-nonstandard") return "info";
  return "warning";
}

/** The rewrite to the address xl already uses, when it reads one from the text alone. */
function fixFor(entry: VifEntry, problem: SpecProblem): Fix | undefined {
  const mac = entry.vif.mac;
  const address = mac?.value.address;
  if (!mac || !address) return undefined;
  // Only the last `mac=` decides; earlier ones are `vif-repeated-key`'s business.
  if (problem.span.start < mac.span.start || problem.span.end > mac.span.end) return undefined;
  if (problem.code === "mac-nonstandard" || problem.code === "mac-octet-wraps" || problem.code === "mac-trailing-ignored") {
    const edit = vifEdit(entry, mac.span, address.canonical);
    return edit ? { title: `Write \`${address.canonical}\``, safety: "safe", edits: [edit] } : undefined;
  }
  return undefined;
}

/** A `mac=` xl cannot read, reads only partly, or reads differently from what is written. */
export const vifInvalidMac: FileRule = {
  id: "vif-invalid-mac",
  scope: "file",
  severity: "error",
  category: "correctness",
  fixable: "safe",
  summary: "A vif `mac=` that xl cannot read (it warns and keeps half an address), reads from the next item, cuts, or that is all zeros",
  docs: {
    description: [
      "xl reads a MAC as six hexadecimal numbers, each followed by one separator character of any kind.",
      "When an octet is not a hex number up to `ff`, xl prints \"Invalid parameter `mac'\", keeps the octets",
      "it read before it (the rest stay zero) and creates the guest with that address: an error here, since",
      "the guest does not get the address written, and several guests can end up with the same one.",
      "",
      "Quieter cases are warnings: fewer than six octets make xl read on into the next item of the spec",
      "(`mac=00:16:3e:01:02,bridge=br0` takes `b` as the last octet), octets above `ff` are cut to their",
      "low bits, text after the sixth octet is ignored, and `00:00:00:00:00:00` means \"no address\" to",
      "libxl, which then picks a random one at every boot. Forms xl reads correctly but other tools may",
      "not (`0:16:3e:1:2:3`, `00-16-3e-01-02-03`) are notes, with a fix to `xx:xx:xx:xx:xx:xx`.",
      "",
      "Where xl drops the address: tools/xl/xl_parse.c, `parse_nic_config` (\"Invalid parameter `mac'\"), keeping the octets read before the bad one.",
    ].join("\n"),
    invalid: [
      { config: `${base}vif = [ "mac=00:16:3e:zz:00:01,bridge=xenbr0" ]\n`, note: "`zz` is not hex: xl warns and uses 00:16:3e:00:00:00." },
      { config: `${base}vif = [ "mac=00:16:3e:01:02,bridge=xenbr0" ]\n`, note: "Five octets: the sixth is read from `bridge`." },
      { config: `${base}vif = [ "mac=00-16-3E-01-02-03,bridge=xenbr0" ]\n`, note: "Accepted by xl; written `00:16:3e:01:02:03` it is clear to every tool." },
    ],
    valid: [{ config: `${base}vif = [ "mac=00:16:3e:01:02:03,bridge=xenbr0", "bridge=xenbr0" ]\n`, note: "The second vif gets a random address." }],
  },
  check(context) {
    for (const entry of vifEntries(context)) {
      for (const problem of entry.vif.problems) {
        if (!CODES.includes(problem.code)) continue;
        // Blanks after the address are ignored by xl and harmless.
        if (problem.code === "mac-trailing-ignored" && isBlank(entry.spec.text.slice(problem.span.start, problem.span.end))) continue;
        const fix = fixFor(entry, problem);
        context.report({
          range: vifRange(context, entry, problem.span),
          ...problemFinding(problem.message),
          severity: severityOf(problem),
          ...(fix ? { fix } : {}),
        });
      }
    }
  },
};
