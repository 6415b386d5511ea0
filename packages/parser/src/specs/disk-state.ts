/**
 * The parse state of a disk spec and libxlu's setters: strings that may be set
 * once (an empty one may be replaced), enums that may be repeated only with
 * the same value, the access and format words, and the positional algorithm
 * (target, format, vdev, access).
 */
import type { Span, SpecField } from "./spec-text";
import type { DiskFlagName, DiskPrefixName } from "./disk-scanner";
import type {
  DiskBackendType, DiskFieldName, DiskFormat, DiskProblem, DiskSettings, DiskSpecToken, PositionalSlot,
} from "./disk-types";
import * as say from "./disk-messages";
import { glibcAtoi } from "./c-numbers";

export type Str = SpecField<string>;
type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export const STRING_SLOTS: Readonly<Record<string, { field: DiskFieldName & keyof DiskSettings; xlName: string }>> = {
  "backend": { field: "backendDomain", xlName: "backend" },
  "vdev": { field: "vdev", xlName: "vdev" },
  "script": { field: "script", xlName: "script" },
  "colo-host": { field: "coloHost", xlName: "colo-host" },
  "colo-export": { field: "coloExport", xlName: "colo-export" },
  "active-disk": { field: "activeDisk", xlName: "active-disk" },
  "hidden-disk": { field: "hiddenDisk", xlName: "hidden-disk" },
};

const FORMATS: ReadonlyMap<string, DiskFormat> = new Map([
  ["", "raw"], ["raw", "raw"], ["qcow", "qcow"], ["qcow2", "qcow2"], ["vhd", "vhd"], ["empty", "empty"], ["qed", "qed"],
]);

/**
 * The state xlu_disk_parse keeps while the scanner runs (the disk being
 * filled, whether access was given, whether a prefix was seen, the errors)
 * and the helpers its scanner actions use, with libxlu's exact rules.
 */
export class DiskState {
  readonly disk: Mutable<DiskSettings> = {
    target: undefined, vdev: undefined, format: "unknown", backendType: "unknown", backendDomain: undefined,
    script: undefined, readwrite: true, cdrom: false, removable: false, directIoSafe: false, discard: undefined,
    specification: "unknown", colo: undefined, coloHost: undefined, coloPort: 0, coloExport: undefined,
    activeDisk: undefined, hiddenDisk: undefined,
  };
  readonly fields: { [K in DiskFieldName]?: Str } = {};
  readonly prefixes: SpecField<DiskPrefixName>[] = [];
  readonly flags: SpecField<DiskFlagName>[] = [];
  readonly tokens: DiskSpecToken[] = [];
  readonly problems: DiskProblem[] = [];
  accessSet = false;
  hadPrefix = false;
  /** The last positional and where it ended, to name the word before a stray `=` (bad-syntax message). */
  lastPositional: { text: string; end: number } | undefined;

  constructor(readonly text: string) {}

  get failed(): boolean {
    return this.problems.length > 0;
  }

  str(start: number, end: number): Str {
    return { value: this.text.slice(start, end), span: { start, end } };
  }

  fail(code: string, xlError: string, near: string | undefined, span: Span, message: string): void {
    this.problems.push({ code, message, span, effect: "fatal", xlError, near });
  }

  /** libxlu's savestring: a string may be set once, but an empty one may be replaced. */
  saveString(field: DiskFieldName & keyof DiskSettings, xlName: string, value: Str): void {
    const current = this.fields[field];
    const currentValue = this.disk[field];
    if (typeof currentValue === "string" && currentValue !== "") {
      this.fail("respecified", `${xlName} respecified`, value.value, value.span, say.respecifiedMessage(xlName, value.value, current?.value ?? currentValue));
      return;
    }
    (this.disk as Record<string, unknown>)[field] = value.value;
    this.fields[field] = value;
  }

  setFormat(value: Str, origin: "parameter" | "positional" | "prefix", fix?: { rewritten: string; withPrefix: string }): void {
    const format = FORMATS.get(value.value);
    if (format === undefined) {
      const message = say.unknownFormatMessage(value.value, origin, fix, origin === "positional" ? this.disk.target : undefined);
      this.fail("unknown-format", "unknown value for format", value.value, value.span, message);
      return;
    }
    if (this.disk.format !== "unknown" && this.disk.format !== format) {
      this.fail("respecified", "format respecified", value.value, value.span, say.respecifiedMessage("format", value.value, this.disk.format));
      return;
    }
    if (this.disk.format === "unknown") this.fields.format = value;
    this.disk.format = format;
  }

  setAccess(value: Str): void {
    if (value.value === "r" || value.value === "ro") this.disk.readwrite = false;
    else if (value.value === "rw" || value.value === "w" || value.value === "") this.disk.readwrite = true;
    else {
      this.fail("unknown-access", "unknown value for access", value.value, value.span, say.unknownAccessMessage(value.value));
      return;
    }
    this.fields.access = value;
  }

  setBackendType(value: Str): void {
    const known = (say.DISK_BACKEND_TYPES as readonly string[]).includes(value.value);
    if (!known) {
      this.fail("unknown-backendtype", "unknown value for backendtype", value.value, value.span, say.unknownBackendTypeMessage(value.value));
      return;
    }
    const type = value.value as DiskBackendType;
    if (this.disk.backendType !== "unknown" && this.disk.backendType !== type) {
      this.fail("respecified", "backend respecified", value.value, value.span, say.respecifiedMessage("backend", value.value, this.disk.backendType));
      return;
    }
    if (this.disk.backendType === "unknown") this.fields.backendType = value;
    this.disk.backendType = type;
  }

  setSpecification(value: Str): void {
    if (value.value !== "xen" && value.value !== "virtio") {
      this.fail("unknown-specification", "unknown value for specification", value.value, value.span, say.unknownSpecificationMessage(value.value));
      return;
    }
    if (this.disk.specification !== "unknown" && this.disk.specification !== value.value) {
      this.fail("respecified", "specification respecified", value.value, value.span, say.respecifiedMessage("specification", value.value, this.disk.specification));
      return;
    }
    if (this.disk.specification === "unknown") this.fields.specification = value;
    this.disk.specification = value.value;
  }

  setColoPort(value: Str): void {
    const port = glibcAtoi(value.value);
    if (port === 0) {
      this.fail("bad-colo-port", "unknown value for colo_port", value.value, value.span, say.badColoPortMessage(value.value));
      return;
    }
    this.disk.coloPort = port;
    this.fields.coloPort = value;
  }

  setCdrom(cdrom: boolean, span: Span): void {
    this.disk.cdrom = cdrom;
    this.fields.devtype = this.str(span.start, span.end);
  }

  /** `vdev:cdrom` / `vdev:disk` in a positional; false (nothing done) without a colon. */
  vdevAndDevtype(token: Str): boolean {
    const colon = token.value.lastIndexOf(":");
    if (colon < 0) return false;
    const at = token.span.start + colon;
    this.saveString("vdev", "vdev", this.str(token.span.start, at));
    const type = this.str(at + 1, token.span.end);
    if (type.value === "cdrom") this.setCdrom(true, type.span);
    else if (type.value === "disk") this.setCdrom(false, type.span);
    else this.fail("unknown-deprecated-type", "unknown deprecated type", type.value, type.span, say.unknownDeprecatedTypeMessage(type.value));
    return true;
  }

  /** The scanner's positional rule: fills target, format, vdev, access in turn; `stop` ends the scan. */
  positional(token: Str): { slot: PositionalSlot; stop: boolean } {
    if (this.failed) return { slot: "skipped", stop: false };
    if (this.disk.target === undefined) {
      this.saveString("target", "target", token);
      return { slot: "target", stop: false };
    }
    if (!this.hadPrefix && this.disk.format === "unknown") {
      if (this.disk.target === "" && this.vdevAndDevtype(token)) {
        this.disk.format = "empty";
        return { slot: "vdev:devtype", stop: false };
      }
      this.setFormat(token, "positional", this.formatFix(token));
      return { slot: "format", stop: false };
    }
    if (this.disk.vdev === undefined) {
      if (!this.vdevAndDevtype(token)) this.saveString("vdev", "vdev", token);
      return { slot: "vdev", stop: false };
    }
    if (!this.accessSet) {
      this.accessSet = true;
      this.setAccess(token);
      return { slot: "access", stop: false };
    }
    this.fail("too-many-positionals", "too many positional parameters", token.value, token.span, say.tooManyPositionalsMessage(token.value));
    return { slot: "extra", stop: true };
  }

  /** For `/img,xvda,w`: the same spec with the format added, and the prefixed xm form. */
  formatFix(token: Str): { rewritten: string; withPrefix: string } {
    const target = this.disk.target ?? "";
    return {
      rewritten: `${this.text.slice(0, token.span.start)}raw,${this.text.slice(token.span.start)}`,
      withPrefix: `${target.startsWith("/dev/") ? "phy" : "file"}:${this.text}`,
    };
  }

  /** xlu_disk_parse's work after the scanner: defaults, CD-ROM rules, required fields. */
  finish(): void {
    const disk = this.disk;
    if (disk.format === "unknown") disk.format = "raw";
    if (disk.cdrom) {
      disk.removable = true;
      disk.readwrite = false;
      if (disk.target === undefined || disk.target === "") disk.format = "empty";
    }
    const whole = { start: 0, end: this.text.length };
    if (disk.vdev === undefined) {
      const swallowed = this.tokens.some((t) => t.kind === "target" && /,/.test(this.text.slice(t.valueSpan?.start ?? 0, t.valueSpan?.end ?? 0)));
      this.fail("no-vdev", "no vdev specified", undefined, whole, say.noVdevMessage(swallowed));
    } else if (disk.target === undefined && !disk.removable) {
      this.fail("no-target", "no target specified (and device not removable)", undefined, whole, say.noTargetMessage());
    }
  }
}
