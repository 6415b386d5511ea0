/** The net rule family (vifs, and guests clashing across files), in the order `xlint rules` lists them. */
import type { Rule } from "../../engine/types";
import { duplicateMac } from "./duplicate-mac";
import { duplicateName } from "./duplicate-name";
import { duplicateUuid } from "./duplicate-uuid";
import { vifDeprecatedKey } from "./vif-deprecated-key";
import { vifDuplicateDevid } from "./vif-duplicate-devid";
import { vifInvalidMac } from "./vif-invalid-mac";
import { vifInvalidNumber } from "./vif-invalid-number";
import { vifInvalidRate } from "./vif-invalid-rate";
import { vifInvalidType } from "./vif-invalid-type";
import { vifIoemuOnPv } from "./vif-ioemu-on-pv";
import { vifMacOui } from "./vif-mac-oui";
import { vifMissingBridge } from "./vif-missing-bridge";
import { vifModelIgnored } from "./vif-model-ignored";
import { vifMulticastMac } from "./vif-multicast-mac";
import { vifNameTooLong } from "./vif-name-too-long";
import { vifRateOctal } from "./vif-rate-octal";
import { vifRateTooLow } from "./vif-rate-too-low";
import { vifRepeatedKey } from "./vif-repeated-key";
import { vifUnknownKey } from "./vif-unknown-key";
import { vifWhitespace } from "./vif-whitespace";

export const netRules: readonly Rule[] = [
  // what xl or libxl refuses
  vifInvalidRate,
  vifInvalidNumber,
  vifDuplicateDevid,
  vifIoemuOnPv,
  // addresses
  vifInvalidMac,
  vifMulticastMac,
  duplicateMac,
  vifMacOui,
  // items xl ignores or reads differently
  vifUnknownKey,
  vifWhitespace,
  vifRepeatedKey,
  vifInvalidType,
  vifModelIgnored,
  vifDeprecatedKey,
  vifRateOctal,
  vifRateTooLow,
  vifNameTooLong,
  // the host, and guests clashing across files
  vifMissingBridge,
  duplicateName,
  duplicateUuid,
];
