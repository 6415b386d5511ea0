import { damerauLevenshtein, maxEditsFor } from "../../catalog";
import type { Fix, FileContext, FileRule, Report } from "../../engine/types";
import { replaceValueEdit } from "../util/guest-settings";
import { stringSetting, type StringSetting } from "../util/settings";

const PVGRUBS = ["pvgrub32", "pvgrub64"];
/** The names libxl's bios type parser takes, in any case (`unknown` leaves the default). */
const BIOS_NAMES = ["rombios", "seabios", "ovmf", "unknown"];

function completion(context: FileContext, full: string): Fix | undefined {
  const edit = replaceValueEdit(context, "firmware", full);
  return edit ? { title: `Write \`${full}\``, safety: "safe", edits: [edit] } : undefined;
}

function pvReport(context: FileContext, firmware: StringSetting): Report | undefined {
  const value = firmware.value;
  const fits = PVGRUBS.filter((p) => p.startsWith(value));
  if (fits.length === 0) {
    return {
      range: firmware.range,
      message: `\`${value}\` is not a firmware xl can boot a PV or PVH guest with`,
      help: 'xl takes only `pvgrub32` or `pvgrub64` and refuses anything else ("only pvgrub{32|64} supported"). Use one of those, or boot with `kernel` or `bootloader` instead.',
    };
  }
  if (PVGRUBS.includes(value)) return undefined;
  const only = fits.length === 1 ? fits[0] : undefined;
  const fix = only ? completion(context, only) : undefined;
  return {
    severity: "warning",
    range: firmware.range,
    message: `\`${value}\` is only the start of \`pvgrub32\`/\`pvgrub64\``,
    help: `xl accepts it but then boots the file \`${value}.bin\` from Xen's firmware directory, which does not exist, so the guest fails to start. Write ${only ? `\`${only}\`` : "`pvgrub32` or `pvgrub64`"} in full.`,
    ...(fix ? { fix } : {}),
  };
}

const HVM_NAMES = ["bios", "uefi", "seabios", "rombios", "ovmf"];

/** What xl does with a name it does not know, for HVM messages. */
const AS_LOADER = "xl takes it as the file name of a loader that replaces hvmloader, looked up in Xen's firmware directory";

function hvmReport(context: FileContext, firmware: StringSetting): Report | undefined {
  const value = firmware.value;
  const lower = value.toLowerCase();
  if (BIOS_NAMES.includes(lower) || value === "uefi" || value === "bios") return undefined;
  for (const [full, meaning] of [["uefi", "UEFI (OVMF)"], ["bios", "the default BIOS"]] as const) {
    if (!full.startsWith(value)) continue;
    const fix = completion(context, full);
    const written = value === "" ? "An empty `firmware`" : `\`${value}\``;
    return {
      severity: "warning",
      range: firmware.range,
      message: `${written} is not a firmware name, but xl reads it as \`${full}\``,
      help: `xl compares only the letters written, so the guest boots ${meaning}. Write \`${full}\` so the file says so.`,
      ...(fix ? { fix } : {}),
    };
  }
  if (lower.startsWith("pvgrub")) {
    return {
      severity: "warning",
      range: firmware.range,
      message: `\`${value}\` is GRUB for PV and PVH guests, not a firmware for this HVM guest`,
      help: `${AS_LOADER}, and the guest does not boot. Use \`bios\` or \`uefi\`, or make the guest PV.`,
    };
  }
  if (lower === "uefi" || lower === "bios") {
    const fix = completion(context, lower);
    return {
      severity: "warning",
      range: firmware.range,
      message: `xl knows \`${lower}\` only in lower case, not as \`${value}\``,
      help: `${AS_LOADER}. Write \`${lower}\`.`,
      ...(fix ? { fix } : {}),
    };
  }
  const near = value.includes("/") ? undefined : HVM_NAMES.find((name) => damerauLevenshtein(lower, name) <= Math.max(1, maxEditsFor(name)));
  if (!near) return undefined;
  const edit = replaceValueEdit(context, "firmware", near);
  return {
    severity: "warning",
    range: firmware.range,
    message: `\`${value}\` looks like a misspelt \`${near}\``,
    help: `${AS_LOADER}, which most likely does not exist. Write \`${near}\`.`,
    ...(edit ? { fix: { title: `Write \`${near}\``, safety: "unsafe" as const, edits: [edit] } } : {}),
  };
}

/** A `firmware` value that xl refuses, or that it misreads. */
export const invalidFirmware: FileRule = {
  id: "invalid-firmware",
  scope: "file",
  severity: "error",
  category: "correctness",
  fixable: "safe",
  summary: "`firmware` is not a firmware xl knows for the guest type (refused for PV/PVH, misread for HVM)",
  docs: {
    description: [
      "What `firmware` may say depends on the guest type. For PV and PVH guests only `pvgrub32` and",
      "`pvgrub64` exist, and xl refuses anything that does not start one of them. It compares only the",
      "letters written, though, so `pvgrub` is accepted and makes xl boot `pvgrub.bin`, a file that does",
      "not exist (a warning here).",
      "",
      "For HVM guests, `bios`, `uefi`, `seabios`, `rombios` and `ovmf` are names; a shortened `uefi` or",
      "`bios` (even an empty string, which means UEFI) is completed silently. Anything else is the file",
      "name of a loader that replaces hvmloader (relative names are looked up in Xen's firmware",
      "directory), so `pvgrub64`, `UEFI` or a misspelt `seabio` there make the guest fail to boot. Those",
      "are warnings. The fix writes the name in full or in lower case where only one fits.",
    ].join("\n"),
    invalid: [
      { config: 'name = "web01"\nfirmware = "grub"\ndisk = [ "/dev/vg0/web01,raw,xvda,w" ]\n', note: "PV: refused." },
      { config: 'name = "web01"\ntype = "pvh"\nfirmware = "pvgrub"\n', note: "Accepted, but boots a file that does not exist." },
      { config: 'name = "win01"\ntype = "hvm"\nfirmware = "pvgrub64"\n', note: "HVM: read as the file name of a loader." },
    ],
    valid: [
      { config: 'name = "web01"\ntype = "pv"\nfirmware = "pvgrub64"\ndisk = [ "/dev/vg0/web01,raw,xvda,w" ]\n' },
      { config: 'name = "win01"\ntype = "hvm"\nfirmware = "uefi"\n' },
      { config: 'name = "win01"\ntype = "hvm"\nfirmware = "ovmf"\n' },
    ],
  },
  check(context) {
    const type = context.guest.type;
    const firmware = stringSetting(context, "firmware");
    if (!type || !firmware) return;
    const report = type === "hvm" ? hvmReport(context, firmware) : pvReport(context, firmware);
    if (report) context.report(report);
  },
};
