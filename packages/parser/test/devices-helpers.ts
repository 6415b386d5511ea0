/**
 * Helpers for the spec parser tests: run real xl (through xl-oracle) on a
 * tiny config holding one device setting, and run our parser on the same
 * text through the public parse/evaluate path.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { evaluate, parse, type EvalValue } from "../src/index";
import { parseCpuidList, parseCpuidString } from "../src/specs/cpuid";
import { parseChannel } from "../src/specs/dev-channel";
import { specItemsOf, stringItemsUntilList, type ListProblem, type PlainItem, type SpecItem } from "../src/specs/dev-common";
import { parseP9List } from "../src/specs/dev-p9";
import { parsePvcalls } from "../src/specs/dev-pvcalls";
import { parseIomem, parseIoports, parseIrqs } from "../src/specs/dev-ranges";
import { parseUsbctrl, parseUsbdev } from "../src/specs/dev-usb";
import { parseVdispl } from "../src/specs/dev-vdispl";
import { parseVfb } from "../src/specs/dev-vfb";
import { parseVirtio } from "../src/specs/dev-virtio";
import { parseVkb } from "../src/specs/dev-vkb";
import { parseVnuma, type VnumaOptions } from "../src/specs/dev-vnuma";
import { parseVsnd } from "../src/specs/dev-vsnd";
import { parseVtpm } from "../src/specs/dev-vtpm";
import { specTextOf, type SpecProblem, type SpecText } from "../src/specs/spec-text";
import { readXlNumber, xlNumberOptionsFor } from "../src/specs/values";
import { mapLimited, oraclePath } from "./helpers";

export { mapLimited };

export type OracleVerdict = "accepted" | "rejected" | "crashed";

export interface OracleResult {
  readonly verdict: OracleVerdict;
  /** xl's stderr without the "Parsing config from" line. */
  readonly messages: readonly string[];
  /** xl's JSON domain config when accepted. */
  readonly json: string;
}

let scratchDir: string | undefined;
let scratchCount = 0;

/** Runs `xl -N create` (or with `deep`, libxl's own checks too) on `config`. */
export async function runOracle(config: string, options: { readonly deep?: boolean } = {}): Promise<OracleResult> {
  scratchDir ??= mkdtempSync(path.join(tmpdir(), "xlint-dev-"));
  const file = path.join(scratchDir, `guest-${scratchCount++}.cfg`);
  writeFileSync(file, config);
  const args = ["check", ...(options.deep ? ["--deep"] : []), file];
  const run = await new Promise<{ status: number; stdout: string; stderr: string }>((resolve) => {
    execFile(oraclePath, args, { encoding: "utf8", maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const status = error ? (typeof error.code === "number" ? error.code : -1) : 0;
      resolve({ status, stdout, stderr });
    });
  });
  rmSync(file, { force: true });
  const messages = run.stderr.split("\n").filter((line) => line !== "" && !line.startsWith("Parsing config from"));
  if (run.status === 0) return { verdict: "accepted", messages, json: run.stdout };
  if (run.status === 1) return { verdict: "rejected", messages, json: "" };
  if (run.status === 2 && messages.some((m) => /died with signal/.test(m))) return { verdict: "crashed", messages, json: "" };
  throw new Error(`xl-oracle gave no verdict (exit ${run.status}): ${messages.join(" | ")}`);
}

/** Removes the scratch directory of runOracle (call once, after the last run). */
export function cleanUpOracleFiles(): void {
  if (scratchDir) rmSync(scratchDir, { recursive: true, force: true });
  scratchDir = undefined;
}

/** The guest every device test uses; `type` may be changed (vNUMA needs HVM or PVH). */
export function guestConfig(setting: string, type: "pv" | "pvh" | "hvm" = "pvh"): string {
  const boot = type === "hvm" ? "" : 'kernel = "/k"\n';
  return `name = "t"\ntype = "${type}"\n${boot}${setting}\n`;
}

/** An xl literal for a string: single-quoted (the generators never use quotes or backslashes). */
export function quoted(text: string): string {
  if (/['\\\n]/.test(text)) throw new Error(`cannot quoteForMessage ${JSON.stringify(text)}`);
  return `'${text}'`;
}

/** An xl list literal for nested items. */
export function listLiteral(items: readonly PlainItem[]): string {
  return `[${items.map((item) => (typeof item === "string" ? quoted(item) : listLiteral(item))).join(", ")}]`;
}

/** The value of `key` in `config` as our parser and evaluator see it. */
export function settingOf(config: string, key: string): EvalValue {
  const parsed = parse(config);
  const errors = parsed.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) throw new Error(`test config does not parse: ${errors[0]?.message}`);
  const value = evaluate(parsed.file).settings.get(key)?.value;
  if (!value) throw new Error(`no ${key} in test config`);
  return value;
}

/** The items of a list setting, mapped to the file. */
export function itemsOf(config: string, key: string): SpecItem[] {
  const value = settingOf(config, key);
  if (value.kind !== "list") throw new Error(`${key} is not a list`);
  return specItemsOf(value);
}

/** The text of a string setting, mapped to the file. */
export function stringOf(config: string, key: string): SpecText {
  const value = settingOf(config, key);
  const atom = value.kind === "string" ? value.parts[0] : undefined;
  if (!atom || atom.kind !== "string") throw new Error(`${key} is not a quoted string`);
  return specTextOf(atom);
}

/** What xl should do, according to our parser's problems. */
export interface Expectation {
  readonly rejected: boolean;
  readonly crashes: boolean;
  readonly warns: boolean;
}

export function expectationOf(problems: readonly SpecProblem[]): Expectation {
  const fatal = problems.filter((p) => p.effect === "fatal");
  return {
    rejected: fatal.length > 0,
    crashes: fatal.some((p) => /crash|hang/.test(p.code)),
    warns: problems.some((p) => p.effect === "warning"),
  };
}

/**
 * Whether the oracle's verdict agrees with our expectation; a description
 * of the disagreement otherwise. A crash counts as a rejection, and must be
 * one we predicted; warnings are compared only when xl accepted the config
 * (a rejected config may stop before xl prints them).
 */
export function disagreement(expected: Expectation, actual: OracleResult): string | undefined {
  const rejected = actual.verdict !== "accepted";
  if (rejected !== expected.rejected) return `xl ${actual.verdict}, we expected ${expected.rejected ? "rejection" : "acceptance"} (${actual.messages.join(" | ")})`;
  if (actual.verdict === "crashed" && !expected.crashes) return `xl crashed, we did not predict a crash (${actual.messages.join(" | ")})`;
  if (actual.verdict === "accepted" && (actual.messages.length > 0) !== expected.warns) {
    return `xl ${actual.messages.length > 0 ? `printed ${JSON.stringify(actual.messages)}` : "printed nothing"}, we expected ${expected.warns ? "a warning" : "silence"}`;
  }
  return undefined;
}

/** Picks one element of `choices` with the seeded generator `random`. */
export function pick<T>(random: () => number, choices: readonly T[]): T {
  return choices[Math.floor(random() * choices.length)] as T;
}

/** `count` comma-joined pieces from `pool`, with random separators (some with blanks or doubled). */
export function joinRandom(random: () => number, pool: readonly string[], maxPieces: number, separators: readonly string[] = [",", ",", ", ", ",,"]): string {
  const count = Math.floor(random() * (maxPieces + 1));
  let out = "";
  for (let i = 0; i < count; i++) out += (i > 0 ? pick(random, separators) : "") + pick(random, pool);
  return out;
}

/* ------------------------------------------------------------------ */
/* Running our parsers on a whole config                               */
/* ------------------------------------------------------------------ */

export type DeviceKey =
  | "vtpm" | "p9" | "pvcalls" | "channel" | "vfb" | "vkb" | "usbctrl" | "usbdev" | "vdispl"
  | "vsnd" | "virtio" | "ioports" | "irqs" | "iomem" | "vnuma" | "cpuid";

/** The fake host of xl-oracle (README "Fake host"). */
export const ORACLE_HOST = { hostNodes: 1, hostCpus: 8, hostMaxCpus: 8 } as const;

const PER_ITEM: Partial<Record<DeviceKey, (spec: SpecText) => { readonly problems: readonly SpecProblem[] }>> = {
  vtpm: parseVtpm,
  pvcalls: parsePvcalls,
  channel: parseChannel,
  vfb: parseVfb,
  vkb: parseVkb,
  usbctrl: parseUsbctrl,
  usbdev: parseUsbdev,
  vdispl: parseVdispl,
  virtio: parseVirtio,
};

function numberSetting(config: string, key: string): bigint | undefined {
  const parsed = parse(config);
  const setting = evaluate(parsed.file).settings.get(key);
  if (!setting || setting.value.kind !== "string") return undefined;
  return readXlNumber(setting.value.value, xlNumberOptionsFor(key, setting.operator)).value;
}

/** Every problem our parsers find in `key` of `config`, as xl 4.17 on `host` would meet them. */
export function analyse(key: DeviceKey, config: string, host: VnumaOptions = ORACLE_HOST): SpecProblem[] {
  const value = settingOf(config, key);
  if (key === "cpuid") {
    if (value.kind === "list") return [...parseCpuidList(specItemsOf(value)).problems];
    return [...parseCpuidString(stringOf(config, key)).problems];
  }
  if (value.kind !== "list") throw new Error(`${key} must be a list in these tests`);
  const items = specItemsOf(value);
  const single = PER_ITEM[key];
  if (single) {
    const problems: ListProblem[] = [];
    const strings = stringItemsUntilList(items, key, problems);
    return [...problems, ...strings.flatMap(({ spec }) => single(spec).problems)];
  }
  switch (key) {
    case "p9":
      return [...parseP9List(items).problems];
    case "vsnd":
      return [...parseVsnd(items).problems];
    case "ioports":
      return [...parseIoports(items).problems];
    case "irqs":
      return [...parseIrqs(items).problems];
    case "iomem":
      return [...parseIomem(items).problems];
    case "vnuma": {
      const typeSetting = evaluate(parse(config).file).settings.get("type")?.value;
      const type = typeSetting?.kind === "string" ? typeSetting.value : "pv";
      const maxVcpus = numberSetting(config, "maxvcpus");
      const maxMemMiB = numberSetting(config, "maxmem");
      const memoryMiB = numberSetting(config, "memory");
      return [
        ...parseVnuma(items, {
          ...host,
          guestType: type === "hvm" || type === "pvh" ? type : "pv",
          ...(maxVcpus !== undefined ? { maxVcpus: Number(maxVcpus) } : {}),
          ...(maxMemMiB !== undefined ? { maxMemMiB } : {}),
          ...(memoryMiB !== undefined ? { memoryMiB } : {}),
        }).problems,
      ];
    }
    default:
      throw new Error(`no analyser for ${key}`);
  }
}

/** `effect:code` of each problem, sorted: the form the hand table states expectations in. */
export function codesOf(problems: readonly SpecProblem[]): string[] {
  return problems.map((p) => `${p.effect}:${p.code}`).sort();
}

/* ------------------------------------------------------------------ */
/* The hand table: cases from the reference (§2.2, §2.8, §5.5, §5.6,   */
/* §7.2) and xl.cfg(5), each with the problems we expect               */
/* ------------------------------------------------------------------ */

export interface HandCase {
  readonly key: DeviceKey;
  /** The list items, or the string value (cpuid's libxl form). */
  readonly value: readonly PlainItem[] | string;
  /** Other settings the case needs (`maxvcpus = 2`). */
  readonly extra?: string;
  readonly type?: "pv" | "pvh" | "hvm";
  /** `effect:code` of every expected problem, any order. */
  readonly codes: readonly string[];
  /** Where the behaviour is described (or "oracle" when found by running xl). */
  readonly source: string;
}

export function configOf(c: HandCase): string {
  const literal = typeof c.value === "string" ? quoted(c.value) : listLiteral(c.value);
  const type = c.type ?? (c.key === "vnuma" ? "hvm" : "pvh");
  return guestConfig(`${c.extra ? `${c.extra}\n` : ""}${c.key} = ${literal}`, type);
}

const UUID = "0c0bc8a8-2b5d-4d5c-9c1e-1a2b3c4d5e6f";
const BITS32 = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx0";

export const HAND_CASES: readonly HandCase[] = [
  // vtpm (§5.5, §7.2)
  { key: "vtpm", value: ["backend=0"], codes: [], source: "man vtpm" },
  { key: "vtpm", value: [`backend=vtpmmgr,uuid=${UUID.toUpperCase()}`], codes: [], source: "man vtpm" },
  { key: "vtpm", value: [`uuid=${UUID}`], codes: ["fatal:missing-backend"], source: "§7.2 vtpm spec missing required backend field!" },
  { key: "vtpm", value: ["backend=0,uuid=x"], codes: ["fatal:bad-uuid"], source: "§7.2 Failed to parse vtpm UUID" },
  { key: "vtpm", value: ["backend=0,foo=1"], codes: ["fatal:unknown-key"], source: "§7.2 Unknown string in vtpm spec" },
  { key: "vtpm", value: ["foo,backend=0"], codes: ["fatal:missing-backend", "silent:token-without-equals"], source: "§5.5 a token without = stops the item" },
  { key: "vtpm", value: ["backend =0"], codes: ["fatal:missing-backend", "fatal:unknown-key"], source: "§5.5 keys are compared exactly" },
  { key: "vtpm", value: ["backend=", ""], codes: ["fatal:missing-backend", "silent:empty-backend"], source: "§5.5" },
  { key: "vtpm", value: [["backend=0"], "x"], codes: ["silent:nested-list-item"], source: "§1.7 items after a nested list are dropped" },
  // p9 (§5.5, 4.17 form)
  { key: "p9", value: ["tag=share,security_model=none,path=/srv/share"], codes: [], source: "man p9" },
  { key: "p9", value: ["tag=share,path=/srv"], codes: ["fatal:missing-field"], source: "§7.2 9pfs spec missing required field!" },
  { key: "p9", value: ["tag=s,security_model=none,path=/p,mode=rw"], codes: ["fatal:unknown-key"], source: "§7.2 Unknown string in 9pfs spec" },
  {
    key: "p9",
    value: ["tag=a,security_model=none,path=/a", "tag=b"],
    codes: ["silent:inherited-field", "silent:inherited-field"],
    source: "§5.5 4.17 fields are not reset between items",
  },
  { key: "p9", value: ["tag=a,security_model=mapped,path=/a"], codes: ["guest:unsupported-security-model"], source: "man p9: only none" },
  // pvcalls
  { key: "pvcalls", value: ["backend=0", ""], codes: [], source: "man pvcalls" },
  { key: "pvcalls", value: ["backend=0,type=x"], codes: ["fatal:unknown-key"], source: "§7.2 Unknown string in pvcalls spec" },
  // channel (§5.5)
  { key: "channel", value: ["name=org.example.agent.0,connection=pty"], codes: [], source: "man channel" },
  { key: "channel", value: [" name = a , connection = socket , path = /run/a.sock "], codes: [], source: "§5.5 blanks are trimmed" },
  { key: "channel", value: ["name=a,connection=SOCKET,path=/x"], codes: ["fatal:unknown-connection"], source: "§5.5 connection is lowercase" },
  { key: "channel", value: ["name=a"], codes: ["fatal:missing-connection"], source: "§7.2 channel has unknown 'connection'" },
  { key: "channel", value: ["name=a,connection=socket"], codes: ["fatal:socket-without-path"], source: "§7.2 socket requires path" },
  { key: "channel", value: ["name=a,connection=pty,nope"], codes: ["fatal:bad-pair"], source: "§7.2 failed to parse channel configuration" },
  { key: "channel", value: ["name=,connection=pty"], codes: ["fatal:bad-pair", "libxl-fatal:missing-name"], source: "§10 4.17 empty value" },
  { key: "channel", value: ["name=a=b,connection=pty"], codes: ["silent:value-cut-at-equals"], source: "§10 4.17 second = cut-off" },
  { key: "channel", value: ["name=a,connection=pty,foo=1"], codes: ["warning:unknown-key"], source: "§7.3 unknown channel parameter" },
  { key: "channel", value: ["connection=pty"], codes: ["libxl-fatal:missing-name"], source: "§5.5 channel %d has no name" },
  { key: "channel", value: [""], codes: ["fatal:empty-channel-crash"], source: "oracle: xl crashes" },
  { key: "channel", value: ["name=a,connection=pty,path=/x"], codes: ["silent:path-ignored"], source: "man channel" },
  // vfb (§5.5)
  { key: "vfb", value: ["vnc=1,vnclisten=0.0.0.0,vncdisplay=1,keymap=de"], codes: [], source: "man vfb" },
  { key: "vfb", value: ["type=vnc"], codes: ["silent:xm-type"], source: "§8.2 xm type=vnc" },
  { key: "vfb", value: ["type=sdl,sdl=1"], codes: ["silent:xm-type"], source: "§8.2 xm type=sdl" },
  { key: "vfb", value: ["vnc=yes"], codes: ["silent:not-a-number"], source: "§5.5 numbers via atoi" },
  { key: "vfb", value: ["colour=blue"], codes: ["silent:unknown-key"], source: "§5.5 unknown keys ignored" },
  { key: "vfb", value: ["vnc=1,sdl,vncdisplay=3"], codes: ["silent:token-without-equals"], source: "§5.5" },
  { key: "vfb", value: ["vnclisten=0.0.0.0:1,vncdisplay=2"], codes: ["libxl-fatal:display-twice"], source: "man vfb, libxl_dm.c" },
  // vkb (§5.5)
  { key: "vkb", value: ["backend-type=linux"], codes: [], source: "man vkb" },
  { key: "vkb", value: ["backend-type=QEMU,width=800,height=600"], codes: [], source: "man vkb (case-insensitive)" },
  { key: "vkb", value: ["unique-id=k0"], codes: ["fatal:missing-backend-type"], source: "§7.2 backend-type should be set" },
  { key: "vkb", value: ["backend-type=xen"], codes: ["fatal:unknown-backend-type"], source: "§7.2 Unknown backend_type" },
  { key: "vkb", value: ["backend-type=linux,mouse=1"], codes: ["fatal:unknown-key"], source: "§7.2 Unknown string in vkb spec" },
  { key: "vkb", value: ["backend-type=linux,feature-multi-touch=1"], codes: ["fatal:multi-touch-without-size"], source: "§7.2 multi-touch" },
  { key: "vkb", value: ["backend-type=unknown"], codes: ["fatal:missing-backend-type"], source: "oracle" },
  // usbctrl / usbdev
  { key: "usbctrl", value: ["version=1,ports=4", "version=2,ports=8"], codes: [], source: "man usbctrl example" },
  { key: "usbctrl", value: ["type=xhci"], codes: ["fatal:unknown-type"], source: "§7.2 Invalid usb controller type" },
  { key: "usbctrl", value: ["speed=3"], codes: ["fatal:unknown-key"], source: "§7.2 Unknown string in usbctrl spec" },
  { key: "usbctrl", value: ["type=pv,version=3"], codes: ["libxl-fatal:bad-version"], source: "man usbctrl, libxl_usb.c" },
  { key: "usbctrl", value: ["type=devicemodel,version=2,ports=8"], codes: ["libxl-fatal:bad-ports"], source: "man usbctrl" },
  { key: "usbdev", value: ["type=hostdev,hostbus=1,hostaddr=2"], codes: [], source: "man usbdev" },
  { key: "usbdev", value: ["type=hid,hostbus=1,hostaddr=2"], codes: ["fatal:unknown-type"], source: "§7.2 Invalid usb device type" },
  { key: "usbdev", value: ["hostbus=1,hostaddr=2,speed=1"], codes: ["fatal:unknown-key"], source: "§7.2 Unknown string in usbdev spec" },
  { key: "usbdev", value: ["hostbus=1,hostaddr=2,port=1"], codes: ["libxl-fatal:port-without-controller"], source: "man usbdev" },
  { key: "usbdev", value: ["type=hostdev"], codes: ["libxl-fatal:missing-host-device"], source: "libxl_usb.c" },
  // vdispl (§5.5)
  { key: "vdispl", value: ["connectors=id0:1920x1080;id1:800x600;id2:640x480"], codes: [], source: "man vdispl example" },
  { key: "vdispl", value: ["backend=0"], codes: ["fatal:missing-connectors"], source: "§7.2 At least one connector" },
  { key: "vdispl", value: ["connectors=a:1920"], codes: ["fatal:bad-resolution"], source: "§7.2 Can't parse connector resolution" },
  { key: "vdispl", value: ["connectors=a:1x2,dpi=96"], codes: ["fatal:unknown-key"], source: "§7.2 Unknown string in vdispl spec" },
  { key: "vdispl", value: ["connectors=a:wide"], codes: ["warning:unreadable-resolution"], source: "oracle: message but accepted" },
  { key: "vdispl", value: ["connectors=1920x1080"], codes: ["fatal:connector-without-id-crash"], source: "oracle: double free" },
  { key: "vdispl", value: ["connectors="], codes: ["fatal:empty-connectors-crash"], source: "oracle: crash" },
  // vsnd (§5.5)
  {
    key: "vsnd",
    value: [["CARD, short-name=Main, sample-formats=s16_le;s8;u32_be", "PCM, name=Main", "STREAM, unique-id=0, type=p", "STREAM, unique-id=1, type=c, channels-max=2"]],
    codes: [],
    source: "man vsnd (fixed ids)",
  },
  { key: "vsnd", value: [["CARD, short-name=Main", "PCM, name=Main", "STREAM, id=0, type=p"]], codes: ["fatal:unknown-parameter"], source: "§5.5 man page example is fatal" },
  { key: "vsnd", value: ["CARD"], codes: ["fatal:card-not-a-list"], source: "§7.2 Failed to get vsnd card list" },
  { key: "vsnd", value: [["SPEAKER, name=x"]], codes: ["fatal:unknown-item-kind"], source: "§7.2 Invalid key" },
  { key: "vsnd", value: [["CARD, sample-formats=float_le"]], codes: ["fatal:unknown-pcm-format"], source: "§5.5 man page format names" },
  { key: "vsnd", value: [["STREAM, type=playback"]], codes: ["fatal:unknown-stream-type"], source: "§7.2 Invalid stream type" },
  { key: "vsnd", value: [["card, backend=0, sample-rates=8000;44100", "pcm", "stream, type=C"]], codes: [], source: "§5.5 kinds are case-insensitive" },
  { key: "vsnd", value: [["CARD, sample-rates=;"]], codes: ["fatal:empty-list-crash"], source: "oracle: crash" },
  // virtio (4.18+)
  { key: "virtio", value: ["backend=0,type=virtio,device22,transport=mmio"], codes: ["silent:needs-xen-4.18"], source: "§2.8 virtio is 4.18+" },
  { key: "virtio", value: ["bogus=1"], codes: ["silent:needs-xen-4.18", "silent:unknown-key"], source: "§2.8" },
  // ioports / irqs / iomem (§2.8, §7.2)
  { key: "ioports", value: ["2f8-2ff", "3f8", "0x60"], codes: [], source: "man ioports" },
  { key: "ioports", value: ["zz"], codes: ["fatal:not-hex"], source: "§7.2 Invalid argument parsing ioport" },
  { key: "ioports", value: ["2f8-"], codes: ["fatal:bad-range"], source: "§7.2 range form" },
  { key: "ioports", value: ["100000000"], codes: ["fatal:too-big"], source: "§7.2 ioport too big" },
  { key: "ioports", value: [["2f8"]], codes: ["fatal:nested-list-item"], source: "§7.2 Unable to get element" },
  { key: "ioports", value: ["2f8x"], codes: ["warning:trailing-junk"], source: "§2.8 single-port junk only warns" },
  { key: "ioports", value: ["2ff-2f8"], codes: ["libxl-fatal:reversed-range"], source: "oracle: xl accepts reversed ranges" },
  { key: "ioports", value: ["10000"], codes: ["libxl-fatal:beyond-port-space"], source: "Xen domctl: ports end at ffff" },
  { key: "irqs", value: ["5", "7"], codes: [], source: "man irqs" },
  { key: "irqs", value: ["0x10"], codes: ["fatal:not-decimal"], source: "§7.2 Invalid argument parsing irq" },
  { key: "irqs", value: ["4294967295"], codes: ["fatal:too-big"], source: "§7.2 irq too big" },
  { key: "irqs", value: [[]], codes: ["fatal:nested-list-item"], source: "§7.2 Unable to get element" },
  { key: "iomem", value: ["fe000,10", "fe100,1@a0"], codes: [], source: "man iomem" },
  { key: "iomem", value: ["fe000 ,10"], codes: ["fatal:bad-iomem"], source: "§7.2 Invalid argument parsing iomem" },
  { key: "iomem", value: ["fe000"], codes: ["fatal:bad-iomem"], source: "§7.2" },
  { key: "iomem", value: ["fe000,10@"], codes: ["fatal:bad-iomem"], source: "§7.2" },
  { key: "iomem", value: [["1,2"]], codes: ["fatal:nested-list-item"], source: "§7.2 Unable to get element" },
  { key: "iomem", value: ["fe000,0"], codes: ["libxl-fatal:no-pages"], source: "Xen domctl range check" },
  // vnuma (§2.2, §7.2)
  {
    key: "vnuma",
    value: [["pnode=0", "size=512", "vcpus=0-1", "vdistances=10,20"], ["pnode=0", "size=512", "vcpus=2-3", "vdistances=20,10"]],
    codes: [],
    source: "§1.9 example (on a one-node host)",
  },
  { key: "vnuma", value: [["pnode=1", "size=512", "vcpus=0"]], codes: ["fatal:pnode-out-of-range"], source: "§7.2 invalid pnode number" },
  { key: "vnuma", value: [["pnode", "size=512", "vcpus=0"]], codes: ["fatal:bad-pair"], source: "§7.2 failed to split into pair" },
  { key: "vnuma", value: [["size=big", "vcpus=0"]], codes: ["fatal:not-a-number"], source: "§7.2 failed to convert to number" },
  { key: "vnuma", value: ["pnode=0"], codes: ["fatal:vnode-not-a-list"], source: "§7.2 cannot get vnode config option list" },
  { key: "vnuma", value: [["size=512", "vcpus=0-1"]], extra: "maxvcpus = 4", codes: ["fatal:vcpus-mismatch"], source: "§7.2 vnuma vcpus and maxvcpus= mismatch" },
  { key: "vnuma", value: [["size=512", "vcpus=0-9"]], codes: ["fatal:more-vcpus-than-pcpus"], source: "§7.2 more vcpus than pcpus (8-CPU host)" },
  { key: "vnuma", value: [["size=512", "vcpus=0"]], extra: "maxmem = 1024", codes: ["fatal:maxmem-mismatch"], source: "§7.2 maxmem and vnuma memory size mismatch" },
  { key: "vnuma", value: [["size=512", "vcpus=0", "colour=red"]], codes: ["silent:unknown-key"], source: "§2.2 unknown vnode keys ignored" },
  { key: "vnuma", value: [["size=512M", "vcpus=0"]], codes: ["silent:number-with-junk"], source: "xl parse_ulong ignores junk" },
  { key: "vnuma", value: [["size=512", "vcpus=0"]], type: "pv", codes: ["libxl-fatal:vnuma-on-pv"], source: "§2.2 PV vNUMA is not yet supported" },
  { key: "vnuma", value: [["size=512", "vcpus=0-1"], ["size=512", "vcpus=1"]], extra: "maxvcpus = 3", codes: ["libxl-fatal:vcpu-in-two-vnodes"], source: "libxl_vnuma.c" },
  { key: "vnuma", value: [["size=512", "vcpus= "]], codes: ["fatal:empty-list-crash"], source: "oracle: crash" },
  // cpuid (§5.6)
  { key: "cpuid", value: "host,tm=0,sse3=0", codes: [], source: "man cpuid" },
  { key: "cpuid", value: "host,lahf-lm=1,sse4.1=0,sse4_2=x,lahfsahf=k,family=6,model=0x3c,rdcl-no=s", codes: [], source: "§5.6 names and aliases" },
  { key: "cpuid", value: "tm=0", codes: ["warning:first-word-not-host"], source: "§5.6 first word must be host" },
  { key: "cpuid", value: "host,tm", codes: ["warning:missing-equals"], source: "§5.6 missing =" },
  { key: "cpuid", value: "host,LAHF_LM=1", codes: ["warning:unknown-flag"], source: "§5.6 unknown CPUID flag name" },
  { key: "cpuid", value: "host,tm=y", codes: ["warning:bad-value"], source: "§5.6 illegal CPUID value" },
  { key: "cpuid", value: "host,tm=2", codes: ["silent:value-truncated"], source: "libxl_cpuid.c" },
  { key: "cpuid", value: [`1:ecx=${BITS32},edx=xx0xxxxxxxxxxxxxxxxxxxxxxxxxxxxx`], codes: [], source: "man cpuid xend example" },
  { key: "cpuid", value: [`7,0:ebx=${BITS32}`, `0x80000001:ecx=${BITS32}`], codes: [], source: "man cpuid subleaf" },
  { key: "cpuid", value: [`leaf:eax=${BITS32}`], codes: ["warning:bad-leaf"], source: "§5.6 illegal leaf number" },
  { key: "cpuid", value: [`7,z:eax=${BITS32}`], codes: ["warning:bad-subleaf"], source: "§5.6 illegal subleaf number" },
  { key: "cpuid", value: [`1 eax=${BITS32}`], codes: ["warning:missing-colon"], source: "§5.6 missing colon" },
  { key: "cpuid", value: [`1:efx=${BITS32}`], codes: ["warning:bad-register"], source: "§5.6 invalid register name" },
  { key: "cpuid", value: ["1:eax=xxxx"], codes: ["warning:bad-length"], source: "§5.6 exactly 32 characters" },
  { key: "cpuid", value: [`1:eax=${BITS32.replace("x", "z")}`], codes: ["libxl-fatal:bad-bit-character"], source: "libxc refuses other characters" },
];
