/**
 * The model of the option catalog: what xlint knows about every key that xl
 * reads from a domain config (and about the keys it never reads but people
 * still write). Facts come from Xen 4.17's tools/xl/xl_parse.c, checked
 * against the real xl through the oracle; the prose is ours.
 */
import type { XlEffect } from "@xlint/parser";

/** A guest type as xl names it in `type = "..."`. */
export type GuestType = "pv" | "pvh" | "hvm";

/** The architecture whose toolstack gives the key a meaning. */
export type XenArch = "x86" | "arm";

/** A Xen release after 4.17 that added a key or changed its values. */
export type XenVersion = "4.18" | "4.19" | "4.20" | "4.21" | "4.22";

/**
 * The shape of value xl expects. libxlu only knows strings and lists, so
 * these name how xl_parse.c READS the key:
 * - `string`: any single atom, taken as text;
 * - `integer`: a single atom read as a C long (decimal, 0x hex, 0 octal);
 * - `boolean`: an integer where 0 is false and anything else true;
 * - `enum`: a single string from a fixed set (see `values`);
 * - `enum-list`: a list whose every item comes from a fixed set;
 * - `string-list`: a flat list of strings;
 * - `nested-list`: a list of lists of strings (vnuma, vsnd);
 * - `spec`: one string with its own mini-syntax (see `spec`);
 * - `spec-list`: a list of such strings;
 * - `string-or-list`: xl takes either a string or a list (cpus, serial …);
 * - `integer-or-enum`: a number or a name (tsc_mode, timer_mode, altp2m);
 * - `boolean-or-enum`: a boolean, or a name that also switches it on;
 * - `boolean-or-enum-list`: a boolean, or a list of names (viridian);
 * - `any`: xl never looks at the value (xm leftovers, vif2).
 */
export type OptionKind =
  | "string"
  | "integer"
  | "boolean"
  | "enum"
  | "enum-list"
  | "string-list"
  | "nested-list"
  | "spec"
  | "spec-list"
  | "string-or-list"
  | "integer-or-enum"
  | "boolean-or-enum"
  | "boolean-or-enum-list"
  | "any";

/** The mini-language of a `spec`/`spec-list` value, for the spec parsers. */
export type OptionSpec =
  | "disk"
  | "vif"
  | "pci"
  | "cpulist"
  | "vnuma"
  | "rdm"
  | "usbctrl"
  | "usbdev"
  | "channel"
  | "vfb"
  | "vkb"
  | "vtpm"
  | "p9"
  | "pvcalls"
  | "vdispl"
  | "vsnd"
  | "iomem"
  | "ioports"
  | "irqs"
  | "cpuid"
  | "uuid"
  | "virtio"
  | "smbios"
  | "xenstore-quota"
  | "llc-colors"
  | "arm-sci";

/**
 * How xl treats the key:
 * - `xl`: read and used;
 * - `warns-and-ignores`: read only to print a warning (device_model, vncviewer, vif2);
 * - `xm-only`: a key of the old xm toolstack that xl never reads.
 */
export type OptionStatus = "xl" | "warns-and-ignores" | "xm-only";

/** The data file an option lives in; also a grouping for completion menus. */
export type OptionTopic =
  | "identity"
  | "cpu-memory"
  | "lifecycle"
  | "boot"
  | "platform"
  | "graphics-devices"
  | "device-model"
  | "device-lists"
  | "arm"
  | "xm";

/** The values an enum-like key takes. */
export interface AllowedValues {
  /** The documented values, spelled as the man page and xl spell them. */
  readonly allowed: readonly string[];
  /**
   * How xl compares: `exact` (strcmp), `case-insensitive` (libxl's
   * `*_from_string`), or `prefix` (any prefix of an allowed value, even the
   * empty string, picks the first value in `allowed` it starts).
   */
  readonly match: "exact" | "case-insensitive" | "prefix";
  /** Words compared exactly even when `match` is looser (viridian's `all`, `defaults`). */
  readonly keywords?: readonly string[];
  /** Spellings xl also takes without complaint though they are not documented (libxl's `unknown`). */
  readonly alsoAccepted?: readonly string[];
  /** Anything else a linter needs to know about the values, in our words. */
  readonly note?: string;
}

/** A value that a release after 4.17 started to accept. */
export interface AddedValue {
  readonly value: string;
  /** First release that accepts it. */
  readonly since: XenVersion;
}

/** A value that a later release stopped accepting. */
export interface RemovedValue {
  readonly value: string;
  /** First release that rejects it. */
  readonly since: XenVersion;
  readonly note: string;
}

/**
 * What xl does when the value has the other top-level shape: a list where
 * it reads a single value, or a single value where it reads a list.
 * - `fatal`: xl refuses the config;
 * - `warning`: libxlu prints a warning and xl ignores the key;
 * - `silent`: xl ignores the key without a word;
 * - `deprecated`: xl warns but converts the value and uses it.
 */
export interface WrongShape {
  readonly effect: "fatal" | "warning" | "silent" | "deprecated";
  readonly note?: string;
}

export interface DeprecationInfo {
  /** The release that deprecated it, when known. */
  readonly since?: string;
  /** What to write instead. */
  readonly replacement?: string;
  readonly note: string;
}

/** Another key that must be set for this one to work. */
export interface Requirement {
  /** Keys of which at least one must be set too. */
  readonly anyOf: readonly string[];
  /** What happens when none of them is. */
  readonly effect: XlEffect;
  readonly note: string;
}

/** Everything xlint knows about one domain-config key. */
export interface OptionInfo {
  readonly key: string;
  readonly topic: OptionTopic;
  readonly kind: OptionKind;
  /** The mini-language of the value, for `spec`, `spec-list` and some combined kinds. */
  readonly spec?: OptionSpec;
  /**
   * Guest types on which the key has an effect. For `xm-only` and
   * `warns-and-ignores` keys: the types the key was meant for.
   */
  readonly appliesTo: readonly GuestType[];
  /**
   * Guest types for which xl looks the key up at all (§6.2 of the
   * reference): for other types a bad value goes unnoticed. Always a
   * superset of `appliesTo`. For `xm-only` keys, which xl never reads,
   * it repeats `appliesTo`.
   */
  readonly readFor: readonly GuestType[];
  /** Architectures on which the key means something. */
  readonly arch: readonly XenArch[];
  /** For enum-like kinds: the values and how they are compared. */
  readonly values?: AllowedValues;
  /** Values worth offering in completion that xl passes on without checking. */
  readonly suggestions?: readonly string[];
  /** Bounds xl (or libxl) enforces or documents for a number. */
  readonly range?: { readonly min?: number; readonly max?: number };
  /** What xl does with a number outside `range`; absent when nobody checks it. */
  readonly onOutOfRange?: XlEffect;
  readonly unit?: "MiB" | "KiB" | "seconds" | "microseconds" | "percent" | "pages";
  /** The value used when the key is absent, in words where it depends. */
  readonly default?: string;
  readonly deprecated?: DeprecationInfo;
  /** The release that added the key; undefined means it is in 4.17. */
  readonly since?: XenVersion;
  /** Values accepted only from a later release on (4.17 refuses them). */
  readonly addedValues?: readonly AddedValue[];
  readonly removedValues?: readonly RemovedValue[];
  readonly status: OptionStatus;
  /** What xl does with a value of the right shape that it cannot use. */
  readonly onBadValue: XlEffect;
  /** Overrides of `onBadValue` for some guest types (firmware on HVM is taken as a path). */
  readonly onBadValueFor?: Partial<Readonly<Record<GuestType, XlEffect>>>;
  /** What xl does with the wrong top-level shape; absent when both shapes are fine. */
  readonly onWrongShape?: WrongShape;
  /**
   * A guest type for which xl reads the key only when one of some other
   * keys is set: a PV guest without a `vfb` list reads the top-level
   * display keys only once `vnc` is on.
   */
  readonly readOnlyWith?: { readonly guest: GuestType; readonly anyOf: readonly string[] };
  /** A companion key this one needs, and what happens without it. */
  readonly requires?: Requirement;
  /** Guest types for which xl refuses the key whatever its value. */
  readonly rejectedFor?: readonly GuestType[];
  /** What xl prints whenever the key is set, whatever the value (a removal notice, a stray debug line). */
  readonly warnsWhenSet?: string;
  /** Why a key that xl reads changes nothing (slice and latency). */
  readonly noEffect?: string;
  /** Hover text: 1–4 sentences in our words, with one example in backticks that starts with the key. */
  readonly doc: string;
  /** Where the man page documents it: `xl.cfg(5) › Section › Subsection`, or why it does not. */
  readonly man: string;
}

/** A key of `/etc/xen/xl.conf`, the host-wide xl settings. */
export interface XlConfOption {
  readonly key: string;
  readonly kind: "string" | "integer" | "boolean" | "enum" | "spec";
  readonly spec?: "cpulist";
  readonly values?: AllowedValues;
  readonly default?: string;
  readonly deprecated?: DeprecationInfo;
  readonly since?: XenVersion;
  /** True when a domain config may also set it (max_grant_frames …). */
  readonly alsoDomainKey: boolean;
  /** What a domain config that sets it gets: nothing, since xl ignores it there. */
  readonly doc: string;
  readonly man: string;
}
