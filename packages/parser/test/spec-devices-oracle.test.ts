/**
 * Our device, cpuid and value parsers against REAL xl 4.17 (xl-oracle):
 * for the hand table and for generated variants (fixed seed), xl's verdict
 * (accepted / rejected / crashed) and whether it printed a warning must be
 * what our problems' effects say.
 */
import { afterAll, describe, expect, it } from "vitest";
import { cpuidNames } from "../src/specs/cpuid";
import { CPUID_NAMES_NOT_IN_DEBIAN_4_17 } from "../src/specs/cpuid-names";
import { readMemoryMiB, readXlNumber, xlNumberOptionsFor, parseUuid } from "../src/specs/values";
import { detachedSpecText } from "../src/specs/spec-text";
import type { PlainItem } from "../src/specs/dev-common";
import {
  HAND_CASES,
  analyse,
  cleanUpOracleFiles,
  configOf,
  disagreement,
  expectationOf,
  guestConfig,
  joinRandom,
  mapLimited,
  pick,
  quoted,
  runOracle,
  type DeviceKey,
  type HandCase,
  type OracleResult,
} from "./devices-helpers";
import { oracleUnavailableReason } from "./helpers";
import { seededRandom } from "./random";

const unavailable = oracleUnavailableReason();
if (unavailable) console.warn(`spec-devices-oracle: skipped, ${unavailable}`);

type Random = () => number;
type Generator = (random: Random) => Omit<HandCase, "codes" | "source">;

const UUIDS = ["0c0bc8a8-2b5d-4d5c-9c1e-1a2b3c4d5e6f", "0C0BC8A8-2B5D-4D5C-9C1E-1A2B3C4D5E6F", "00000000-0000-0000-0000-000000000000", "0c0bc8a82b5d4d5c9c1e1a2b3c4d5e6f", "nope", ""];

/** 1..max string items, each joined from `pool`. */
function items(random: Random, pool: readonly string[], maxItems: number, maxPieces: number): string[] {
  const count = 1 + Math.floor(random() * maxItems);
  return Array.from({ length: count }, () => joinRandom(random, pool, maxPieces));
}

/** Sometimes a nested list among the items (xl drops it and what follows, or refuses it). */
function maybeNested(random: Random, list: PlainItem[]): PlainItem[] {
  if (random() < 0.1) list.splice(Math.floor(random() * (list.length + 1)), 0, [pick(random, ["x", "backend=0"])]);
  return list;
}

const GENERATORS: Record<DeviceKey, Generator> = {
  vtpm: (r) => ({
    key: "vtpm",
    value: maybeNested(r, items(r, ["backend=0", "backend=vtpmmgr", "backend=", ...UUIDS.map((u) => `uuid=${u}`), "foo=1", "junk", " backend=1", "backend =1", "\tbackend=1"], 2, 3)),
  }),
  p9: (r) => ({
    key: "p9",
    value: maybeNested(r, items(r, ["tag=share", "tag=", "security_model=none", "security_model=mapped", "path=/srv", "path=", "backend=0", "foo=bar", "junk", " tag=x"], 3, 4)),
  }),
  pvcalls: (r) => ({ key: "pvcalls", value: maybeNested(r, items(r, ["backend=0", "backend=", "foo=1", "junk", " backend=d", "backend=a=b"], 2, 3)) }),
  channel: (r) => ({
    key: "channel",
    value: maybeNested(
      r,
      items(r, ["name=org.x.agent", "name=", "name=a=b", " name = a ", "connection=pty", "connection=socket", "connection=PTY", "connection=tcp", "path=/run/x.sock", "path=", "backend=0", "foo=1", "junk", "=x", " \t", "connection=pty", "name=n"], 2, 4),
    ),
  }),
  vfb: (r) => ({
    key: "vfb",
    value: maybeNested(
      r,
      items(r, ["vnc=1", "vnc=0", "vnc=yes", "sdl=1", "opengl=1", "vncdisplay=1", "vnclisten=0.0.0.0", "vnclisten=127.0.0.1:2", "vncpasswd=s", "vncunused=0", "keymap=de", "display=:0", "xauthority=/x", "type=vnc", "type=sdl", "foo=1", "junk", "vncdisplay=2x"], 2, 4),
    ),
  }),
  vkb: (r) => ({
    key: "vkb",
    value: maybeNested(
      r,
      items(r, ["backend-type=linux", "backend-type=QEMU", "backend-type=unknown", "backend-type=x", "backend=0", "unique-id=k0", "feature-multi-touch=1", "multi-touch-width=10", "multi-touch-height=5", "width=800", "height=x", "feature-abs-pointer=1", "foo=1", "junk", " width=3", "backend-type=linux"], 2, 4),
    ),
  }),
  usbctrl: (r) => ({
    key: "usbctrl",
    value: maybeNested(r, items(r, ["type=pv", "type=QUSB", "type=devicemodel", "type=auto", "type=foo", "version=1", "version=3", "version=9", "version=x", "ports=8", "ports=99", "foo=1", "junk", " ports=2"], 2, 3)),
  }),
  usbdev: (r) => ({
    key: "usbdev",
    value: maybeNested(r, items(r, ["type=hostdev", "type=HOSTDEV", "type=x", "hostbus=1", "hostbus=0x101", "hostaddr=2", "hostaddr=z", "controller=0", "port=1", "foo=1", "junk", " hostbus=3"], 2, 4)),
  }),
  vdispl: (r) => ({
    key: "vdispl",
    value: items(
      r,
      ["backend=0", "be-alloc=1", "connectors=id0:1920x1080", "connectors=a:1x2;b:3x4", "connectors=a:b:1x2", "connectors=a:1920x", "connectors=a: 1920x1080junk", "connectors=a:wide", "connectors=a:1x2;;b:3x4", "connectors=a:-1x5", "foo=1", "junk", "connectors=id0:800x600"],
      2,
      3,
    ),
  }),
  vsnd: (r) => {
    const kinds = ["CARD", "PCM", "STREAM", "card", "Stream", "pcm", "bogus", "CARD "];
    const params = ["backend=0", "short-name=Main", "long-name=L", "name=p", "unique-id=0", "id=0", "type=p", "type=c", "type=x", "sample-rates=44100;48000", "sample-formats=s16_le;u8", "sample-formats=float_le", "sample-formats=S16_LE", "channels-min=1", "channels-max=2", "buffer-size=1024", "junk"];
    const card = (): PlainItem => (r() < 0.08 ? "CARD" : Array.from({ length: Math.floor(r() * 4) }, () => [pick(r, kinds), joinRandom(r, params, 2, [", ", ","])].filter((s) => s !== "").join(", ")));
    return { key: "vsnd", value: Array.from({ length: 1 + Math.floor(r() * 2) }, card) };
  },
  virtio: (r) => ({ key: "virtio", value: items(r, ["backend=0", "type=virtio", "device22", "transport=mmio", "transport=pci", "grant_usage=1", "foo=1"], 2, 4) }),
  ioports: (r) => ({
    key: "ioports",
    value: maybeNested(r, Array.from({ length: 1 + Math.floor(r() * 3) }, () => pick(r, ["2f8", "2f8-2ff", "0x2f8", "2ff-2f8", "2f8x", "2f8-", "ffffffff", "fffffffe", "-1", "x", " 3f8", "10000", "0x", "3f8-3ff ", "60"]))),
  }),
  irqs: (r) => ({
    key: "irqs",
    value: maybeNested(r, Array.from({ length: 1 + Math.floor(r() * 3) }, () => pick(r, ["5", "07", "0x1", "-1", " 5", "+5", "4294967295", "4294967294", "5x", "", "12"]))),
  }),
  iomem: (r) => ({
    key: "iomem",
    value: maybeNested(r, Array.from({ length: 1 + Math.floor(r() * 3) }, () => pick(r, ["1,2", "0x1,0x2", " 1, 2", "1 ,2", "1,2@3", "1,2@", "1,2@ 3", "1,2 @3", "-1,2", "1,2@3x", "0x,2", "1,0x", "1,2,3", "g,1", "1", "1,0", "fe000,10"]))),
  }),
  vnuma: (r) => {
    const pool = ["pnode=0", "pnode=1", "size=512", "size=512M", "size=x", "size=", "vcpus=0", "vcpus=0-1", "vcpus=1", "vcpus=2-3", "vcpus=x", "vcpus=3-1", "vcpus=,", "vdistances=10", "vdistances=10,20", "vdistances=10,x", "foo=1", "pnode", " size = 256 "];
    const nodes: PlainItem[] = Array.from({ length: 1 + Math.floor(r() * 3) }, () => (r() < 0.05 ? "pnode=0" : Array.from({ length: 1 + Math.floor(r() * 4) }, () => pick(r, pool))));
    const extra = [r() < 0.4 ? `maxvcpus = ${1 + Math.floor(r() * 4)}` : "", r() < 0.3 ? `maxmem = ${pick(r, [256, 512, 1024])}` : ""].filter(Boolean).join("\n");
    return { key: "vnuma", value: nodes, ...(extra ? { extra } : {}) };
  },
  cpuid: (r) => {
    if (r() < 0.5) {
      const names = cpuidNames();
      const flag = (): string => {
        const name = r() < 0.7 ? pick(r, names) : pick(r, ["foo", "LAHF_LM", "lahf_lm", " tm", "host", ""]);
        return r() < 0.1 ? name : `${name}=${pick(r, ["0", "1", "x", "k", "s", "2", "y", "", "11", "xyz", "0x3"])}`;
      };
      const words = Array.from({ length: Math.floor(r() * 4) }, flag);
      return { key: "cpuid", value: [r() < 0.85 ? "host" : pick(r, ["Host", " host", "tm=0"]), ...words].join(",") };
    }
    const bits = (): string => pick(r, ["xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx0", "0101010101010101kkkkkkkkssssssss", "xxxx", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxz"]);
    const line = (): string => `${pick(r, ["1", "0x80000001", "7,0", "7,x", "x", "1;"])}${pick(r, [":", ":", " "])}${pick(r, ["eax", "ecx", "efx", "e"])}=${bits()}${r() < 0.4 ? `,${pick(r, ["edx", " ebx"])}=${bits()}` : ""}`;
    return { key: "cpuid", value: Array.from({ length: 1 + Math.floor(r() * 2) }, line) };
  },
};

const GENERATED_PER_KEY = 40;

/** Two oracle runs at a time: the machine has two cores. */
const PARALLEL = 2;

type Case = Omit<HandCase, "codes" | "source">;

/** Runs every case through xl and our parser; the disagreements, described. */
async function disagreements(cases: readonly Case[]): Promise<string[]> {
  const found = await mapLimited(cases, PARALLEL, async (c) => {
    const config = configOf({ ...c, codes: [], source: "" });
    const expected = expectationOf(analyse(c.key, config));
    const problem = disagreement(expected, await runOracle(config));
    return problem ? `${c.key} = ${JSON.stringify(c.value)}${c.extra ? ` (${c.extra})` : ""}: ${problem}` : undefined;
  });
  return found.filter((f): f is string => f !== undefined);
}

/** `count` distinct generated cases for `key`, always the same ones. */
function generated(key: DeviceKey, count: number): Case[] {
  const random = seededRandom(0x5eed + key.length * 7919 + key.charCodeAt(0));
  const cases = new Map<string, Case>();
  for (let i = 0; cases.size < count && i < count * 20; i++) {
    const c = GENERATORS[key](random);
    cases.set(JSON.stringify([c.value, c.extra]), c);
  }
  return [...cases.values()];
}

afterAll(() => cleanUpOracleFiles());

describe.skipIf(unavailable !== undefined)("device specs against xl 4.17", () => {
  it("agrees on every case of the hand table", async () => {
    expect(await disagreements(HAND_CASES)).toEqual([]);
  });

  for (const key of Object.keys(GENERATORS) as DeviceKey[]) {
    it(`agrees on ${GENERATED_PER_KEY} generated ${key} values`, async () => {
      const cases = generated(key, GENERATED_PER_KEY);
      expect(cases).toHaveLength(GENERATED_PER_KEY);
      expect(await disagreements(cases)).toEqual([]);
    });
  }

  it("the generated cases reach every verdict xl can give", async () => {
    // Guards against generators that only ever produce accepted (or only rejected) configs.
    const cases = (["channel", "vdispl", "ioports", "cpuid"] as const).flatMap((key) => generated(key, 12));
    const results = await mapLimited(cases, PARALLEL, (c) => runOracle(configOf({ ...c, codes: [], source: "" })));
    const verdicts = new Set(results.map((r) => (r.verdict === "accepted" && r.messages.length > 0 ? "warned" : r.verdict)));
    expect([...verdicts].sort()).toEqual(["accepted", "crashed", "rejected", "warned"]);
  });
});

describe.skipIf(unavailable !== undefined)("cpuid names against xl 4.17", () => {
  it("knows every name of the table, and no made-up one", async () => {
    const names = cpuidNames();
    // The made-up names, and the two of the 4.17.7 header that Debian's build lacks.
    const fake = ["lahf_lm", "sse5", "avx1024", "LAHF-LM", "tsc-adjust2", "clflushopt-x", ...CPUID_NAMES_NOT_IN_DEBIAN_4_17];
    // One config carries them all: xl reports each unknown name and carries on.
    const flags = [...names, ...fake].map((n) => `${n}=x`).join(",");
    const result = await runOracle(guestConfig(`cpuid = ${quoted(`host,${flags}`)}`, "hvm"));
    expect(result.verdict).toBe("accepted");
    const unknown = result.messages.filter((m) => m.startsWith("while parsing CPUID flag")).map((m) => m.replace(/^while parsing CPUID flag: "(.*)=x":$/, "$1"));
    expect(unknown.sort()).toEqual([...fake].sort());
  });
});

describe.skipIf(unavailable !== undefined)("numbers and UUIDs against xl 4.17", () => {
  const NUMBER_TEXTS = ["512", "0x200", "010", "08", "0x", "", " 512", "512 ", "512M", "1e3", "+5", "-1", "99999999999999999999", "9007199254740993", "0", "0X10", "  -0x10", "1.5", "12abc"];

  it("reads memory sizes as xl does (warnings, ignored values, the KiB it stores)", async () => {
    const failures: string[] = [];
    const results = await mapLimited(NUMBER_TEXTS, PARALLEL, (text) => runOracle(guestConfig(`memory = ${quoted(text)}`)));
    for (const [i, text] of NUMBER_TEXTS.entries()) {
      const ours = readMemoryMiB(text, xlNumberOptionsFor("memory"));
      const result = results[i] as OracleResult;
      const warned = ours.problems.some((p) => p.effect === "warning");
      const stored = /"target_memkb": (\d+)/.exec(result.json)?.[1];
      if (result.verdict !== "accepted") failures.push(`${text}: xl ${result.verdict}`);
      else if ((result.messages.length > 0) !== warned) failures.push(`${text}: xl said ${JSON.stringify(result.messages)}, we warned: ${warned}`);
      else if ((ours.kib === undefined ? undefined : String(ours.kib)) !== stored) failures.push(`${text}: xl stored ${stored} KiB, we said ${ours.kib}`);
    }
    expect(failures).toEqual([]);
  });

  it("refuses max_grant_frames without a message exactly when we say it exits", async () => {
    const failures: string[] = [];
    const texts = [...NUMBER_TEXTS, "2147483647", "2147483648"];
    const results = await mapLimited(texts, PARALLEL, (text) => runOracle(guestConfig(`max_grant_frames = ${quoted(text)}`)));
    for (const [i, text] of texts.entries()) {
      const ours = readXlNumber(text, xlNumberOptionsFor("max_grant_frames"));
      const result = results[i] as OracleResult;
      const exits = ours.problems.some((p) => p.effect === "fatal");
      if ((result.verdict === "rejected") !== exits || result.messages.length > 0) failures.push(`${text}: xl ${result.verdict} ${JSON.stringify(result.messages)}, we exit: ${exits}`);
    }
    expect(failures).toEqual([]);
  });

  it("accepts and refuses the same UUIDs as xl", async () => {
    const random = seededRandom(4242);
    const base = "0c0bc8a8-2b5d-4d5c-9c1e-1a2b3c4d5e6f";
    const texts = new Set(["", base, base.toUpperCase(), "00000000-0000-0000-0000-000000000000", `{${base}}`, base.replace(/-/g, ""), ` ${base}`, `${base} `, `${base}0`, base.slice(1)]);
    while (texts.size < 60) {
      const chars = [...base];
      const at = Math.floor(random() * chars.length);
      chars[at] = pick(random, ["g", "-", "A", "0", " ", "f", "x"]);
      texts.add(chars.join(""));
    }
    const failures: string[] = [];
    const list = [...texts];
    const results = await mapLimited(list, PARALLEL, (text) => runOracle(guestConfig(`uuid = ${quoted(text)}`)));
    for (const [i, text] of list.entries()) {
      const ours = parseUuid(detachedSpecText(text));
      const result = results[i] as OracleResult;
      if ((result.verdict === "rejected") !== (ours.value === undefined)) failures.push(`${text}: xl ${result.verdict}, we ${ours.value ? "accept" : "refuse"}`);
    }
    expect(failures).toEqual([]);
  });
});
