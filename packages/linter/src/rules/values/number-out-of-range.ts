import { readXlNumber, xlNumberOptionsFor, type XlEffect } from "@xlint/parser";
import type { OptionInfo } from "../../catalog";
import type { FileContext, FileRule, Severity } from "../../engine/types";
import { boolValue, deviceModelOf } from "../util/guest-settings";
import { stringSetting } from "../util/settings";
import { capitalised, isNumberOrNameKind, isNumericKind, settingsXlReads } from "../util/values-read";

/** vCPU counts below one are the guest family's (vcpus-below-one, maxvcpus-below-vcpus). */
const HANDLED_ELSEWHERE: ReadonlySet<string> = new Set(["vcpus", "maxvcpus"]);

/** Numbers xl passes on that libxl then bounds more tightly (libxl_create.c). */
const LIBXL_LIMITS: ReadonlyMap<string, { readonly max: bigint; readonly why: string; readonly advice: string }> = new Map([
  ["max_grant_version", { max: 15n, why: "libxl keeps the grant version in 4 bits and refuses anything above 15", advice: "Use 1 or 2, or drop the key to get the highest version the hypervisor offers." }],
]);

function bounds(option: OptionInfo): string {
  const { min, max } = option.range ?? {};
  if (min !== undefined && max !== undefined) return `${min}–${max}`;
  return min !== undefined ? `at least ${min}` : `at most ${max}`;
}

function advice(option: OptionInfo): string {
  const { min, max } = option.range ?? {};
  if (min !== undefined && max !== undefined) return `Use a value from ${min} to ${max}.`;
  return min !== undefined ? `Use a value of at least ${min}.` : `Use a value of at most ${max}.`;
}

function consequence(effect: XlEffect | undefined): { severity: Severity; text: string } {
  switch (effect) {
    case "fatal":
      return { severity: "error", text: "xl refuses the config" };
    case "libxl-fatal":
      return { severity: "error", text: "libxl refuses to create the domain" };
    default:
      return { severity: "warning", text: "xl does not check it and passes the value on, where it is at best ignored" };
  }
}

/**
 * What libxl really does with an out-of-range count, where it depends on
 * other settings: SPICE USB redirection is refused above 4 only with SPICE
 * on (ignored-option covers it being off), and a bad `usbversion` is caught
 * only when libxl builds qemu-xen's command line.
 */
function effectHere(context: FileContext, option: OptionInfo, value: bigint): XlEffect | undefined | "skip" {
  if (option.key === "spiceusbredirection") {
    if (boolValue(context, "spice") !== true) return "skip";
    return value < 0n ? "silent" : option.onOutOfRange;
  }
  if (option.key === "usbversion" && deviceModelOf(context)?.model === "qemu-xen-traditional") return "skip";
  return option.onOutOfRange;
}

/** A number outside the range xl enforces or the manual documents. */
export const numberOutOfRange: FileRule = {
  id: "number-out-of-range",
  scope: "file",
  severity: "error",
  category: "correctness",
  fixable: "none",
  summary: "A number outside the range xl or libxl enforces (`mmio_hole`, `tsc_mode`, `max_grant_frames`, …) or the manual documents",
  docs: {
    description: [
      "Some numbers have bounds. xl itself refuses `mmio_hole` outside 256–3840 MiB, the numeric forms of",
      "`tsc_mode`, `timer_mode` and `altp2m` outside 0–3, and `max_grant_*` outside 0–2147483647 (the last",
      "without any message); libxl refuses `usbversion` above 3, `max_grant_version` above 15 and, with SPICE",
      "on, `spiceusbredirection` above 4. Those are errors.",
      "",
      "Other bounds are only documented: `cpu_weight` is 1–65535, `cap` cannot be negative, `memory` must be",
      "at least 1 MiB. xl passes such values on unchecked, so they are warnings. vCPU counts have rules of",
      "their own in the guest family.",
    ].join("\n"),
    invalid: [
      { config: 'name = "win01"\ntype = "hvm"\nmmio_hole = 4096\n', note: "xl refuses anything above 3840." },
      { config: 'name = "web01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\ncpu_weight = 0\n', note: "The manual's range starts at 1." },
      { config: 'name = "web01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nmax_grant_version = 16\n', note: "xl takes it; libxl allows 0-15 only." },
    ],
    valid: [{ config: 'name = "win01"\ntype = "hvm"\nmmio_hole = 1024\ncpu_weight = 512\ntsc_mode = "default"\n' }],
  },
  check(context) {
    for (const { setting, option } of settingsXlReads(context)) {
      if (option.status !== "xl" || !option.range || HANDLED_ELSEWHERE.has(option.key) || setting.operator === "+=") continue;
      if (!isNumericKind(option.kind) && !isNumberOrNameKind(option.kind)) continue;
      const type = context.guest.type;
      if (type !== undefined && option.rejectedFor?.includes(type)) continue;
      const value = stringSetting(context, setting.key);
      if (!value) continue;
      const read = readXlNumber(value.value, xlNumberOptionsFor(setting.key));
      // xl's own bounds on the grant limits come back from the reader as failures.
      const bounded = read.problems.find((p) => p.code === "number-below-minimum" || p.code === "number-above-maximum");
      const number = bounded ? readXlNumber(value.value).value : read.value;
      if (number === undefined) continue;
      const { min, max } = option.range;
      if ((min === undefined || number >= BigInt(min)) && (max === undefined || number <= BigInt(max))) {
        const limit = LIBXL_LIMITS.get(option.key);
        if (limit && number > limit.max) {
          context.report({
            range: value.range,
            message: `\`${setting.key}\` is ${number}, above the ${limit.max} libxl accepts`,
            help: `xl takes it, but ${limit.why}, so libxl refuses to create the domain. ${limit.advice}`,
          });
        }
        continue;
      }
      const effect = bounded ? "fatal" : effectHere(context, option, number);
      if (effect === "skip") continue;
      const { severity, text } = bounded && option.key.startsWith("max_") ? { severity: "error" as const, text: "xl stops without printing any message" } : consequence(effect);
      const documented = option.onOutOfRange ? "" : " the manual documents";
      context.report({
        range: value.range,
        severity,
        message: `\`${setting.key}\` is ${number}, outside the range${documented} (${bounds(option)})`,
        help: `${capitalised(text)}. ${advice(option)}`,
      });
    }
  },
};
