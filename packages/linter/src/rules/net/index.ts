/** The net rule family, in the order `xlint rules` lists them. */
import type { Rule } from "../../engine/types";

export const netRules: readonly Rule[] = [];
