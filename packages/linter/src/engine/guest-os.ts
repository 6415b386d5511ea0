/**
 * The guest's operating system, as far as the config shows it. Several
 * findings depend on the guest kernel (how it reads a numeric vdev, which
 * console it has), so rules read `context.guestOs` rather than assume Linux.
 * Each answer keeps its evidence, so `xlint dump --explain` and the language
 * server's hover can say why.
 *
 * Where the answer comes from, first match wins:
 *
 * 1. a `# xlint-guest-os: OS` comment in the file (`source: "comment"`);
 * 2. the OS the caller states for the file (`LintInput.guestOs`; the CLI takes
 *    it from the `guests` globs of xlint.json) (`source: "config"`);
 * 3. the settings (`source: "inferred"`).
 *
 * The signals read from the settings, and how much each weighs:
 *
 * | signal | OS | strength |
 * |---|---|---|
 * | kernel or ramdisk file name (`kernel`, `ramdisk`, and `--kernel=`/`--ramdisk=` in `bootloader_args`): `vmlinuz*`, `vmlinux*`, `bzImage*`, `zImage*`, `Image`/`Image.gz`, `initrd*`, `initramfs*` | linux | strong |
 * | the same: `netbsd*`, anything with `XEN3_DOMU`/`XEN3PAE_DOMU`/`INSTALL_XEN3` | netbsd | strong |
 * | the same: `/boot/kernel/kernel`, or a name starting with `freebsd` | freebsd | strong |
 * | the same: a MirageOS/Unikraft/Mini-OS image (`*.xen`, `mirage*`, `*_xen-x86_64`, `*_xen-arm64`, `unikraft*`, `mini-os*`, `ioemu-stubdom*`) | unikernel | strong |
 * | the kernel command line (`extra`, `cmdline`, and `root`, which xl turns into `root=…`): `console=hvc…`, `xencons=`, `earlyprintk=xen`, `root=` a Linux device (`/dev/xvd…`, `/dev/sd…`, `/dev/mapper/…`, `UUID=`, `LABEL=`…), `rootfstype=`, `init=`, `systemd.…`, `selinux=` | linux | medium |
 * | the same: `root=xbd…`/`root=/dev/xbd…`/`root=dk…`/`root=wd…`, `bootdev=` | netbsd | medium |
 * | the same: `vfs.root.mountfrom=` | freebsd | medium |
 * | `viridian` turned on (Hyper-V enlightenments, which only Windows uses) | windows | medium |
 *
 * What says nothing: `bootloader = "pygrub"` (it boots whatever the disk's
 * menu names: Linux, or a NetBSD kernel; its `--kernel=` argument is read as
 * a kernel name), PV-GRUB kernels (`pv-grub*`, `grub-*-xen*`: they boot what
 * the disk holds), `firmware`, `type` and the guest's `name`. An HVM guest
 * usually shows none of the signals: `unknown` is the honest answer.
 *
 * Strong counts 4, medium 2; an OS's score is the sum of its signals. One OS
 * with evidence wins; when several have some, the best wins only with at
 * least twice the score of the next, otherwise the answer is `unknown` and
 * the evidence of every side is kept.
 */
import type { Comment, EvalValue, LineIndex, Range, Setting } from "@xlint/parser";

export type GuestOs = "linux" | "netbsd" | "freebsd" | "windows" | "unikernel" | "unknown";

export const GUEST_OSES: readonly GuestOs[] = ["linux", "netbsd", "freebsd", "windows", "unikernel", "unknown"];

/** How people name each OS in messages. */
export const GUEST_OS_NAMES: Readonly<Record<GuestOs, string>> = {
  linux: "Linux",
  netbsd: "NetBSD",
  freebsd: "FreeBSD",
  windows: "Windows",
  unikernel: "a unikernel",
  unknown: "unknown",
};

export interface Evidence {
  /** What was seen, in words (`kernel "/netbsd-XEN3_DOMU.gz" is a NetBSD Xen kernel`). */
  readonly text: string;
  /** Where, when it is in the file. */
  readonly range?: Range;
  /** For the guest OS: the OS this points to (absent: it says nothing either way). */
  readonly os?: GuestOs;
  /** For the guest OS: how much it weighs. */
  readonly strength?: "strong" | "medium";
}

export interface GuestOsInfo {
  readonly os: GuestOs;
  /** `inferred` from the settings, or stated by a `comment` directive or the xlint.json `config`. */
  readonly source: "inferred" | "comment" | "config";
  readonly evidence: readonly Evidence[];
}

/** An OS stated for a file from outside it (the CLI: an xlint.json `guests` entry). */
export interface StatedGuestOs {
  readonly os: GuestOs;
  /** Where it was stated, in words (`xlint.json "guests": "netbsd/**"`). */
  readonly origin: string;
}

export interface GuestOsOptions {
  /** Stated by the caller for this file. */
  readonly stated?: StatedGuestOs;
  /** The file's comments and line index, for `# xlint-guest-os:` directives. */
  readonly comments?: readonly Comment[];
  readonly lines?: LineIndex;
}

/** One `# xlint-guest-os: OS` comment. */
export interface GuestOsDirective {
  readonly comment: Comment;
  /** The value as written (may be empty). */
  readonly value: string;
  /** The OS it names, when it names one. */
  readonly os: GuestOs | undefined;
  /** The value's range, or the comment's when the value is empty. */
  readonly range: Range;
}

/** `# xlint-guest-os: netbsd` (the colon is optional; `guest_os`/`guestos` are read too, so a slip is reported rather than ignored). */
const DIRECTIVE = /^#\s*xlint-guest[-_]?os\b\s*:?\s*/i;

/** The `# xlint-guest-os:` comments of a file, in order. */
export function readGuestOsDirectives(comments: readonly Comment[], lines: LineIndex): GuestOsDirective[] {
  const out: GuestOsDirective[] = [];
  for (const comment of comments) {
    if (!/xlint-guest/i.test(comment.text)) continue;
    const match = DIRECTIVE.exec(comment.text);
    if (!match) continue;
    const rest = comment.text.slice(match[0].length);
    const value = rest.trim();
    const lead = rest.length - rest.trimStart().length;
    const start = comment.range.start.offset + match[0].length + lead;
    const lower = value.toLowerCase();
    const os = (GUEST_OSES as readonly string[]).includes(lower) ? (lower as GuestOs) : undefined;
    const range = value === "" ? comment.range : lines.range(start, start + value.length);
    out.push({ comment, value, os, range });
  }
  return out;
}

/** Works out the guest OS: a directive in the file, else the stated OS, else what the settings show. */
export function inferGuestOs(setting: (key: string) => Setting | undefined, options: GuestOsOptions = {}): GuestOsInfo {
  const inferred = fromSettings(setting);
  if (options.comments && options.lines && options.comments.length > 0) {
    const directive = readGuestOsDirectives(options.comments, options.lines).find((d) => d.os !== undefined);
    if (directive) {
      return {
        os: directive.os as GuestOs,
        source: "comment",
        evidence: [{ text: `stated by the comment \`${directive.comment.text.trim()}\``, range: directive.comment.range }, ...inferred.evidence],
      };
    }
  }
  if (options.stated) {
    return { os: options.stated.os, source: "config", evidence: [{ text: `stated by ${options.stated.origin}` }, ...inferred.evidence] };
  }
  return inferred;
}

const WEIGHT = { strong: 4, medium: 2 } as const;

function fromSettings(setting: (key: string) => Setting | undefined): GuestOsInfo {
  const evidence: Evidence[] = [];
  for (const key of ["kernel", "ramdisk"] as const) {
    const value = stringOf(setting(key));
    if (value) fileSignal(key, value.value, value.range, evidence);
  }
  const args = setting("bootloader_args");
  if (args) {
    for (const part of stringsOf(args.value)) {
      for (const m of part.value.matchAll(/--(kernel|ramdisk)=(\S+)/g)) {
        fileSignal(`bootloader_args --${m[1]}`, m[2] as string, part.range, evidence);
      }
    }
  }
  const bootloader = stringOf(setting("bootloader"));
  if (bootloader && /pygrub/.test(bootloader.value)) {
    evidence.push({ text: `\`bootloader = "${bootloader.value}"\` boots whatever kernel the disk's boot menu names (Linux or NetBSD): it says nothing by itself`, range: bootloader.range });
  }
  for (const key of ["extra", "cmdline"] as const) {
    const value = stringOf(setting(key));
    if (value) commandLineSignals(key, value.value, value.range, evidence);
  }
  const root = stringOf(setting("root"));
  if (root) commandLineSignals("root", `root=${root.value}`, root.range, evidence);
  viridianSignal(setting("viridian"), evidence);
  return decide(evidence);
}

function decide(evidence: readonly Evidence[]): GuestOsInfo {
  const scores = new Map<GuestOs, number>();
  for (const e of evidence) if (e.os && e.strength) scores.set(e.os, (scores.get(e.os) ?? 0) + WEIGHT[e.strength]);
  const ranked = [...scores].sort((a, b) => b[1] - a[1]);
  const [best, next] = ranked;
  if (!best) return { os: "unknown", source: "inferred", evidence };
  if (!next || best[1] >= 2 * next[1]) return { os: best[0], source: "inferred", evidence };
  return { os: "unknown", source: "inferred", evidence };
}

interface Located {
  readonly value: string;
  readonly range: Range | undefined;
}

function stringOf(setting: Setting | undefined): Located | undefined {
  if (!setting || setting.value.kind !== "string") return undefined;
  return located(setting.value);
}

function located(value: EvalValue & { kind: "string" }): Located {
  const first = value.parts[0];
  const last = value.parts[value.parts.length - 1];
  return { value: value.value, range: first && last ? { start: first.range.start, end: last.range.end } : undefined };
}

function stringsOf(value: EvalValue): Located[] {
  if (value.kind === "string") return [located(value)];
  return value.items.flatMap(stringsOf);
}

function withRange(e: Omit<Evidence, "range">, range: Range | undefined): Evidence {
  return range ? { ...e, range } : e;
}

/** What a kernel or ramdisk file name says. */
function fileSignal(what: string, path: string, range: Range | undefined, out: Evidence[]): void {
  const base = path.slice(path.lastIndexOf("/") + 1);
  const shown = `${what} \`${path}\``;
  if (/^(pv-?grub|grub-[a-z0-9_]+-xen)/i.test(base)) {
    out.push(withRange({ text: `${shown} is PV-GRUB, which boots whatever the disk holds: it says nothing by itself` }, range));
    return;
  }
  if (/^netbsd/i.test(base) || /XEN3(PAE)?_DOMU|INSTALL_XEN3/i.test(base)) {
    out.push(withRange({ text: `${shown} is a NetBSD kernel name`, os: "netbsd", strength: "strong" }, range));
  } else if (/(^|\/)boot\/kernel\/kernel(\.gz)?$/.test(path) || /^freebsd/i.test(base)) {
    out.push(withRange({ text: `${shown} is a FreeBSD kernel path`, os: "freebsd", strength: "strong" }, range));
  } else if (/^(vmlinu[xz]|bzimage|zimage|initrd|initramfs)/i.test(base) || /^Image(\.gz)?$/.test(base)) {
    out.push(withRange({ text: `${shown} is a Linux kernel or initrd name`, os: "linux", strength: "strong" }, range));
  } else if (/\.xen$|^mirage|^unikraft|_xen-(x86_64|arm64)$|^mini-?os|^ioemu-stubdom/i.test(base)) {
    out.push(withRange({ text: `${shown} is a unikernel image name (MirageOS, Unikraft or Mini-OS)`, os: "unikernel", strength: "strong" }, range));
  }
}

const LINUX_ROOT = /^(\/dev\/(xvd|sd|hd|vd|nvme|mapper\/|disk\/|md|dm-|[a-z0-9_-]+\/)|(UUID|PARTUUID|LABEL|PARTLABEL)=)/;
const NETBSD_ROOT = /^(\/dev\/)?(xbd|dk|wd|ld|sd)\d/;

/** What a kernel command line says, word by word. */
function commandLineSignals(key: string, line: string, range: Range | undefined, out: Evidence[]): void {
  for (const word of line.split(/\s+/)) {
    if (word === "") continue;
    const eq = word.indexOf("=");
    const name = eq === -1 ? word : word.slice(0, eq);
    const value = eq === -1 ? "" : word.slice(eq + 1);
    let os: GuestOs | undefined;
    if (name === "root") {
      if (NETBSD_ROOT.test(value)) os = "netbsd";
      else if (LINUX_ROOT.test(value)) os = "linux";
    } else if ((name === "console" && /^hvc/.test(value)) || name === "xencons" || (name === "earlyprintk" && /xen/.test(value))) os = "linux";
    else if (name === "rootfstype" || name === "init" || name.startsWith("systemd.") || name === "selinux") os = "linux";
    else if (name === "bootdev") os = "netbsd";
    else if (name === "vfs.root.mountfrom") os = "freebsd";
    if (!os) continue;
    const label = os === "linux" ? "Linux" : os === "netbsd" ? "NetBSD" : "FreeBSD";
    out.push(withRange({ text: `\`${word}\` in \`${key}\` is a ${label} kernel argument`, os, strength: "medium" }, range));
  }
}

function viridianSignal(setting: Setting | undefined, out: Evidence[]): void {
  if (!setting) return;
  const value = setting.value;
  const on = value.kind === "list" ? value.items.length > 0 : !/^(0+|false|no|)$/i.test(value.value.trim());
  if (!on) return;
  const first = value.kind === "list" ? value.sources[0] : undefined;
  const last = value.kind === "list" ? value.sources[value.sources.length - 1] : undefined;
  const range = value.kind === "string" ? located(value).range : first && last ? { start: first.range.start, end: last.range.end } : undefined;
  out.push(withRange({ text: "`viridian` turns on Hyper-V enlightenments, which only Windows uses", os: "windows", strength: "medium" }, range));
}
