/**
 * Numeric settings as xl reads them (`xlu_cfg_get_long` and the defbools
 * built on it, reference §1.3, §1.6, §1.7), for the number rules of the
 * values family: which settings are read as numbers, how loudly xl
 * complains about a bad one, and what it then does.
 */
import type { Range, Setting, Span } from "@xlint/parser";
import type { OptionInfo } from "../../catalog";
import type { FileContext, Severity } from "../../engine/types";
import { spanRange, stringSetting, type StringSetting } from "./settings";
import { isNumericKind, settingsXlReads } from "./values-read";

export interface NumericSetting {
  readonly setting: Setting;
  readonly option: OptionInfo;
  readonly value: StringSetting;
  /** xl reads the key with warnings turned off: a bad value is dropped without a word. */
  readonly quiet: boolean;
  /** xl stops (silently) on a bad value: the `max_grant_*` limits. */
  readonly fatal: boolean;
}

/**
 * Every single-value setting xl reads only as a number: the integer and
 * boolean keys, and `viridian` written as one value (xl then reads it as a
 * boolean, quietly). Keys xl reads just to warn about them are left out.
 */
export function* numericSettings(context: FileContext): Generator<NumericSetting> {
  for (const { setting, option } of settingsXlReads(context)) {
    if (option.status !== "xl") continue;
    const value = stringSetting(context, setting.key);
    if (!value) continue;
    if (isNumericKind(option.kind)) {
      yield { setting, option, value, quiet: option.onBadValue === "silent", fatal: option.onBadValue === "fatal" };
    } else if (option.kind === "boolean-or-enum-list") {
      yield { setting, option, value, quiet: true, fatal: false };
    }
  }
}

/** What xl does with a value it cannot read as a number, as a clause. */
export function unreadableConsequence(read: Pick<NumericSetting, "quiet" | "fatal">): string {
  if (read.fatal) return "xl stops without printing any message, so the guest is not created";
  if (read.quiet) return "xl reads this key quietly and drops a value it cannot use, so the default applies";
  return "xl prints a warning and ignores the setting, so the default applies";
}

export function unreadableSeverity(read: Pick<NumericSetting, "fatal">): Severity {
  return read.fatal ? "error" : "warning";
}

/** Why a text is not a number to xl, when there is a recognisable reason. */
export function numberHint(text: string, option: OptionInfo): string {
  if (/^\s*\d+\s*[kKmMgGtT][iI]?[bB]?\s*$/.test(text)) return " (xl understands no size suffixes; sizes are plain numbers)";
  if (/^\s*(yes|no|true|false|on|off)\s*$/i.test(text) && option.kind !== "integer") return " (xl's booleans are the numbers 1 and 0)";
  if (/\s$/.test(text)) return " (a trailing blank is not allowed)";
  if (/^\s*[+-]?0\d*[89]/.test(text)) return " (a leading 0 makes it octal, where 8 and 9 are not digits)";
  if (/^\s*[+-]?\d*\.\d/.test(text)) return " (only whole numbers are allowed)";
  if (/^\s*[+-]?0[xX]$/.test(text)) return " (the hex digits are missing)";
  return "";
}

const SIZE_FACTORS: Readonly<Record<string, bigint>> = { m: 1n, g: 1024n, t: 1024n * 1024n };

/**
 * The number the author meant, when it is unmistakable: surrounding blanks
 * dropped, a MiB size with an M/G/T suffix on a MiB key, or a boolean word.
 */
export function intendedNumber(text: string, option: OptionInfo): string | undefined {
  const trimmed = text.trim();
  if (trimmed !== text && /^(0|[1-9]\d*|0x[0-9a-fA-F]+)$/.test(trimmed)) return trimmed.toLowerCase();
  const sized = /^(\d+)\s*([mMgGtT])(?:i?[bB])?$/.exec(trimmed);
  if (sized && option.unit === "MiB") {
    const factor = SIZE_FACTORS[(sized[2] as string).toLowerCase()];
    if (factor !== undefined) return String(BigInt(sized[1] as string) * factor);
  }
  if (option.kind === "boolean") {
    if (/^(yes|true|on)$/i.test(trimmed)) return "1";
    if (/^(no|false|off)$/i.test(trimmed)) return "0";
  }
  return undefined;
}

/** The file range of some characters of a one-atom value; the whole value when it was joined or the span is empty. */
export function rangeWithin(context: FileContext, value: StringSetting, span: Span | undefined): Range {
  if (!value.spec || !span || span.end <= span.start || span.end > value.spec.text.length) return value.range;
  return spanRange(context, value.spec, span);
}
