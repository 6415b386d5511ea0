/** Every rule xlint has, in the order `xlint rules` lists them. */
import type { Rule } from "../engine/types";
import { duplicateKey } from "./duplicate-key";
import { syntax } from "./syntax";
import { unusedSuppression } from "./unused-suppression";

export const allRules: readonly Rule[] = [syntax, duplicateKey, unusedSuppression];

export function ruleById(id: string): Rule | undefined {
  return allRules.find((r) => r.id === id);
}
