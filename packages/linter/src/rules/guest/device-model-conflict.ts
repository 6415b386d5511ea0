import type { Range } from "@xlint/parser";
import type { FileContext, FileRule, RelatedLocation } from "../../engine/types";
import { basename, deviceModelOf, type DeviceModel } from "../util/guest-settings";
import { stringSetting } from "../util/settings";

type Bios = "rombios" | "seabios" | "ovmf";
const BIOSES: readonly Bios[] = ["rombios", "seabios", "ovmf"];

/** The BIOS libxl gives an HVM guest: `bios`, then `firmware` (which wins), then the device model's default. */
function biosOf(context: FileContext, model: DeviceModel): { bios: Bios; key: "bios" | "firmware" | undefined; range: Range | undefined } {
  let chosen: { bios: Bios; key: "bios" | "firmware"; range: Range } | undefined;
  const bios = stringSetting(context, "bios");
  const named = BIOSES.find((b) => b === bios?.value.toLowerCase());
  if (bios && named) chosen = { bios: named, key: "bios", range: bios.range };
  const firmware = stringSetting(context, "firmware");
  if (firmware) {
    const asBios = BIOSES.find((b) => b === firmware.value.toLowerCase());
    if (asBios) chosen = { bios: asBios, key: "firmware", range: firmware.range };
    else if ("uefi".startsWith(firmware.value)) chosen = { bios: "ovmf", key: "firmware", range: firmware.range };
  }
  return chosen ?? { bios: model === "qemu-xen-traditional" ? "rombios" : "seabios", key: undefined, range: undefined };
}

/** An HVM setting the chosen device model cannot serve: libxl refuses the guest. */
export const deviceModelConflict: FileRule = {
  id: "device-model-conflict",
  scope: "file",
  severity: "error",
  category: "correctness",
  fixable: "none",
  summary: "An HVM guest asks for something its device model cannot do (BIOS, direct kernel boot, qxl), which libxl refuses",
  docs: {
    description: [
      "HVM guests are emulated by qemu-xen (the default) or the old qemu-xen-traditional, and each supports",
      "only some setups. libxl refuses to create the guest when:",
      "",
      "- qemu-xen is asked for `rombios` (it works with SeaBIOS or OVMF);",
      "- qemu-xen-traditional is asked for anything but `rombios` (`seabios`, `ovmf`, `firmware = \"uefi\"`);",
      "- qemu-xen-traditional is asked to boot a `kernel` directly;",
      "- qemu-xen-traditional is given `vga = \"qxl\"`.",
      "",
      "A stub domain (`device_model_stubdomain_override = 1`) uses qemu-xen-traditional unless",
      "`device_model_version` says otherwise. Use qemu-xen, which Xen 4.21 made the only choice, and drop",
      "`bios = \"rombios\"`.",
    ].join("\n"),
    invalid: [
      { config: 'name = "win01"\ntype = "hvm"\nbios = "rombios"\n', note: "qemu-xen, the default, has no ROMBIOS." },
      { config: 'name = "win01"\ntype = "hvm"\ndevice_model_version = "qemu-xen-traditional"\nfirmware = "uefi"\n' },
    ],
    valid: [
      { config: 'name = "win01"\ntype = "hvm"\nfirmware = "uefi"\n' },
      { config: 'name = "old01"\ntype = "hvm"\ndevice_model_version = "qemu-xen-traditional"\nbios = "rombios"\n' },
    ],
  },
  check(context) {
    if (context.guest.type !== "hvm") return;
    const dm = deviceModelOf(context);
    if (!dm) return;
    const version = stringSetting(context, "device_model_version");
    const stub = stringSetting(context, "device_model_stubdomain_override");
    const dmRange = version?.range ?? stub?.range;
    const related: RelatedLocation[] = dmRange ? [{ path: context.path, range: dmRange, message: `the device model is ${dm.model}` }] : [];
    const modelText = dm.explicit ? dm.model : dm.model === "qemu-xen" ? "qemu-xen (the default)" : "qemu-xen-traditional (the default for a stub domain)";

    const bios = biosOf(context, dm.model);
    if (bios.key && bios.range) {
      const wrong = dm.model === "qemu-xen" ? bios.bios === "rombios" : bios.bios !== "rombios";
      if (wrong) {
        context.report({
          range: bios.range,
          ...(dm.model === "qemu-xen"
            ? {
                message: `\`${bios.key}\` asks for ROMBIOS, which ${modelText} does not support`,
                help: 'libxl refuses to create the guest ("qemu-xen does not support bios=rombios"). Use `seabios` (the default) or `ovmf`.',
              }
            : {
                message: `\`${bios.key}\` asks for ${bios.bios === "ovmf" ? "OVMF (UEFI)" : "SeaBIOS"}, but ${modelText} only works with ROMBIOS`,
                help: `libxl refuses to create the guest ("qemu-xen-traditional requires bios=rombios"). Switch to qemu-xen, or drop \`${bios.key}\`.`,
              }),
          related,
        });
      }
    }
    if (dm.model !== "qemu-xen-traditional") return;
    const kernel = stringSetting(context, "kernel");
    if (kernel && basename(kernel.value) !== "hvmloader") {
      // libxl refuses this only when it builds qemu's command line, a stage the oracle cannot reach; kept
      // a warning so that an `error` always means a refusal the real xl confirms before creating anything.
      context.report({
        severity: "warning",
        range: kernel.range,
        message: `${modelText} cannot boot an HVM guest's \`kernel\` directly`,
        help: 'libxl refuses to start the device model ("HVM direct kernel boot is not supported by qemu-xen-traditional"). Use qemu-xen, or boot from the guest\'s disk.',
        related,
      });
    }
    const vga = stringSetting(context, "vga");
    if (vga?.value === "qxl") {
      context.report({
        range: vga.range,
        message: `${modelText} has no qxl graphics card`,
        help: 'libxl refuses to create the guest ("qemu upstream required for qxl vga"). Use qemu-xen, or `vga = "stdvga"`.',
        related,
      });
    }
  },
};
