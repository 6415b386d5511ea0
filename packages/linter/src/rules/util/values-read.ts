/**
 * Which settings xl actually reads, and in which shape, for the values
 * family. xl_parse.c looks most keys up unconditionally, some only for one
 * guest type, and the top-level display keys of a PV guest only in some
 * cases; a key it never looks up cannot be refused or warned about, so the
 * value rules check only what xl reads (the guest family reports the rest).
 */
import type { Setting } from "@xlint/parser";
import { optionByKey, type OptionInfo, type OptionKind } from "../../catalog";
import { compareXenVersions } from "../../engine/host";
import type { FileContext } from "../../engine/types";
import { leadingStringItems } from "./guest-settings";
import { numberSetting } from "./settings";

/** A setting together with its catalog entry. */
export interface KnownSetting {
  readonly setting: Setting;
  readonly option: OptionInfo;
}

/** The shape of value xl asks libxlu for: a single atom, a list, or either. */
export type ExpectedShape = "single" | "list" | "either";

const SHAPE_OF_KIND: Readonly<Record<OptionKind, ExpectedShape>> = {
  string: "single",
  integer: "single",
  boolean: "single",
  enum: "single",
  spec: "single",
  "integer-or-enum": "single",
  "boolean-or-enum": "single",
  "enum-list": "list",
  "string-list": "list",
  "nested-list": "list",
  "spec-list": "list",
  "string-or-list": "either",
  "boolean-or-enum-list": "either",
  any: "either",
};

export function expectedShape(option: OptionInfo): ExpectedShape {
  return SHAPE_OF_KIND[option.kind];
}

/** Kinds xl reads only as a number (`xlu_cfg_get_long`, or a defbool on top of it). */
export function isNumericKind(kind: OptionKind): boolean {
  return kind === "integer" || kind === "boolean";
}

/** Kinds xl first tries as a number (quietly) and otherwise reads as a name. */
export function isNumberOrNameKind(kind: OptionKind): boolean {
  return kind === "integer-or-enum" || kind === "boolean-or-enum";
}

/** Whether the release the configs target knows the key at all (newer keys are unknown-key's). */
function knownToRelease(context: FileContext, option: OptionInfo): boolean {
  return option.since === undefined || compareXenVersions(context.host.xenVersion, option.since) >= 0;
}

/**
 * Whether xl looks the key up for this config: the release knows it, it is
 * read for this guest type, and (for the top-level display keys of a PV
 * guest) xl builds a framebuffer at all. With an invalid guest type only
 * the keys read for every type count, since xl refuses the type anyway.
 */
export function xlReads(context: FileContext, option: OptionInfo): boolean {
  if (option.status === "xm-only" || !knownToRelease(context, option)) return false;
  const type = context.guest.type;
  if (type === undefined) return option.readFor.length === 3;
  if (!option.readFor.includes(type)) return false;
  const only = option.readOnlyWith;
  if (only && only.guest === type) {
    // A PV guest reads the top-level vnc and sdl keys when it has `vfb`
    // devices (xl then fills the unused HVM fields from them) or once `vnc`
    // is on; `keymap` only in the second case.
    const hasVfbs = leadingStringItems(context.setting("vfb")) > 0;
    if (hasVfbs) return option.key !== "keymap";
    return only.anyOf.some((key) => {
      const read = numberSetting(context, key)?.value;
      return read !== undefined && read !== 0n;
    });
  }
  return true;
}

/** Every setting of a key the catalog knows and xl reads for this config, in file order. */
export function* settingsXlReads(context: FileContext): Generator<KnownSetting> {
  for (const setting of context.evaluation.settings.values()) {
    const option = optionByKey(setting.key);
    if (option && xlReads(context, option)) yield { setting, option };
  }
}

/** A clause as the start of a help sentence: a capital first letter, unless it starts with a name written in lower case (`xl`, `libxl`). */
export function capitalised(text: string): string {
  return /^(xl|libxl|xl's|libxl's)\b/.test(text) ? text : text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * A value shown in a message: in backticks, shortened when long, and with
 * any backtick inside turned into a quote so the markup holds.
 */
export function shown(text: string): string {
  const short = text.length > 40 ? `${text.slice(0, 37)}…` : text;
  return short === "" ? "`\"\"`" : `\`${short.replace(/`/g, "'")}\``;
}
