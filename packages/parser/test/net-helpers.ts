/**
 * Shared by the vif/rate/MAC/pci/cpus/rdm spec tests: the expectation tables
 * (checked against our parsers in the unit tests and against real xl in
 * spec-net-oracle.test.ts), what xl's JSON and stderr should be for a parsed
 * spec, random spec generators, and a small runner for `xl-oracle check`.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { PciSpec } from "../src/specs/pci";
import type { SpecProblem } from "../src/specs/spec-text";
import type { VifSpec } from "../src/specs/vif";
import { oraclePath } from "./helpers";

// ---------------------------------------------------------------- tables

/** §4.4 and check-xl-vif-parse: a rate and what xl makes of it. */
export interface RateRow {
  readonly rate: string;
  readonly bytes?: number;
  readonly usecs?: number;
  /** Our problem code for the fatal error; xl's message is RATE_ERROR_TEXT[code]. */
  readonly error?: string;
}

const row = (rate: string, bytes: number, usecs: number): RateRow => ({ rate, bytes, usecs });
const bad = (rate: string, error: string): RateRow => ({ rate, error });

export const RATE_TABLE: readonly RateRow[] = [
  // check-xl-vif-parse, in its order
  ...["foo", "10MB", "10MB/m", "10ZB", "10ZB/s", "10ZB/m"].map((r) => bad(r, "rate-invalid")),
  ...["16000000b/s", "16000000b/s@50ms", "2000000B/s", "2000000B/s@50ms"].map((r) => row(r, 100000, 50000)),
  ...["16Kb/s", "16Kb/s@50ms", "2KB/s", "2KB/s@50ms"].map((r) => row(r, 100, 50000)),
  ...["16Mb/s", "16Mb/s@50ms", "2MB/s", "2MB/s@50ms"].map((r) => row(r, 100000, 50000)),
  ...["8Gb/s", "8Gb/s@50ms", "1GB/s", "1GB/s@50ms"].map((r) => row(r, 50000000, 50000)),
  ...["4294967296b/s", "4294967296Kb/s", "4294967296Mb/s", "4294967296Gb/s"].map((r) => bad(r, "rate-overflow")),
  bad("0B/s", "rate-overflow"),
  ...["10Mb/s@foo", "10Mb/s@10h", "10MB/s@foo", "10MB/s@10h"].map((r) => bad(r, "rate-interval-invalid")),
  row("80Mb/s@1s", 10000000, 1000000),
  row("10MB/s@1s", 10000000, 1000000),
  ...["1B/s@4294967296us", "1B/s@4294968ms", "1B/s@4295s", "1B/s@0us"].map((r) => bad(r, "rate-interval-overflow")),
  ...["4294967295GB/s@5us", "4296MB/s@4294s"].map((r) => bad(r, "rate-overflow")),
  bad("@", "rate-missing"),
  // §4.4 extra results
  row("1MB/s@20", 20000000, 20000000),
  row("1MB/s@20m", 20000, 20000),
  row("1MB/s@20u", 20, 20),
  bad("10 MB/s", "rate-invalid"),
  row("4294967295B/s", 214748364, 50000),
  // octal and unit quirks found by reading libxlu_vif.c, confirmed by the oracle test
  row("010B/s", 0, 50000),
  row("018B/s@018s", 0, 1),
  row("0178b/s", 0, 50000),
  row("1Mb/s@0010", 1000000, 8000000),
  bad("08B/s", "rate-overflow"),
  bad("", "rate-missing"),
  bad("10MB/s@", "rate-interval-invalid"),
  bad("10mb/s", "rate-invalid"),
  bad("10kB/s", "rate-invalid"),
  bad("10MB/s@1@2", "rate-interval-invalid"),
  row("1GB/s@4294s", 4294000000000, 4294000000),
];

/** xl's words for each fatal rate problem (`config parsing error in vif: <words> in …`). */
export const RATE_ERROR_TEXT: Readonly<Record<string, string>> = {
  "rate-invalid": "invalid rate",
  "rate-overflow": "rate overflow",
  "rate-interval-invalid": "invalid replenishment interval",
  "rate-interval-overflow": "replenishment interval overflow",
  "rate-missing": "no rate specified",
};

/** A vif spec and xl's result: the nic JSON (when accepted) and its messages. */
export interface VifRow {
  readonly spec: string;
  readonly accepted: boolean;
  readonly nic?: Record<string, unknown>;
  /** xl's stderr lines for this spec (without "Parsing config from"). */
  readonly lines?: readonly string[];
}

const UNRECOGNIZED = (t: string): string => `unrecognized argument \`${t}'`;
const BAD_MAC = "Invalid parameter `mac'.";
const BAD_TYPE = "Invalid parameter `type'.";

export const VIF_TABLE: readonly VifRow[] = [
  { spec: "", accepted: true, nic: {}, lines: [] },
  { spec: "foo", accepted: true, nic: {}, lines: [UNRECOGNIZED("foo")] },
  { spec: "trusted", accepted: true, nic: { trusted: "True" }, lines: [] },
  { spec: "untrusted", accepted: true, nic: { trusted: "False" }, lines: [] },
  { spec: "bridge=xenbr0 ", accepted: true, nic: { bridge: "xenbr0 " }, lines: [] },
  { spec: "bridge = xenbr0", accepted: true, nic: {}, lines: [UNRECOGNIZED("bridge = xenbr0")] },
  { spec: "  bridge=br1,,,", accepted: true, nic: { bridge: "br1" }, lines: [] },
  { spec: "\tbridge=br1", accepted: true, nic: {}, lines: [UNRECOGNIZED("\tbridge=br1")] },
  { spec: "a, ,b", accepted: true, nic: {}, lines: [UNRECOGNIZED("a"), UNRECOGNIZED(""), UNRECOGNIZED("b")] },
  {
    spec: "mac=00:16:3e:01:02:03,bridge=br0,model=e1000,type=ioemu,vifname=web0,script=vif-route,ip=10.0.0.2,backend=netdom,gatewaydev=eth0",
    accepted: true,
    nic: {
      mac: "00:16:3e:01:02:03",
      bridge: "br0",
      model: "e1000",
      nictype: "vif_ioemu",
      ifname: "web0",
      script: "vif-route",
      ip: "10.0.0.2",
      backend_domname: "netdom",
      gatewaydev: "eth0",
    },
    lines: [],
  },
  { spec: "type=vif", accepted: true, nic: { nictype: "vif" }, lines: [] },
  { spec: "type=VIF", accepted: true, nic: {}, lines: [BAD_TYPE] },
  { spec: "type=ioemu ", accepted: true, nic: {}, lines: [BAD_TYPE] },
  { spec: "mac=00-16-3e-1-2-3", accepted: true, nic: { mac: "00:16:3e:01:02:03" }, lines: [] },
  { spec: "mac=0x1:0x2:3:4:5:6", accepted: true, nic: { mac: "01:02:03:04:05:06" }, lines: [] },
  { spec: "mac=100000001:2:3:4:5:6", accepted: true, nic: { mac: "01:02:03:04:05:06" }, lines: [] },
  { spec: "mac=1:2:3:4:5:6:7:8", accepted: true, nic: { mac: "01:02:03:04:05:06" }, lines: [] },
  { spec: "mac=-1:2:3:4:5:6", accepted: true, nic: {}, lines: [BAD_MAC] },
  { spec: "mac=00:16:3e:zz:00:01,bridge=br0", accepted: true, nic: { mac: "00:16:3e:00:00:00", bridge: "br0" }, lines: [BAD_MAC] },
  { spec: "mac=1:2:3,bridge=br0", accepted: true, nic: { mac: "01:02:03:0b:00:00", bridge: "br0" }, lines: [BAD_MAC] },
  { spec: "mac=1:2:3:4:5, 6", accepted: true, nic: { mac: "01:02:03:04:05:06" }, lines: [UNRECOGNIZED("6")] },
  { spec: "mac=aa:bb:cc:dd:ee:ff,mac=1:zz", accepted: true, nic: { mac: "01:bb:cc:dd:ee:ff" }, lines: [BAD_MAC] },
  { spec: "mac=00:00:00:00:00:00", accepted: true, nic: {}, lines: [] },
  { spec: "rate=10MB/s@20ms", accepted: true, nic: { rate_bytes_per_interval: 200000, rate_interval_usecs: 20000 }, lines: [] },
  { spec: "rate=10mb/s", accepted: false },
  { spec: "devid=3x", accepted: true, nic: { devid: 3 }, lines: [] },
  { spec: "devid=-2", accepted: true, nic: { devid: -2 }, lines: [] },
  { spec: "devid=4294967295", accepted: true, nic: { devid: "omitted" }, lines: [] },
  { spec: "devid=", accepted: false },
  { spec: "devid=-1", accepted: false },
  { spec: "mtu=abc", accepted: false },
  { spec: "mtu=9000", accepted: true, nic: { mtu: 9000 }, lines: [] },
  { spec: "mtu=4294967297", accepted: true, nic: { mtu: 1 }, lines: [] },
  {
    spec: "netdev=eth1",
    accepted: true,
    nic: { gatewaydev: "eth1" },
    lines: ["the netdev parameter is deprecated, please use gatewaydev instead"],
  },
  { spec: "accel=1", accepted: true, nic: {}, lines: ["the accel parameter for vifs is currently not supported"] },
  { spec: "accel", accepted: true, nic: {}, lines: [UNRECOGNIZED("accel")] },
  { spec: "vlan=10", accepted: true, nic: {}, lines: [UNRECOGNIZED("vlan=10")] },
  {
    spec: "forwarddev=eth2,colo_sock_mirror_id=1,colo_checkpoint_port=8000",
    accepted: true,
    nic: { coloft_forwarddev: "eth2", colo_sock_mirror_id: "1", colo_checkpoint_port: "8000" },
    lines: [],
  },
  { spec: "bridge=,model=", accepted: true, nic: { bridge: "", model: "" }, lines: [] },
];

/** §5.1: a PCI spec and xl's verdict (our first fatal code, or the pcidevs entry). */
export interface PciRow {
  readonly spec: string;
  readonly error?: string;
  readonly json?: Record<string, unknown>;
}

export const PCI_TABLE: readonly PciRow[] = [
  { spec: "0000:03:00.0", json: { bus: 3, vfunc_mask: 1 } },
  { spec: "03:00.1", json: { bus: 3, func: 1, vfunc_mask: 1 } },
  { spec: "ffff:ff:1f.7@1f", json: { domain: 65535, bus: 255, dev: 31, func: 7, vdevfn: 248, vfunc_mask: 1 } },
  { spec: "0000:03:00.*", json: { bus: 3, vfunc_mask: 4294967295 } },
  { spec: "36:00.0@20,seize=1", error: "vslot-out-of-range" },
  { spec: "36:00.0,vslot=20", error: "vslot-out-of-range" },
  { spec: "36:00.0@1f", json: { bus: 0x36, vdevfn: 248, vfunc_mask: 1 } },
  { spec: "36:00.0,vslot=0x1f", json: { bus: 0x36, vdevfn: 248, vfunc_mask: 1 } },
  { spec: " 01:00.0", error: "missing-equals" },
  { spec: "01:00.0, seize=1", error: "unknown-key" },
  { spec: "01:00.0,seize =1", error: "unknown-key" },
  { spec: "01:00.0,permissive=yes", json: { bus: 1, vfunc_mask: 1 } },
  {
    spec: "01:00.0,permissive=1,msitranslate=2,seize= 7x,power_mgmt=-1",
    json: { bus: 1, vfunc_mask: 1, permissive: true, msitranslate: true, seize: true, power_mgmt: true },
  },
  { spec: "01:00.0,seize=4294967296", json: { bus: 1, vfunc_mask: 1 } },
  { spec: "01:00.0,rdm_policy=STRICT", json: { bus: 1, vfunc_mask: 1, rdm_policy: "strict" } },
  { spec: "01:00.0,rdm_policy=Relaxed", json: { bus: 1, vfunc_mask: 1, rdm_policy: "relaxed" } },
  { spec: "01:00.0,rdm_policy=invalid", json: { bus: 1, vfunc_mask: 1 } },
  { spec: "01:00.0,rdm_policy=bogus", error: "unknown-rdm-policy" },
  { spec: "name=gpu0", json: { name: "gpu0" } },
  { spec: "name=", json: { name: "" } },
  { spec: "01:00.0,name=gpu0", error: "bdf-and-name" },
  { spec: "name=x,bdf=01:02.3", error: "bdf-and-name" },
  { spec: "", error: "no-device" },
  { spec: "seize=1", error: "no-device" },
  { spec: "bdf=01:02.3@5", json: { bus: 1, dev: 2, func: 3, vfunc_mask: 1 } },
  { spec: "bdf=01:02.3xyz,bdf=03:04.5", json: { bus: 3, dev: 4, func: 5, vfunc_mask: 1 } },
  { spec: "01:02.3,bdf=04:05.6", json: { bus: 4, dev: 5, func: 6, vfunc_mask: 1 } },
  { spec: "01:02.3@1f,vslot=2", json: { bus: 1, dev: 2, func: 3, vdevfn: 16, vfunc_mask: 1 } },
  { spec: "01:02.3,", json: { bus: 1, dev: 2, func: 3, vfunc_mask: 1 } },
  { spec: "01:02.3,,seize=1", error: "unknown-key" },
  { spec: "01:02.3,seize=1=2", json: { bus: 1, dev: 2, func: 3, vfunc_mask: 1, seize: true } },
  { spec: "01:20.3", error: "bdf-out-of-range" },
  { spec: "01:02.8", error: "bdf-out-of-range" },
  { spec: "10000:0:0.0", error: "bdf-out-of-range" },
  { spec: "0:100:0.0", error: "bdf-out-of-range" },
  { spec: "1:2:3:4.5", error: "bdf-malformed" },
  { spec: "01:02.*3", error: "junk-after-bdf" },
  { spec: "01: 02.3", json: { bus: 1, dev: 2, func: 3, vfunc_mask: 1 } },
  { spec: "01:0x2.3", json: { bus: 1, dev: 2, func: 3, vfunc_mask: 1 } },
  { spec: "01:0x.1", json: { bus: 1, func: 1, vfunc_mask: 1 } },
  { spec: "01:02.-0", json: { bus: 1, dev: 2, vfunc_mask: 1 } },
  { spec: "100000001:02.3", json: { bus: 1, dev: 2, func: 3, vfunc_mask: 1 } },
  { spec: "01:02.3 ", error: "junk-after-bdf" },
  { spec: "01:02.3x", error: "junk-after-bdf" },
  { spec: "01:02.3@-1", error: "vslot-out-of-range" },
  { spec: "01:02.3@g", error: "vslot-malformed" },
  { spec: "01:02.3,seize", error: "missing-equals" },
  { spec: "01:02.3,foo=1", error: "unknown-key" },
  // No `.F`: xl's reader uses an uninitialised offset; this build refuses it.
  { spec: "01:02", error: "bdf-missing-function" },
];

/** check-xl-vcpupin-parse's example vectors (16 CPUs, 2 nodes of 8) plus §5.2's rules. */
export interface CpuRow {
  readonly list: string;
  /** The CPUs selected on the 16-CPU/2-node host; `[]` is vcpu-pin's "none". */
  readonly cpus?: readonly number[];
  readonly error?: string;
}

const range = (a: number, b: number): number[] => Array.from({ length: b - a + 1 }, (_, i) => a + i);
const ALL16 = range(0, 15);

export const CPU_TABLE: readonly CpuRow[] = [
  { list: "foo", error: "invalid-range" },
  { list: "all", cpus: ALL16 },
  { list: "nodes:all", cpus: ALL16 },
  { list: "all,nodes:all", cpus: ALL16 },
  { list: "all,^nodes:0,all", cpus: ALL16 },
  { list: "^0", cpus: [] },
  { list: "0", cpus: [0] },
  { list: "9", cpus: [9] },
  { list: "6", cpus: [6] },
  { list: "all,^12", cpus: [...range(0, 11), ...range(13, 15)] },
  { list: "all,^6", cpus: [...range(0, 5), ...range(7, 15)] },
  { list: "all,^3", cpus: [...range(0, 2), ...range(4, 15)] },
  { list: "all,^7", cpus: [...range(0, 6), ...range(8, 15)] },
  { list: "13-15", cpus: range(13, 15) },
  { list: "7", cpus: [7] },
  { list: "3-5", cpus: range(3, 5) },
  { list: "8-11", cpus: range(8, 11) },
  { list: "nodes:1", cpus: range(8, 15) },
  { list: "nodes:0", cpus: range(0, 7) },
  { list: "all,^nodes:0", cpus: range(8, 15) },
  { list: "all,^nodes:1", cpus: range(0, 7) },
  { list: "nodes:1-1", cpus: range(8, 15) },
  { list: "nodes:0-1", cpus: ALL16 },
  { list: "nodes:0-0", cpus: range(0, 7) },
  { list: "nodes:1,^8", cpus: range(9, 15) },
  { list: "nodes:0,^6", cpus: [...range(0, 5), 7] },
  { list: "nodes:1,^9", cpus: [8, ...range(10, 15)] },
  { list: "nodes:0,^5", cpus: [...range(0, 4), 6, 7] },
  // §5.2 rules and the int quirks of xl's bitmaps
  { list: "^all", error: "exclude-all" },
  { list: "^nodes:all", error: "exclude-all" },
  { list: "3 ", error: "invalid-range" },
  { list: " 3", cpus: [3] },
  { list: "\t3", cpus: [3] },
  { list: "+3", cpus: [3] },
  { list: "3-1", error: "invalid-range" },
  { list: "3- 5", cpus: range(3, 5) },
  { list: "0x1", error: "invalid-range" },
  { list: "-1", error: "invalid-range" },
  { list: "-3", cpus: [] },
  { list: "18446744073709551615", error: "invalid-range" },
  { list: "99999999999999999999", error: "invalid-range" },
  { list: "4294967296", cpus: [0] },
  { list: "4294967297", cpus: [1] },
  { list: "4294967290-4294967300", cpus: range(0, 4) },
  { list: "nodes:4294967297", cpus: range(8, 15) },
  { list: "node:1", cpus: range(8, 15) },
  { list: "nodes: 1", cpus: range(8, 15) },
  { list: "nodes:5", cpus: [] },
  { list: "nodes:nodes:0", error: "invalid-range" },
  { list: "^^1", error: "invalid-range" },
  { list: ",,1,,,", cpus: [1] },
  { list: "", cpus: [] },
  { list: "16", cpus: [] },
  { list: "0-20", cpus: ALL16 },
  { list: "1-2,^nodes:0,9", cpus: [9] },
];

/** §5.4: an rdm value and xl's result. */
export interface RdmRow {
  readonly value: string;
  readonly applied: boolean;
  readonly strategy?: "host";
  /** How many "Unknown RDM …" messages xl prints. */
  readonly messages: number;
  readonly code?: string;
}

export const RDM_TABLE: readonly RdmRow[] = [
  { value: "strategy=host", applied: true, strategy: "host", messages: 0 },
  { value: "strategy=host,strategy=host", applied: true, strategy: "host", messages: 0 },
  { value: "strategy=host,policy=relaxed", applied: false, messages: 0, code: "policy-drops-value" },
  { value: "strategy=host,policy=strict", applied: false, messages: 0, code: "policy-drops-value" },
  { value: "strategy=host,policy=STRICT", applied: false, messages: 0, code: "policy-drops-value" },
  { value: "strategy=host,policy=invalid", applied: false, messages: 0, code: "policy-drops-value" },
  { value: "policy=relaxed", applied: false, messages: 0, code: "policy-drops-value" },
  { value: "strategy=host,policy=bogus", applied: true, strategy: "host", messages: 1, code: "unknown-policy" },
  { value: "policy=bogus,strategy=host", applied: true, strategy: "host", messages: 1, code: "unknown-policy" },
  { value: "policy=bogus", applied: true, messages: 1, code: "no-strategy" },
  { value: "strategy=host,", applied: false, messages: 0, code: "trailing-comma" },
  { value: "", applied: false, messages: 0, code: "empty" },
  { value: "strategy", applied: false, messages: 0, code: "missing-value" },
  { value: "strategy=host,foo", applied: false, messages: 0, code: "missing-value" },
  { value: "strategy=HOST", applied: false, messages: 1, code: "unknown-strategy" },
  { value: "strategy=ignore", applied: false, messages: 1, code: "unknown-strategy" },
  { value: "strategy=", applied: false, messages: 1, code: "unknown-strategy" },
  { value: "strategy=host=1", applied: false, messages: 1, code: "unknown-strategy" },
  { value: "foo=1", applied: false, messages: 1, code: "unknown-key" },
  { value: " strategy=host", applied: false, messages: 1, code: "unknown-key" },
  { value: ",strategy=host", applied: false, messages: 1, code: "unknown-key" },
  { value: "strategy=host,,policy=x", applied: false, messages: 1, code: "unknown-key" },
  { value: "Strategy=host", applied: false, messages: 1, code: "unknown-key" },
];

// ---------------------------------------------------------------- what xl prints

const STRING_FIELDS: readonly [keyof VifSpec, string][] = [
  ["bridge", "bridge"],
  ["model", "model"],
  ["vifname", "ifname"],
  ["script", "script"],
  ["ip", "ip"],
  ["backend", "backend_domname"],
  ["gatewaydev", "gatewaydev"],
  ["forwarddev", "coloft_forwarddev"],
];

/**
 * The nic object xl prints for an accepted vif at list position `index`
 * (libxl's JSON leaves out default values). `undefined` when our model says
 * xl's MAC is unpredictable. A devid of -1 is left out by libxl; the table
 * writes that as "omitted".
 */
export function nicJsonOf(vif: VifSpec, index: number): Record<string, unknown> | undefined {
  if (vif.xlMac === undefined) return undefined;
  const out: Record<string, unknown> = {};
  const devid = vif.devid?.value ?? index;
  if (devid !== -1) out.devid = devid;
  if (vif.xlMac.some((b) => b !== 0)) out.mac = vif.xlMac.map((b) => b.toString(16).padStart(2, "0")).join(":");
  for (const [field, json] of STRING_FIELDS) {
    const value = vif[field] as { value: string } | undefined;
    if (value !== undefined) out[json] = value.value;
  }
  for (const [key, value] of vif.colo) out[key] = value.value;
  if (vif.type) out.nictype = vif.type.value === "ioemu" ? "vif_ioemu" : "vif";
  const limit = vif.rate?.value.limit;
  if (limit && limit.bytesPerInterval !== 0) out.rate_bytes_per_interval = limit.bytesPerInterval;
  if (limit && limit.intervalUsecs !== 0) out.rate_interval_usecs = limit.intervalUsecs;
  if (vif.mtu && vif.mtu.value !== 0) out.mtu = vif.mtu.value;
  if (vif.trusted) out.trusted = vif.trusted.value ? "True" : "False";
  return out;
}

/** A table nic at list position `index` as xl prints it: devid = index unless given; "omitted" means absent. */
export function tableNic(nic: Record<string, unknown>, index = 0): Record<string, unknown> {
  const out: Record<string, unknown> = { devid: index, ...nic };
  if (out.devid === "omitted") delete out.devid;
  return out;
}

const UNRECOGNIZED_CODES = new Set(["unknown-key", "empty-item", "spaced-equals", "needs-newer-xen"]);

/** The stderr lines xl prints for the warnings of an accepted vif, in order. */
export function vifWarningLines(vif: VifSpec): string[] {
  return vif.problems.filter((p) => p.effect === "warning").map((p) => warningLine(vif.text, p));
}

function warningLine(text: string, p: SpecProblem): string {
  if (UNRECOGNIZED_CODES.has(p.code)) return UNRECOGNIZED(text.slice(p.span.start, p.span.end));
  if (p.code === "invalid-type") return BAD_TYPE;
  if (p.code.startsWith("mac-")) return BAD_MAC;
  if (p.code === "netdev-deprecated") return "the netdev parameter is deprecated, please use gatewaydev instead";
  if (p.code === "accel-unsupported") return "the accel parameter for vifs is currently not supported";
  return `(no xl line known for ${p.code})`;
}

/** The pcidevs entry xl prints for an accepted spec (no global pci_* defaults set). */
export function pciJsonOf(pci: PciSpec): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const bdf = pci.bdf?.value;
  if (bdf) {
    if (bdf.domain) out.domain = bdf.domain;
    if (bdf.bus) out.bus = bdf.bus;
    if (bdf.device) out.dev = bdf.device;
    if (bdf.function !== "*" && bdf.function !== 0) out.func = bdf.function;
    out.vfunc_mask = bdf.function === "*" ? 4294967295 : 1;
  }
  if (pci.vslot && pci.vslot.value !== 0) out.vdevfn = pci.vslot.value * 8;
  const flags: [number | undefined, string][] = [
    [pci.permissive?.value, "permissive"],
    [pci.msitranslate?.value, "msitranslate"],
    [pci.seize?.value, "seize"],
    [pci.powerMgmt?.value, "power_mgmt"],
  ];
  for (const [value, name] of flags) if (value) out[name] = true;
  if (pci.rdmPolicy && pci.rdmPolicy.value !== "invalid") out.rdm_policy = pci.rdmPolicy.value;
  if (pci.name) out.name = pci.name.value;
  return out;
}

// ---------------------------------------------------------------- generators

type Rand = () => number;

export function pick<T>(rand: Rand, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)] as T;
}

function int(rand: Rand, lo: number, hi: number): number {
  return lo + Math.floor(rand() * (hi - lo + 1));
}

const HEX = "0123456789abcdefABCDEF";

function hexDigits(rand: Rand, n: number): string {
  let s = "";
  for (let i = 0; i < n; i++) s += pick(rand, [...HEX]);
  return s;
}

const WORDS = ["br0", "xenbr0", "eth0", "e1000", "rtl8139", "virtio-net", "vif-route", "10.0.0.1", "dom1", "a b", "x", ""];

function word(rand: Rand): string {
  const w = pick(rand, WORDS);
  const r = rand();
  return r < 0.08 ? `${w} ` : r < 0.12 ? ` ${w}` : w;
}

/** A random MAC value, mostly well formed, often slightly not. */
export function randomMac(rand: Rand): string {
  const groups = rand() < 0.8 ? 6 : pick(rand, [1, 3, 5, 7, 8]);
  const parts: string[] = [];
  for (let i = 0; i < groups; i++) {
    const r = rand();
    if (r < 0.7) parts.push(hexDigits(rand, 2));
    else if (r < 0.8) parts.push(hexDigits(rand, 1));
    else if (r < 0.85) parts.push(`0x${hexDigits(rand, int(rand, 0, 2))}`);
    else if (r < 0.88) parts.push(`${pick(rand, ["+", "-", " "])}${hexDigits(rand, 1)}`);
    else if (r < 0.92) parts.push(hexDigits(rand, int(rand, 3, 9)));
    else if (r < 0.96) parts.push(pick(rand, ["zz", "g1", "", "100000001"]));
    else parts.push(pick(rand, ["00", "ff", "01", "fe"]));
  }
  const sep = rand() < 0.85 ? ":" : pick(rand, ["-", ".", "::", " "]);
  return parts.join(sep);
}

/** A random rate value around xl's grammar. */
export function randomRate(rand: Rand): string {
  const number = pick(rand, ["0", "1", "8", "16", "010", "08", "018", "0178", "2000000", "4294967295", "4294967296", String(int(rand, 1, 99999))]);
  const mult = pick(rand, ["", "", "K", "M", "G", "k", "m"]);
  const unit = pick(rand, ["B", "b"]);
  const per = pick(rand, ["/s", "/s", "/s", "/m", "", " /s"]);
  let rate = rand() < 0.04 ? "" : `${number}${mult}${unit}${per}`;
  if (rand() < 0.5) {
    const n = pick(rand, ["0", "1", "20", "50", "010", "018", "4294", "4295", "4294967295", "4294967296", String(int(rand, 1, 9999))]);
    rate += `@${n}${pick(rand, ["", "s", "ms", "m", "us", "u", "h", "mus"])}`;
  }
  return rate;
}

function randomNumberText(rand: Rand): string {
  return pick(rand, ["0", "1", "7", "3x", " 5", "+9", "-2", "-1", "", "abc", "4294967297", "2147483648", "9000", "99999999999999999999"]);
}

const COLO_SAMPLE = ["colo_sock_mirror_id", "colo_compare_out", "colo_filter_sec_rewriter0_queue", "colo_checkpoint_port"];

/** A random vif spec: a mix of valid, quirky and unknown items. */
export function randomVifSpec(rand: Rand): string {
  const count = int(rand, 0, 4);
  const items: string[] = [];
  for (let i = 0; i < count; i++) {
    const r = rand();
    let item: string;
    if (r < 0.22) item = `mac=${randomMac(rand)}`;
    else if (r < 0.3) item = `bridge=${word(rand)}`;
    else if (r < 0.36) item = `type=${pick(rand, ["vif", "ioemu", "VIF", "ioemu ", "foo", ""])}`;
    else if (r < 0.46) item = `rate=${randomRate(rand)}`;
    else if (r < 0.5) item = `${pick(rand, ["devid", "mtu"])}=${randomNumberText(rand)}`;
    else if (r < 0.56) item = pick(rand, ["trusted", "untrusted", "trusted ", "Trusted"]);
    else if (r < 0.64) item = `${pick(rand, ["model", "vifname", "script", "ip", "backend", "gatewaydev", "forwarddev"])}=${word(rand)}`;
    else if (r < 0.68) item = `${pick(rand, COLO_SAMPLE)}=${word(rand)}`;
    else if (r < 0.74) item = `${pick(rand, ["netdev", "accel", "vlan"])}=${word(rand)}`;
    else item = pick(rand, ["foo", "bridge = br0", "Bridge=br0", "\tbridge=br0", "mac", "accel", " ", "x=y", "ip =1.2.3.4"]);
    const pad = rand() < 0.15 ? "  " : "";
    items.push(pad + item);
  }
  return items.join(pick(rand, [",", ",", ",", ",,"])) + (rand() < 0.05 ? "," : "");
}

function randomBdf(rand: Rand): string {
  const domain = rand() < 0.4 ? `${hexDigits(rand, pick(rand, [1, 2, 4, 4, 4, 4, 5]))}:` : "";
  const bus = rand() < 0.92 ? hexDigits(rand, pick(rand, [1, 2, 2, 2, 2, 3])) : pick(rand, ["0x1", "+2", " 3"]);
  const dev = rand() < 0.92 ? int(rand, 0, 0x1f).toString(16).padStart(2, "0") : pick(rand, ["20", "ff", "0x3", "+1"]);
  const func = rand() < 0.88 ? String(int(rand, 0, 7)) : pick(rand, ["*", "*", "8", "f", "0x2", "-0", "*3", "a"]);
  return `${domain}${bus}:${dev}.${func}`;
}

/** A random PCI spec around xl's grammar. */
export function randomPciSpec(rand: Rand): string {
  const parts: string[] = [];
  if (rand() < 0.75) {
    let first = randomBdf(rand);
    if (rand() < 0.3) first += `@${pick(rand, ["0", "1f", "20", "5", "0x3", "g", "-1"])}`;
    if (rand() < 0.04) first += " ";
    parts.push(first);
  }
  if (parts.length === 0 && rand() < 0.85) parts.push(rand() < 0.6 ? `bdf=${randomBdf(rand)}` : `name=${pick(rand, ["gpu0", "nic"])}`);
  const extra = int(rand, 0, 3);
  for (let i = 0; i < extra; i++) {
    const r = rand();
    if (r < 0.4) parts.push(`${pick(rand, ["permissive", "msitranslate", "seize", "power_mgmt"])}=${pick(rand, ["0", "1", "yes", "2", " 3x", "-1", "", "4294967296"])}`);
    else if (r < 0.55) parts.push(`rdm_policy=${pick(rand, ["strict", "relaxed", "STRICT", "invalid", "bogus", ""])}`);
    else if (r < 0.65) parts.push(`vslot=${pick(rand, ["0", "1f", "20", "0x10", "g", "3z"])}`);
    else if (r < 0.75) parts.push(`bdf=${randomBdf(rand)}${rand() < 0.2 ? "@3" : ""}`);
    else if (r < 0.85) {
      // A name with an address is always refused; keep that rare.
      if (parts.length === 0 || rand() < 0.2) parts.push(`name=${pick(rand, ["gpu0", "nic", ""])}`);
    }
    else parts.push(pick(rand, ["foo=1", " seize=1", "seize =1", "seize", ""]));
  }
  return parts.join(",") + (rand() < 0.05 ? "," : "");
}

/** A random CPU list; ranges stay short so xl's per-number loop stays fast. */
export function randomCpuList(rand: Rand): string {
  const count = int(rand, 1, 3);
  const elements: string[] = [];
  for (let i = 0; i < count; i++) {
    const exclude = rand() < 0.2 ? "^" : "";
    const nodes = rand() < 0.25 ? pick(rand, ["nodes:", "node:"]) : "";
    const r = rand();
    let body: string;
    if (r < 0.12) body = "all";
    else if (r < 0.8) {
      const a = nodes ? int(rand, 0, 3) : int(rand, 0, 20);
      // Never `N--M`: xl would step through 2^64 numbers.
      body = rand() < 0.5 ? String(a) : `${a}-${Math.max(0, a + int(rand, -2, nodes ? 2 : 10))}`;
    } else if (r < 0.88) {
      const a = 4294967296 * int(rand, 1, 2) + int(rand, -3, 3);
      body = rand() < 0.5 ? String(a) : `${a}-${a + int(rand, 0, 5)}`;
    } else body = pick(rand, ["-2", "-1", " 3", "3 ", "0x1", "foo", "", "+4", "1-", "2--3"]);
    elements.push(`${exclude}${nodes}${body}`);
  }
  return elements.join(pick(rand, [",", ",", ",,"]));
}

/** A random rdm value. */
export function randomRdm(rand: Rand): string {
  const count = int(rand, 0, 3);
  const parts: string[] = [];
  for (let i = 0; i < count; i++) {
    parts.push(
      pick(rand, [
        "strategy=host",
        "strategy=host",
        "strategy=HOST",
        "strategy=ignore",
        "policy=relaxed",
        "policy=strict",
        "policy=Strict",
        "policy=bogus",
        "policy=",
        "foo=1",
        "strategy",
        "",
      ]),
    );
  }
  return parts.join(",") + (rand() < 0.1 ? "," : "");
}

/** Random text over an alphabet that touches every spec's special characters, for no-throw fuzzing. */
export function randomJunk(rand: Rand): string {
  const alphabet = [..."0123456789abcdefxXmMkKgGbBsSu:.,@=*^-+ \t/\\'\"\n\0é", "mac=", "rate=", "nodes:", "all", "bdf=", "policy=", "strategy=host"];
  let out = "";
  const n = int(rand, 0, 24);
  for (let i = 0; i < n; i++) out += pick(rand, alphabet);
  return out;
}

// ---------------------------------------------------------------- oracle runner

export interface OracleAnswer {
  readonly status: number;
  readonly stdout: string;
  /** stderr lines without xl's "Parsing config from …". */
  readonly lines: string[];
  readonly stderr: string;
}

/** A scratch directory for config files, removed by `dispose`. */
export function scratchDir(): { readonly dir: string; dispose(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), "xlint-net-"));
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A config's text (written to a scratch file) or an existing file to check as it is. */
export type OracleInput = string | { readonly file: string };

/** Runs `xl-oracle check` on each config (at most `parallel` at a time), in input order. */
export async function oracleCheckAll(
  dir: string,
  configs: readonly OracleInput[],
  env: Readonly<Record<string, string>> = {},
  parallel = 2,
): Promise<OracleAnswer[]> {
  const answers: OracleAnswer[] = new Array<OracleAnswer>(configs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < configs.length) {
      const index = next++;
      const input = configs[index] ?? "";
      let file: string;
      if (typeof input === "string") {
        file = path.join(dir, `c${index}.cfg`);
        writeFileSync(file, input);
      } else file = input.file;
      answers[index] = await runCheck(file, env);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return answers;
}

function runCheck(file: string, env: Readonly<Record<string, string>>): Promise<OracleAnswer> {
  return new Promise((resolve) => {
    execFile(oraclePath, ["check", file], { env: { ...process.env, ...env }, maxBuffer: 1 << 24 }, (error, stdout, stderr) => {
      const status = error ? (typeof error.code === "number" ? error.code : 99) : 0;
      const lines = splitStderr(stderr);
      resolve({ status, stdout, stderr, lines });
    });
  });
}

function splitStderr(stderr: string): string[] {
  return stderr
    .split("\n")
    .filter((line) => line !== "" && !line.startsWith("Parsing config from "));
}

/** A config file line holding `value` in single quotes (generated values never contain `'`, `\` or a newline). */
export function quoted(value: string): string {
  if (/['\\\n]/.test(value)) throw new Error(`cannot quote ${JSON.stringify(value)}`);
  return `'${value}'`;
}
