/**
 * Helpers for the disk spec tests: running the real xlu_disk_parse through
 * the oracle (the cached `xlu-dump` binary when `xl-oracle info` shows where it
 * is, else `xl-oracle disk`), turning our result into the oracle's JSON and
 * stderr, and a seeded generator of disk specs that reaches every rule.
 */
import { spawn, spawnSync } from "node:child_process";
import { accessSync, constants } from "node:fs";
import path from "node:path";
import { parseDiskSpec, type DiskSpecResult } from "../src/specs/disk";
import { detachedSpecText } from "../src/specs/spec-text";
import { mapLimited, oraclePath } from "./helpers";

export { mapLimited };
import { seededRandom } from "./random";

export interface OracleDiskAnswer {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The command that runs xlu_disk_parse on one spec: [program, ...args before the spec]. */
export function diskOracleCommand(): readonly string[] {
  const info = spawnSync(oraclePath, ["info"], { encoding: "utf8" });
  const buildDir = /^build dir:\s*(.+)$/m.exec(info.stdout ?? "")?.[1]?.trim();
  if (info.status === 0 && buildDir) {
    const dump = path.join(buildDir, "xlu-dump");
    try {
      accessSync(dump, constants.X_OK);
      return [dump, "--disk", "--"];
    } catch {
      // fall back to the wrapper below
    }
  }
  return [oraclePath, "disk"];
}

export function runDiskOracle(command: readonly string[], spec: string): Promise<OracleDiskAnswer> {
  const [program, ...args] = command;
  return new Promise((resolve, reject) => {
    const child = spawn(program ?? oraclePath, [...args, spec], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    // stderr is kept as bytes (one char per byte): xl may print half a UTF-8 character.
    child.stderr.setEncoding("latin1").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status: status ?? -1, stdout, stderr }));
  });
}

/**
 * Our result as the oracle prints a libxl_device_disk, field by field. The
 * fields the 4.17 disk parser can never set are constants here: `trusted`
 * (no rule in the shipped scanner), `backend_domid` (libxl resolves the
 * name later), `transport`, `irq`, `base`, `colo_restore_enable`.
 */
export function oracleJsonOf(result: DiskSpecResult): Record<string, unknown> {
  const d = result.disk;
  const tristate = (value: boolean | undefined): unknown => (value === undefined ? "default" : value);
  return {
    pdev_path: d.target ?? null,
    vdev: d.vdev ?? null,
    format: d.format,
    backend: d.backendType,
    backend_domid: 0,
    backend_domname: d.backendDomain ?? null,
    script: d.script ?? null,
    readwrite: d.readwrite ? 1 : 0,
    is_cdrom: d.cdrom ? 1 : 0,
    removable: d.removable ? 1 : 0,
    direct_io_safe: d.directIoSafe,
    discard_enable: tristate(d.discard),
    trusted: "default",
    specification: d.specification,
    transport: "unknown",
    irq: 0,
    base: 0,
    colo_enable: tristate(d.colo),
    colo_restore_enable: "default",
    colo_host: d.coloHost ?? null,
    colo_port: d.coloPort,
    colo_export: d.coloExport ?? null,
    active_disk: d.activeDisk ?? null,
    hidden_disk: d.hiddenDisk ?? null,
  };
}

/** A string as its UTF-8 bytes, one char per byte. */
function bytes(text: string): string {
  return Buffer.from(text, "utf8").toString("latin1");
}

/**
 * The bytes xl quotes after `near`. The unknown-parameter rule takes one byte
 * of the value; when that is the start of a multi-byte character xl prints
 * just that byte (and no comma can follow it), where we keep the character.
 */
function nearBytes(code: string, near: string): string {
  if (code !== "unknown-parameter") return bytes(near);
  const chars = [...near];
  const last = chars[chars.length - 1] ?? "";
  if (last.charCodeAt(0) < 0x80) return bytes(near);
  return bytes(chars.slice(0, -1).join("")) + bytes(last).slice(0, 1);
}

/** What xlu-dump prints on stderr (as bytes), and its exit status, for a result we reject. */
export function expectedOracleFailure(result: DiskSpecResult, spec: string): { status: number; stderr: string } {
  let stderr = "";
  for (const problem of result.problems) {
    if (problem.code === "scanner-jammed") return { status: 2, stderr: `${stderr}flex scanner jammed\n` };
    const near = problem.near === undefined ? "" : `: near \`${nearBytes(problem.code, problem.near)}'`;
    stderr += `command line: config parsing error in disk specification: ${problem.xlError}${near} in \`${bytes(spec)}'\n`;
  }
  return { status: 1, stderr: `${stderr}xlu-dump: xlu_disk_parse failed: Invalid argument\n` };
}

export interface DiskComparison {
  readonly agree: boolean;
  readonly ours: string;
  readonly oracle: string;
}

export function compareWithOracle(spec: string, answer: OracleDiskAnswer): DiskComparison {
  const result = parseDiskSpec(detachedSpecText(spec));
  const oracle = `exit ${answer.status}\n${answer.stdout}${answer.stderr}`;
  if (result.accepted) {
    const ours = JSON.stringify(oracleJsonOf(result), null, 2);
    if (answer.status !== 0) return { agree: false, ours: `accepted\n${ours}`, oracle };
    let theirs: unknown;
    try {
      theirs = JSON.parse(answer.stdout);
    } catch {
      return { agree: false, ours, oracle };
    }
    return { agree: JSON.stringify(theirs, null, 2) === ours, ours, oracle };
  }
  const expected = expectedOracleFailure(result, spec);
  const ours = `exit ${expected.status}\n${expected.stderr}`;
  return { agree: answer.status === expected.status && answer.stdout === "" && answer.stderr === expected.stderr, ours, oracle };
}

// ---------------------------------------------------------------------------
// Generator
// ---------------------------------------------------------------------------

type Random = () => number;

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

function chance(random: Random, p: number): boolean {
  return random() < p;
}

/** Each pool: values xl takes, then values it refuses or misreads. */
interface Pool {
  readonly good: readonly string[];
  readonly bad: readonly string[];
}

/** Mostly good values, so that many specs pass and their fields get compared too. */
function draw(random: Random, pool: Pool, badShare = 0.25): string {
  return chance(random, badShare) && pool.bad.length > 0 ? pick(random, pool.bad) : pick(random, pool.good);
}

const TARGETS: Pool = {
  good: ["/dev/vg0/guest", "/srv/xen/disk.img", "/root/image.iso", "", "app01", "iqn.2001-05.com.equallogic:0-8a0906", "./rel.qcow2", "/dev/mapper/vg-lv", "/x/", "-"],
  bad: ["host:1234", "/path with space.img", "/a=b", "C:\\disk", "rbd:pool/img", "/img,x", "é/ü.img", "nbd://h:1/e", "::", "/a\\,b", "/dev/disk/by-id/ata-X_1"],
};
const FORMATS: Pool = { good: ["raw", "qcow", "qcow2", "vhd", "qed", "empty", ""], bad: ["vmdk", "RAW", "qcow3", "aio", "tap", "xvda", "w"] };
const ACCESS: Pool = { good: ["r", "ro", "w", "rw", ""], bad: ["w!", "RW", "rw!", "x", "read-only", "trusted", "untrusted"] };
export const VDEV_NAMES = [
  "xvda", "xvdb", "xvdp", "xvdq", "xvdz", "xvdaa", "xvdzz", "xvdaaa", "xvda1", "xvda15", "xvda16", "xvda255", "xvda256",
  "xvda0", "xvda01", "xvd", "xvd1", "xvdA", "XVDA", "hda", "hdb", "hdc", "hdd", "hde", "hda1", "hda63", "hda64", "hd",
  "sda", "sdp", "sdq", "sda15", "sda16", "sd", "d0p0", "d0p1", "d15p15", "d16p0", "d0x10p0", "d010p0", "d0", "d-1p0",
  "d1048575p0", "d1048576p0", "d0p255", "d0p256", "0", "0x0", "00", "51712", "0xca00", "0x301", "768", "2147483647",
  "2147483648", "-1", " 5", "+7", "0x", "xvda ", " xvda", "xvda-1", "xvda+1", "xvda 1", "",
];
const VDEVS: Pool = { good: VDEV_NAMES, bad: ["hdc:cdrom", "xvda:disk", "hdc:foo", "xvda:", ":cdrom", "sdb:cdrom:cdrom", "a=b"] };
const DEVTYPES: Pool = { good: ["cdrom", "disk"], bad: ["floppy", "", "CDROM", "disk2"] };
const BACKENDS: Pool = { good: ["0", "Domain-0", "driver-dom", "", "1"], bad: ["dom,0"] };
const BACKEND_TYPES: Pool = { good: ["phy", "tap", "qdisk", "standalone"], bad: ["", "qemu", "PHY", "file"] };
const SPECIFICATIONS: Pool = { good: ["xen", "virtio"], bad: ["", "Xen", "virtio-blk"] };
const SCRIPTS: Pool = { good: ["block-iscsi", "block-drbd", "/etc/xen/scripts/block", "", "block-nbd", "x y"], bad: [] };
const COLO_PORTS: Pool = { good: ["9000", "-1", " 12", "12abc", "4294967297", "+5"], bad: ["0", "", "abc", "4294967296", "99999999999999999999"] };
const PLAIN_STRINGS: Pool = { good: ["host1", "", "/var/lib/export", "a:b", "x y"], bad: [] };
const PREFIXES: Pool = {
  good: ["raw:", "qcow:", "qcow2:", "vhd:", "iscsi:", "nbd:", "enbd:", "drbd:", "tapdisk:", "tap:", "tap2:", "aio:", "ioemu:", "file:", "phy:"],
  bad: ["foo:", "qed:", "Phy:", "vbd:", "hdc:", "xen3:", "tap3:", "a:", "qcow22:", "rbd:"],
};
const FLAGS: Pool = { good: ["cdrom", "direct-io-safe", "discard", "no-discard", "colo", "no-colo"], bad: ["trusted", "untrusted", "cdromx", "discards", "Cdrom"] };
const UNKNOWN_KEYS = ["b", "mode", "type", "dev", "grant_usage", "Format", "VDEV", "x-y", "a1", "_x", "target2", "backend-type", "colo_port", "trusted", "colo-hosts"];
const ODD = ["=", "==", ",", ":", "\t", " ", "\n", "é", "😀", "'", "\"", "\\", "=\n", " =", "=,", "\n=", "#", "%", "!"];
const SEPARATORS = [",", ",", ",", ",", ", ", " ,", ",\t", "\t,", " , ", ",,", "\n,", ",\n", " "];

function keyValue(random: Random): string {
  const key = pick(random, [
    "format", "vdev", "access", "devtype", "backend", "backendtype", "specification", "script",
    "colo-host", "colo-port", "colo-export", "active-disk", "hidden-disk", "target", "unknown",
  ]);
  switch (key) {
    case "format": return `format=${draw(random, FORMATS)}`;
    case "vdev": return `vdev=${draw(random, VDEVS)}`;
    case "access": return `access=${draw(random, ACCESS)}`;
    case "devtype": return `devtype=${draw(random, DEVTYPES)}`;
    case "backend": return `backend=${draw(random, BACKENDS)}`;
    case "backendtype": return `backendtype=${draw(random, BACKEND_TYPES)}`;
    case "specification": return `specification=${draw(random, SPECIFICATIONS)}`;
    case "script": return `script=${draw(random, SCRIPTS)}`;
    case "colo-port": return `colo-port=${draw(random, COLO_PORTS)}`;
    case "target": return `target=${draw(random, TARGETS)}`;
    case "unknown": return `${pick(random, UNKNOWN_KEYS)}=${pick(random, ["x", "", "1", "ab", ",", "\n"])}`;
    default: return `${key}=${draw(random, PLAIN_STRINGS)}`;
  }
}

function prefixChain(random: Random): string {
  let out = "";
  const count = 1 + Math.floor(random() * 3);
  for (let i = 0; i < count; i++) out += draw(random, PREFIXES, 0.1);
  return out;
}

/** The xl positional form: target, format, vdev, access, any of them left out or empty. */
function positionalForm(random: Random): string[] {
  const fields = [
    (chance(random, 0.15) ? prefixChain(random) : "") + draw(random, TARGETS),
    draw(random, FORMATS),
    draw(random, VDEVS),
    draw(random, ACCESS),
  ];
  const count = pick(random, [0, 1, 2, 3, 3, 3, 4, 4, 4, 4, 4, 5]); // 5 = one too many
  const out = fields.slice(0, Math.min(count, 4));
  if (count === 5) out.push(pick(random, ["extra", "rw", "cdrom", "", "trusted"]));
  return out;
}

/** The xm form: prefixed target, vdev (maybe with :cdrom), access. */
function xmForm(random: Random): string[] {
  const out = [(chance(random, 0.85) ? prefixChain(random) : "") + draw(random, TARGETS), draw(random, VDEVS)];
  if (chance(random, 0.8)) out.push(draw(random, ACCESS));
  if (chance(random, 0.1)) out.push(pick(random, ["extra", "w", ""]));
  return out;
}

/** xend's empty CD-ROM forms and other CD-ROM spellings. */
function cdromForm(random: Random): string[] {
  return pick(random, [
    ["", "hdc:cdrom", "r"],
    ["", "", "hdc:cdrom", "r"],
    ["", "empty", "hdc:cdrom", "r"],
    ["devtype=cdrom", "", "", "hdc"],
    ["/root/image.iso", "", "hdc", "cdrom"],
    ["raw:/root/image.iso", "hdc:cdrom", "ro"],
    ["vdev=hdc", "access=r", "devtype=cdrom", "target="],
    ["vdev=hdc", "access=r", "devtype=cdrom"],
    ["", "hdc:disk", "w"],
    ["", "hdc:floppy"],
    ["cdrom", "vdev=hdc"],
    ["vdev=xvda", "", "hdc:cdrom"],
  ]);
}

function soup(random: Random): string[] {
  const out: string[] = [];
  const count = 1 + Math.floor(random() * 6);
  for (let i = 0; i < count; i++) {
    const r = random();
    if (r < 0.4) out.push(keyValue(random));
    else if (r < 0.55) out.push(draw(random, FLAGS));
    else if (r < 0.7) out.push(draw(random, VDEVS));
    else if (r < 0.8) out.push(prefixChain(random) + draw(random, TARGETS));
    else if (r < 0.9) out.push(pick(random, [...FORMATS.good, ...ACCESS.good, ...FORMATS.bad, ...ACCESS.bad]));
    else out.push(pick(random, ODD));
  }
  // Most real specs name a vdev and end with the target.
  if (chance(random, 0.6)) out.push(`vdev=${pick(random, ["xvda", "xvdb", "hdc", "sda", "d0p1", "51712"])}`);
  if (chance(random, 0.5)) out.push(`target=${draw(random, TARGETS)}`);
  return out;
}

/** Specs written the way people write them, with good values: most of them pass. */
function wellFormed(random: Random): string[] {
  const extras = (): string[] => {
    const out: string[] = [];
    for (const flag of FLAGS.good) if (chance(random, 0.08)) out.push(flag);
    for (const [key, pool] of [["backendtype", BACKEND_TYPES], ["specification", SPECIFICATIONS], ["script", SCRIPTS], ["backend", BACKENDS], ["colo-port", COLO_PORTS], ["colo-host", PLAIN_STRINGS], ["colo-export", PLAIN_STRINGS], ["active-disk", PLAIN_STRINGS], ["hidden-disk", PLAIN_STRINGS], ["devtype", DEVTYPES]] as const) {
      if (chance(random, 0.06)) out.push(`${key}=${pick(random, pool.good)}`);
    }
    return out;
  };
  const style = random();
  if (style < 0.35) {
    const fields = [pick(random, TARGETS.good), pick(random, FORMATS.good), pick(random, VDEVS.good)];
    if (chance(random, 0.7)) fields.push(pick(random, ACCESS.good));
    return [...fields, ...extras()];
  }
  if (style < 0.7) {
    const params = [`vdev=${pick(random, VDEVS.good)}`, ...extras()];
    if (chance(random, 0.6)) params.push(`format=${pick(random, FORMATS.good)}`);
    if (chance(random, 0.6)) params.push(`access=${pick(random, ACCESS.good)}`);
    for (let i = params.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [params[i], params[j]] = [params[j] as string, params[i] as string];
    }
    if (chance(random, 0.9)) params.push(`target=${pick(random, TARGETS.good)}`);
    return params;
  }
  const fields = [pick(random, PREFIXES.good) + pick(random, TARGETS.good), pick(random, VDEVS.good)];
  if (chance(random, 0.8)) fields.push(pick(random, ACCESS.good));
  return [...fields, ...extras()];
}

function join(random: Random, parts: readonly string[]): string {
  let out = chance(random, 0.08) ? pick(random, [" ", "\t", "  ", "\n", " \t"]) : "";
  parts.forEach((part, i) => {
    if (i > 0) out += chance(random, 0.75) ? "," : pick(random, SEPARATORS);
    out += part;
  });
  if (chance(random, 0.08)) out += pick(random, [",", " ", ",,", "\t", "\n", ", "]);
  return out;
}

function mutate(random: Random, spec: string): string {
  let out = spec;
  const edits = 1 + Math.floor(random() * 3);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(random() * (out.length + 1));
    const r = random();
    if (r < 0.4) out = out.slice(0, at) + pick(random, [...ODD, "a", "0", ":", "=", "target=", "phy:", "cdrom", "x="]) + out.slice(at);
    else if (r < 0.7) out = out.slice(0, at) + out.slice(at + 1 + Math.floor(random() * 3));
    else if (r < 0.85) out = out.slice(0, at) + out.slice(at).toUpperCase();
    else out = out.slice(0, at) + `,target=${draw(random, TARGETS)}` + out.slice(at);
  }
  return out;
}

/** Corpus spec number `index % bases.length`, edited a little (case `index` depends only on `seed` and `index`). */
export function mutatedCorpusSpec(seed: number, index: number, bases: readonly string[]): string {
  const random = seededRandom((seed ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0);
  const base = bases[index % bases.length] ?? "";
  return clean(mutate(random, base));
}

function clean(spec: string): string {
  // No NUL (argv cannot carry it) and no half surrogate pair (it has no UTF-8 form).
  return spec.replace(/\0/g, "").replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "?");
}

/** Spec number `index` for `seed`: it depends only on the two, so any case can be replayed alone. */
export function generateDiskSpec(seed: number, index: number): string {
  const random = seededRandom((seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
  const r = random();
  let parts: string[];
  if (r < 0.3) parts = wellFormed(random);
  else if (r < 0.45) parts = positionalForm(random);
  else if (r < 0.6) parts = xmForm(random);
  else if (r < 0.7) parts = cdromForm(random);
  else parts = soup(random);
  if (chance(random, 0.12)) {
    // target= somewhere but last: it swallows what follows
    parts.splice(Math.floor(random() * (parts.length + 1)), 0, `target=${draw(random, TARGETS)}`);
  }
  let spec = join(random, parts);
  if (chance(random, 0.2)) spec = mutate(random, spec);
  return clean(spec);
}
