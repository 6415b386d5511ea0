/** Every rule xlint has, in the order `xlint rules` lists them. */
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
import { unusedSuppression } from "./unused-suppression";

export const allRules: readonly Rule[] = [
  syntax,
  unknownKey,
  xlConfKey,
  xmOnlyKey,
  duplicateKey,
  ...valuesRules,
  ...guestRules,
  ...diskRules,
  ...netRules,
  ...devicesRules,
  unusedSuppression,
];

export function ruleById(id: string): Rule | undefined {
  return allRules.find((r) => r.id === id);
}
