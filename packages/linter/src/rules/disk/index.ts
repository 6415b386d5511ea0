/** The disk rule family, in the order `xlint rules` lists them. */
import type { Rule } from "../../engine/types";
import { bootloaderWithoutDisk } from "./bootloader-without-disk";
import { diskBackendConflict } from "./backend-conflict";
import { diskDeprecatedPrefix } from "./deprecated-prefix";
import { diskDuplicateDevice } from "./duplicate-device";
import { duplicateDiskTarget } from "./duplicate-target";
import { diskEmptyNotCdrom } from "./empty-not-cdrom";
import { diskIdeClash } from "./ide-clash";
import { diskInvalidSpec } from "./invalid-spec";
import { diskInvalidVdev } from "./invalid-vdev";
import { diskMissingTarget } from "./missing-target";
import { diskMissingVdev } from "./missing-vdev";
import { diskNumericVdev } from "./numeric-vdev";
import { diskReadonlyIde } from "./readonly-ide";
import { diskRelativePath } from "./relative-path";
import { diskSharedWritable } from "./shared-writable";
import { diskTargetNotLast } from "./target-not-last";
import { diskTrustedFlag } from "./trusted-flag";
import { diskVndDevices } from "./vnd-devices";
import { diskWhitespace } from "./whitespace";
import { diskXmPositional } from "./xm-positional";

export const diskRules: readonly Rule[] = [
  // xl's parser refuses the spec
  diskInvalidSpec,
  diskXmPositional,
  diskSharedWritable,
  diskMissingVdev,
  diskMissingTarget,
  diskTrustedFlag,
  // libxl refuses the disk, or the guest cannot use it
  diskInvalidVdev,
  diskNumericVdev,
  diskDuplicateDevice,
  diskReadonlyIde,
  diskEmptyNotCdrom,
  diskBackendConflict,
  bootloaderWithoutDisk,
  // accepted, but probably not what was meant
  diskIdeClash,
  diskWhitespace,
  diskTargetNotLast,
  diskRelativePath,
  duplicateDiskTarget,
  diskVndDevices,
  diskDeprecatedPrefix,
];
