/** The values rule family, in the order `xlint rules` lists them. */
import type { Rule } from "../../engine/types";
import { appendToNumber } from "./append-to-number";
import { deprecatedOption } from "./deprecated-option";
import { enumCase } from "./enum-case";
import { ignoredOption } from "./ignored-option";
import { invalidEnumValue } from "./invalid-enum-value";
import { invalidNumber } from "./invalid-number";
import { nestedListItem } from "./nested-list-item";
import { numberOutOfRange } from "./number-out-of-range";
import { quotedNumber } from "./quoted-number";
import { removedValue } from "./removed-value";
import { wrongValueShape } from "./wrong-value-shape";

export const valuesRules: readonly Rule[] = [
  // shapes
  wrongValueShape,
  nestedListItem,
  // numbers
  invalidNumber,
  appendToNumber,
  numberOutOfRange,
  quotedNumber,
  // names
  invalidEnumValue,
  enumCase,
  removedValue,
  // keys
  deprecatedOption,
  ignoredOption,
];
