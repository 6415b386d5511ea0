/** The devices rule family, in the order `xlint rules` lists them. */
import type { Rule } from "../../engine/types";
import { channelInvalid } from "./channel-invalid";
import { cpuidInvalid } from "./cpuid-invalid";
import { deviceSpecCrash } from "./device-spec-crash";
import { invalidIoResource } from "./invalid-io-resource";
import { p9Invalid } from "./p9-invalid";
import { pciInvalidSpec } from "./pci-invalid-spec";
import { pvcallsInvalid } from "./pvcalls-invalid";
import { rdmIgnored } from "./rdm-ignored";
import { spiceIncomplete } from "./spice-incomplete";
import { usbInvalid } from "./usb-invalid";
import { usbversionConflict } from "./usbversion-conflict";
import { vdisplInvalid } from "./vdispl-invalid";
import { vfbIgnoredSetting } from "./vfb-ignored-setting";
import { videoramInvalid } from "./videoram-invalid";
import { viridianInvalid } from "./viridian-invalid";
import { virtioInvalid } from "./virtio-invalid";
import { vkbInvalid } from "./vkb-invalid";
import { vncDisplayConflict } from "./vnc-display-conflict";
import { vsndInvalid } from "./vsnd-invalid";
import { vtpmInvalid } from "./vtpm-invalid";

export const devicesRules: readonly Rule[] = [
  pciInvalidSpec,
  rdmIgnored,
  invalidIoResource,
  channelInvalid,
  vtpmInvalid,
  p9Invalid,
  pvcallsInvalid,
  vkbInvalid,
  vfbIgnoredSetting,
  vdisplInvalid,
  usbInvalid,
  vsndInvalid,
  virtioInvalid,
  deviceSpecCrash,
  viridianInvalid,
  usbversionConflict,
  spiceIncomplete,
  videoramInvalid,
  vncDisplayConflict,
  cpuidInvalid,
];
