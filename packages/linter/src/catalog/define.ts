/**
 * A small builder for the data files: most keys share the same answers
 * (read for every guest type, both architectures, libxlu's usual warning on
 * the wrong shape), so the data states only what is particular to a key.
 */
import type { XlEffect } from "@xlint/parser";
import type { GuestType, OptionInfo, OptionKind, OptionTopic, WrongShape, XenArch } from "./types";

export const ALL: readonly GuestType[] = ["pv", "pvh", "hvm"];
export const HVM: readonly GuestType[] = ["hvm"];
export const PV: readonly GuestType[] = ["pv"];
export const PVH: readonly GuestType[] = ["pvh"];
export const PV_PVH: readonly GuestType[] = ["pv", "pvh"];
export const PV_HVM: readonly GuestType[] = ["pv", "hvm"];
export const PVH_HVM: readonly GuestType[] = ["pvh", "hvm"];

export const BOTH_ARCHES: readonly XenArch[] = ["x86", "arm"];
export const X86: readonly XenArch[] = ["x86"];
export const ARM: readonly XenArch[] = ["arm"];

/** Kinds for which libxlu's plain reading already says what a bad value does. */
type KindWithUsualBadValue = "integer" | "boolean" | "string" | "any";

type Defaulted = "topic" | "status" | "arch" | "appliesTo" | "readFor" | "onBadValue" | "onWrongShape";

type OptionInput = Omit<OptionInfo, Defaulted> &
  Partial<Pick<OptionInfo, "status" | "arch" | "appliesTo" | "readFor">> & {
    /** `null` states that neither shape is wrong (the key takes both). */
    readonly onWrongShape?: WrongShape | null;
  } & (
    | { readonly kind: KindWithUsualBadValue; readonly onBadValue?: XlEffect }
    | { readonly kind: Exclude<OptionKind, KindWithUsualBadValue>; readonly onBadValue: XlEffect }
  );

/**
 * libxlu's answer to a non-number in a numeric key is a warning, after
 * which xl ignores the key; xl takes any text for a string key.
 */
const USUAL_BAD_VALUE: Record<KindWithUsualBadValue, XlEffect> = {
  integer: "warning",
  boolean: "warning",
  string: "silent",
  any: "silent",
};

/** Kinds that take both shapes, or any value: nothing is the wrong shape. */
const SHAPELESS: ReadonlySet<OptionKind> = new Set<OptionKind>(["string-or-list", "boolean-or-enum-list", "any"]);

/** libxlu warns and xl ignores the key: the usual wrong-shape outcome. */
const USUAL_WRONG_SHAPE: WrongShape = { effect: "warning" };

/** An option builder for one data file. */
export function optionsOf(topic: OptionTopic): (input: OptionInput) => OptionInfo {
  return (input) => {
    const { onWrongShape, onBadValue, ...rest } = input;
    const appliesTo = input.appliesTo ?? ALL;
    const wrongShape = onWrongShape === null ? undefined : (onWrongShape ?? (SHAPELESS.has(input.kind) ? undefined : USUAL_WRONG_SHAPE));
    const badValue = onBadValue ?? USUAL_BAD_VALUE[input.kind as KindWithUsualBadValue];
    return {
      ...rest,
      topic,
      status: input.status ?? "xl",
      arch: input.arch ?? BOTH_ARCHES,
      appliesTo,
      readFor: input.readFor ?? ALL,
      onBadValue: badValue,
      ...(wrongShape ? { onWrongShape: wrongShape } : {}),
    };
  };
}
