/**
 * The guest type xl will build, worked out the way xl_parse.c does it: `type`
 * first, then the deprecated `builder`, else the architecture's default. Both
 * keys are matched by prefix (`"h"` is hvm, `""` is hvm too), a quirk rules
 * need to see to explain surprising results.
 */
import type { Range, Setting } from "@xlint/parser";
import type { HostProfile } from "./host";

export type GuestType = "pv" | "pvh" | "hvm";

export interface GuestTypeInfo {
  /** Undefined when xl refuses the type (`type="HVM"`, `builder="linux"`, a contradiction). */
  readonly type: GuestType | undefined;
  /** Where it came from; `default` means neither key is set. */
  readonly source: "type" | "builder" | "default";
  /** The value that decided it, when one did. */
  readonly range: Range | undefined;
  /** The text as written, when it was not the canonical name (`"h"`, `""`). */
  readonly writtenAs: string | undefined;
}

const isPrefixOf = (value: string, word: string): boolean => word.startsWith(value);

/** `type`'s value as xl reads it: a prefix of hvm, then of pv, then of pvh. */
export function typeFromTypeKey(value: string): GuestType | undefined {
  if (isPrefixOf(value, "hvm")) return "hvm";
  if (isPrefixOf(value, "pv")) return "pv";
  if (isPrefixOf(value, "pvh")) return "pvh";
  return undefined;
}

/** `builder`'s value as xl reads it: a prefix of hvm, then of generic (PV). */
export function typeFromBuilderKey(value: string): GuestType | undefined {
  if (isPrefixOf(value, "hvm")) return "hvm";
  if (isPrefixOf(value, "generic")) return "pv";
  return undefined;
}

function stringSetting(setting: Setting | undefined): { value: string; range: Range | undefined } | undefined {
  if (!setting || setting.value.kind !== "string") return undefined;
  const parts = setting.value.parts;
  const first = parts[0];
  const last = parts[parts.length - 1];
  const range = first && last ? { start: first.range.start, end: last.range.end } : undefined;
  return { value: setting.value.value, range };
}

export function resolveGuestType(setting: (key: string) => Setting | undefined, host: HostProfile): GuestTypeInfo {
  const type = stringSetting(setting("type"));
  const builder = stringSetting(setting("builder"));
  if (type) {
    const fromType = typeFromTypeKey(type.value);
    const fromBuilder = builder ? typeFromBuilderKey(builder.value) : undefined;
    // xl refuses a builder that disagrees with type (pvh + generic included).
    const contradicts = builder !== undefined && fromBuilder !== fromType;
    return {
      type: contradicts ? undefined : fromType,
      source: "type",
      range: type.range,
      writtenAs: fromType === type.value ? undefined : type.value,
    };
  }
  if (builder) {
    const fromBuilder = typeFromBuilderKey(builder.value);
    return { type: fromBuilder, source: "builder", range: builder.range, writtenAs: builder.value };
  }
  return { type: host.arch === "arm" ? "pvh" : "pv", source: "default", range: undefined, writtenAs: undefined };
}
