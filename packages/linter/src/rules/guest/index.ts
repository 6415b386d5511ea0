/** The guest rule family, in the order `xlint rules` lists them. */
import type { Rule } from "../../engine/types";

export const guestRules: readonly Rule[] = [];
