/** The net rule family (vifs, and guests clashing across files), in the order `xlint rules` lists them. */
import type { Rule } from "../../engine/types";
import { duplicateMac } from "./duplicate-mac";
import { duplicateName } from "./duplicate-name";
import { duplicateUuid } from "./duplicate-uuid";
import { vifInvalid } from "./vif-invalid";
import { vifMissingBridge } from "./vif-missing-bridge";

export const netRules: readonly Rule[] = [duplicateMac, vifInvalid, vifMissingBridge, duplicateName, duplicateUuid];
