/**
 * The types of a parsed disk spec: the libxl_device_disk fields xl fills, the
 * spans they came from, the scanner's tokens and xl's errors.
 */
import type { Span, SpecField, SpecProblem } from "./spec-text";
import type { DiskFlagName, DiskPrefixName } from "./disk-scanner";

export type DiskFormat = "raw" | "qcow" | "qcow2" | "vhd" | "qed" | "empty";
export type DiskBackendType = "phy" | "tap" | "qdisk" | "standalone";
export type DiskSpecification = "xen" | "virtio";

/** The libxl_device_disk fields xl's parser fills, after its defaults. */
export interface DiskSettings {
  /** `pdev_path`: undefined when never given (libxl's NULL), which differs from `""`. */
  readonly target: string | undefined;
  readonly vdev: string | undefined;
  /** `unknown` only when the parse stopped on an error. */
  readonly format: DiskFormat | "unknown";
  /** `backend` (set by `backendtype=`). */
  readonly backendType: DiskBackendType | "unknown";
  /** `backend_domname` (set by `backend=`): the driver domain. */
  readonly backendDomain: string | undefined;
  readonly script: string | undefined;
  readonly readwrite: boolean;
  readonly cdrom: boolean;
  readonly removable: boolean;
  readonly directIoSafe: boolean;
  /** `discard_enable`; undefined leaves libxl's default (on for read-write disks). */
  readonly discard: boolean | undefined;
  readonly specification: DiskSpecification | "unknown";
  readonly colo: boolean | undefined;
  readonly coloHost: string | undefined;
  /** 0 when not set. */
  readonly coloPort: number;
  readonly coloExport: string | undefined;
  readonly activeDisk: string | undefined;
  readonly hiddenDisk: string | undefined;
}

export type DiskFieldName =
  | "target" | "vdev" | "format" | "access" | "devtype" | "backendType" | "backendDomain" | "script" | "specification"
  | "directIoSafe" | "discard" | "colo" | "coloHost" | "coloPort" | "coloExport" | "activeDisk" | "hiddenDisk";

/** Where the value that took effect for each setting was written (value characters only). */
export type DiskFields = { readonly [K in DiskFieldName]?: SpecField<string> };

export type PositionalSlot = "target" | "format" | "vdev" | "vdev:devtype" | "access" | "skipped" | "extra";

export interface DiskSpecToken {
  readonly kind: "blank" | "parameter" | "flag" | "target" | "prefix" | "positional" | "unknown-parameter" | "unknown-prefix" | "bad";
  /** The characters the scanner took, a trailing comma included. */
  readonly span: Span;
  /** Parameter key, flag word or prefix name. */
  readonly name: string | undefined;
  /** The value characters (after `=`, trailing comma dropped). */
  readonly valueSpan: Span | undefined;
  /** For positionals: the slot xl put the field in (`skipped` after an earlier error). */
  readonly slot: PositionalSlot | undefined;
}

export interface DiskProblem extends SpecProblem {
  /** xl's own words for the error (`unknown value for access`), as it prints them. */
  readonly xlError: string;
  /** The text xl quotes after `near`, if it quotes any. */
  readonly near: string | undefined;
}

export interface DiskSpecResult {
  /** The characters xl sees (the spec up to a NUL, if it has one). */
  readonly text: string;
  /** Whether xl's disk parser accepts the spec. */
  readonly accepted: boolean;
  readonly disk: DiskSettings;
  readonly fields: DiskFields;
  readonly prefixes: readonly SpecField<DiskPrefixName>[];
  readonly flags: readonly SpecField<DiskFlagName>[];
  readonly tokens: readonly DiskSpecToken[];
  /** xl's errors, in the order xl prints them; the first one is why xl stops. All `fatal`. */
  readonly problems: readonly DiskProblem[];
}
