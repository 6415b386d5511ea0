import type { FileContext, FileRule } from "../../engine/types";
import { boolValue, deviceModelOf, longSetting } from "../util/guest-settings";
import { stringSetting } from "../util/settings";

type Vga = "stdvga" | "cirrus" | "none" | "qxl";

/** The emulated card xl asks for: `vga` (exact words), else `stdvga` 1 or 0, else cirrus. */
function vgaOf(context: FileContext): Vga | undefined {
  const vga = stringSetting(context, "vga");
  if (vga) {
    const known = (["stdvga", "cirrus", "none", "qxl"] as const).find((v) => v === vga.value);
    // Any other word stops xl; that is the values rules' finding.
    return known;
  }
  const std = boolValue(context, "stdvga");
  return std === true ? "stdvga" : "cirrus";
}

const CARD_NAME: Readonly<Record<Vga, string>> = { stdvga: "the stdvga card", cirrus: "the Cirrus card", none: "no card", qxl: "the qxl card" };

/** `videoram` below what libxl accepts for the card and device model, or a value libxl ignores. */
export const videoramInvalid: FileRule = {
  id: "videoram-invalid",
  scope: "file",
  severity: "error",
  category: "correctness",
  fixable: "none",
  summary: "`videoram` below the minimum of the HVM guest's card and device model (libxl refuses), or one that libxl ignores",
  docs: {
    description: [
      "libxl checks the video memory of an HVM guest's emulated card against a floor that depends on the",
      "card and the device model: with qemu-xen (the default) stdvga needs 16 MiB, Cirrus 8 MiB and qxl",
      "128 MiB; with qemu-xen-traditional stdvga needs 8 MiB. Below that, libxl refuses to create the guest.",
      "The card is `vga`, else `stdvga = 1`, else Cirrus.",
      "",
      "With qemu-xen-traditional the Cirrus card always has 4 MiB: any other `videoram` only draws a",
      "warning from libxl and is ignored, which this rule reports as a warning. Leaving `videoram` out gives",
      "the card its minimum.",
    ].join("\n"),
    invalid: [
      { config: 'name = "win01"\ntype = "hvm"\nvga = "stdvga"\nvideoram = 8\n', note: "stdvga needs 16 MiB with qemu-xen." },
      { config: 'name = "old01"\ntype = "hvm"\ndevice_model_version = "qemu-xen-traditional"\nvideoram = 16\n', note: "Ignored: traditional Cirrus has 4 MiB." },
    ],
    valid: [
      { config: 'name = "win01"\ntype = "hvm"\nvga = "stdvga"\nvideoram = 32\n' },
      { config: 'name = "win01"\ntype = "hvm"\nvga = "qxl"\nvideoram = 128\n' },
    ],
  },
  check(context) {
    if (context.guest.type !== "hvm") return;
    const videoram = longSetting(context, "videoram");
    if (!videoram) return;
    const card = vgaOf(context);
    const dm = deviceModelOf(context);
    if (!card || !dm || card === "none") return;
    // libxl keeps the size in KiB, in an unsigned 64-bit field.
    const kib = BigInt.asUintN(64, videoram.value * 1024n);
    const shown = `\`videoram = ${videoram.value}\``;
    if (dm.model === "qemu-xen-traditional") {
      // qxl with the traditional model is refused for that reason alone (device-model-conflict).
      if (card === "stdvga" && kib < 8n * 1024n) {
        context.report({
          range: videoram.range,
          message: `${shown} is below the 8 MiB that the stdvga card needs with qemu-xen-traditional`,
          help: "libxl refuses to create the guest. Use 8 or more, or leave `videoram` out.",
        });
      } else if (card === "cirrus" && kib !== 4n * 1024n) {
        context.report({
          range: videoram.range,
          message: `${shown} is ignored: with qemu-xen-traditional the Cirrus card always has 4 MiB`,
          help: 'libxl only prints a warning. Remove the line, or use `vga = "stdvga"` for more video memory.',
          severity: "warning",
        });
      }
      return;
    }
    const minimum = card === "qxl" ? 128n : card === "stdvga" ? 16n : 8n;
    if (kib < minimum * 1024n) {
      context.report({
        range: videoram.range,
        message: `${shown} is below the ${minimum} MiB that ${CARD_NAME[card]} needs with qemu-xen`,
        help: `libxl refuses to create the guest. Use ${minimum} or more, or leave \`videoram\` out to get ${minimum}.`,
      });
    }
  },
};
