/** Every rule xlint has, in the order `xlint rules` lists them. */
import { FILE_KINDS } from "../engine/file-kinds";
import type { Rule } from "../engine/types";
import { duplicateKey } from "./duplicate-key";
import { syntax } from "./syntax";
import { unknownKey } from "./unknown-key";
import { xlConfKey } from "./xl-conf-key";
import { xmOnlyKey } from "./xm-only-key";
import { valuesRules } from "./values";
import { guestRules } from "./guest";
import { diskRules } from "./disk";
import { netRules } from "./net";
import { devicesRules } from "./devices";
import { hostFilesRules } from "./host-files";
import { guestOsDirective } from "./guest-os-directive";
import { unusedSuppression } from "./unused-suppression";

/**
 * xl.conf and cpupool files share libxlu's grammar, and with it what these
 * rules check: syntax, and keys assigned twice (the last one wins there too).
 */
const everyKind = { kinds: FILE_KINDS };

export const allRules: readonly Rule[] = [
  { ...syntax, ...everyKind },
  unknownKey,
  xlConfKey,
  xmOnlyKey,
  { ...duplicateKey, ...everyKind },
  ...valuesRules,
  ...guestRules,
  ...diskRules,
  ...netRules,
  ...devicesRules,
  ...hostFilesRules,
  guestOsDirective,
  unusedSuppression,
];

export function ruleById(id: string): Rule | undefined {
  return allRules.find((r) => r.id === id);
}
