/**
 * The device spec parsers on their own: the hand table (reference §2.2,
 * §2.8, §5.5, §7.2 and xl.cfg(5)), the values and spans they return, and a
 * no-throw fuzz over random input for every parser.
 */
import { describe, expect, it } from "vitest";
import { parseChannel } from "../src/specs/dev-channel";
import { detachedItems, type ListProblem, type PlainItem, type SpecItem } from "../src/specs/dev-common";
import { parseP9, parseP9List } from "../src/specs/dev-p9";
import { parsePvcalls } from "../src/specs/dev-pvcalls";
import { parseIomem, parseIomemRange, parseIoport, parseIoports, parseIrq, parseIrqs } from "../src/specs/dev-ranges";
import { parseUsbctrl, parseUsbdev } from "../src/specs/dev-usb";
import { parseVdispl } from "../src/specs/dev-vdispl";
import { parseVfb } from "../src/specs/dev-vfb";
import { parseVirtio } from "../src/specs/dev-virtio";
import { parseVkb } from "../src/specs/dev-vkb";
import { parseVnuma } from "../src/specs/dev-vnuma";
import { parseVsnd } from "../src/specs/dev-vsnd";
import { parseVtpm } from "../src/specs/dev-vtpm";
import { detachedSpecText, fileOffsetOf, type SpecProblem, type SpecText } from "../src/specs/spec-text";
import { HAND_CASES, analyse, codesOf, configOf, itemsOf } from "./devices-helpers";
import { seededRandom } from "./random";

const d = detachedSpecText;
const codes = (problems: readonly SpecProblem[]): string[] => codesOf(problems);
const text = (spec: SpecText, span: { start: number; end: number }): string => spec.text.slice(span.start, span.end);

describe("the hand table", () => {
  it.each(HAND_CASES.map((c) => [`${c.key} = ${JSON.stringify(c.value)}${c.extra ? ` with ${c.extra}` : ""} (${c.source})`, c] as const))("%s", (_name, c) => {
    expect(codesOf(analyse(c.key, configOf(c)))).toEqual([...c.codes].sort());
  });

  it("covers every fatal message §7.2 lists for these keys", () => {
    const fatal = new Set(HAND_CASES.flatMap((c) => c.codes.filter((code) => code.startsWith("fatal:")).map((code) => `${c.key}:${code.slice(6)}`)));
    for (const expected of [
      "vtpm:missing-backend", "vtpm:bad-uuid", "vtpm:unknown-key",
      "p9:missing-field", "p9:unknown-key",
      "pvcalls:unknown-key",
      "channel:bad-pair", "channel:unknown-connection", "channel:missing-connection", "channel:socket-without-path",
      "vkb:missing-backend-type", "vkb:unknown-backend-type", "vkb:unknown-key", "vkb:multi-touch-without-size",
      "usbctrl:unknown-type", "usbctrl:unknown-key", "usbdev:unknown-type", "usbdev:unknown-key",
      "vdispl:bad-resolution", "vdispl:unknown-key", "vdispl:missing-connectors",
      "vsnd:card-not-a-list", "vsnd:unknown-item-kind", "vsnd:unknown-parameter", "vsnd:unknown-pcm-format", "vsnd:unknown-stream-type",
      "ioports:nested-list-item", "ioports:not-hex", "ioports:bad-range", "ioports:too-big",
      "irqs:nested-list-item", "irqs:not-decimal", "irqs:too-big",
      "iomem:nested-list-item", "iomem:bad-iomem",
      "vnuma:vcpus-mismatch", "vnuma:more-vcpus-than-pcpus", "vnuma:maxmem-mismatch", "vnuma:pnode-out-of-range",
      "vnuma:bad-pair", "vnuma:vnode-not-a-list", "vnuma:not-a-number",
    ]) {
      expect(fatal, expected).toContain(expected);
    }
  });
});

describe("vtpm, p9, pvcalls", () => {
  it("reads backend and uuid with their spans", () => {
    const spec = d("backend=vtpmmgr, uuid=0C0BC8A8-2B5D-4D5C-9C1E-1A2B3C4D5E6F");
    const vtpm = parseVtpm(spec);
    expect(vtpm.problems).toEqual([]);
    expect(vtpm.backend?.value).toBe("vtpmmgr");
    expect(text(spec, vtpm.backend?.span ?? { start: 0, end: 0 })).toBe("vtpmmgr");
    expect(vtpm.uuid?.value).toBe("0c0bc8a8-2b5d-4d5c-9c1e-1a2b3c4d5e6f");
    expect(text(spec, vtpm.uuid?.span ?? { start: 0, end: 0 })).toBe("0C0BC8A8-2B5D-4D5C-9C1E-1A2B3C4D5E6F");
  });

  it("points an unknown vtpm key at its token and keeps the last repeated value", () => {
    const spec = d("backend=a,backend=b,mode=x");
    const vtpm = parseVtpm(spec);
    expect(vtpm.backend?.value).toBe("b");
    expect(codes(vtpm.problems)).toEqual(["fatal:unknown-key", "silent:repeated-key"]);
    const unknown = vtpm.problems.find((p) => p.code === "unknown-key");
    expect(text(spec, unknown?.span ?? { start: 0, end: 0 })).toBe("mode=x");
  });

  it("carries p9 fields from one share to the next, as 4.17 does", () => {
    const list = parseP9List(detachedItems(["tag=a,security_model=none,path=/a,backend=d1", "tag=b,path=/b"]));
    const second = list.shares[1];
    expect(second?.tag?.value).toBe("b");
    expect(second?.securityModel).toMatchObject({ value: "none", item: 0 });
    expect(second?.backend).toMatchObject({ value: "d1", item: 0 });
    expect(list.problems.map((p) => [p.path, p.code])).toEqual([
      [[1], "inherited-field"],
      [[1], "inherited-field"],
    ]);
    // On its own, the second share lacks fields and xl refuses it.
    expect(codes(parseP9(d("tag=b,path=/b")).problems)).toEqual(["fatal:missing-field"]);
  });

  it("reads pvcalls backends and refuses anything else", () => {
    expect(parsePvcalls(d(" backend=net")).backend?.value).toBe("net");
    expect(codes(parsePvcalls(d("backend=0,timeout=3")).problems)).toEqual(["fatal:unknown-key"]);
  });
});

describe("channel", () => {
  it("trims blanks around keys and values and maps spans to the file", () => {
    const config = 'channel = [ "name = org.agent\\t,connection= pty" ]\n';
    const item = itemsOf(config, "channel")[0];
    if (item?.kind !== "string") throw new Error("expected a string item");
    const channel = parseChannel(item.spec);
    expect(channel.problems).toEqual([]);
    expect(channel.name?.value).toBe("org.agent");
    expect(channel.connection?.value).toBe("pty");
    const span = channel.name?.span ?? { start: 0, end: 0 };
    expect(config.slice(fileOffsetOf(item.spec, span.start), fileOffsetOf(item.spec, span.end))).toBe("org.agent");
  });

  it("cuts a value at a second `=` and says so where it happens", () => {
    const spec = d("name=a=b=c,connection=socket,path=/run/s");
    const channel = parseChannel(spec);
    expect(channel.name?.value).toBe("a");
    const cut = channel.problems.find((p) => p.code === "value-cut-at-equals");
    expect(text(spec, cut?.span ?? { start: 0, end: 0 })).toBe("b=c");
  });

  it("suggests the lowercase connection", () => {
    const problem = parseChannel(d("name=a,connection=Socket,path=/x")).problems[0];
    expect(problem?.code).toBe("unknown-connection");
    expect(problem?.message).toContain("`socket`");
  });
});

describe("vfb, vkb, usb", () => {
  it("reads vfb numbers with atoi and strings as written", () => {
    const vfb = parseVfb(d("vnc=1,vnclisten=0.0.0.0,vncdisplay=7x,keymap=fr,sdl=0"));
    expect(vfb.vnc?.value).toBe(1);
    expect(vfb.vncdisplay?.value).toBe(7);
    expect(vfb.keymap?.value).toBe("fr");
    expect(codes(vfb.problems)).toEqual(["silent:number-with-junk"]);
  });

  it("stops a vfb at a token without `=`", () => {
    const spec = d("vnc=1,sdl,keymap=de");
    const vfb = parseVfb(spec);
    expect(vfb.keymap).toBeUndefined();
    expect(text(spec, vfb.problems[0]?.span ?? { start: 0, end: 0 })).toBe("sdl,keymap=de");
  });

  it("reads vkb settings case-insensitively and numbers as strtoul", () => {
    const vkb = parseVkb(d("backend-type=Linux,width=0x320,multi-touch-width=10,feature-raw-pointer=2"));
    expect(vkb.backendType?.value).toBe("linux");
    expect(vkb.numbers.get("width")?.value).toBe(800n);
    expect(vkb.numbers.get("feature-raw-pointer")?.value).toBe(1n);
    expect(vkb.problems).toEqual([]);
  });

  it("reads usbctrl and usbdev, keeping hostbus to 8 bits like xl", () => {
    const ctrl = parseUsbctrl(d("type=QUSB,version=1,ports=4"));
    expect([ctrl.type?.value, ctrl.version?.value, ctrl.ports?.value]).toEqual(["qusb", 1, 4]);
    const dev = parseUsbdev(d("type=hostdev,hostbus=0x101,hostaddr=2,controller=0,port=1"));
    expect([dev.hostbus?.value, dev.hostaddr?.value, dev.controller?.value, dev.port?.value]).toEqual([1, 2, 0, 1]);
    expect(codes(dev.problems)).toEqual(["silent:number-truncated"]);
  });
});

describe("vdispl", () => {
  it("reads connectors with ids and sizes", () => {
    const spec = d("backend=0,be-alloc=1,connectors=id0:1920x1080;id1:800x600");
    const vdispl = parseVdispl(spec);
    expect(vdispl.problems).toEqual([]);
    expect(vdispl.beAlloc?.value).toBe(true);
    expect(vdispl.connectors.map((c) => [c.id.value, c.width?.value, c.height?.value])).toEqual([
      ["id0", 1920, 1080],
      ["id1", 800, 600],
    ]);
    expect(text(spec, vdispl.connectors[1]?.id.span ?? { start: 0, end: 0 })).toBe("id1");
  });

  it("wraps a negative size as sscanf does", () => {
    const vdispl = parseVdispl(d("connectors=a:-1x5"));
    expect(vdispl.connectors[0]?.width?.value).toBe(4294967295);
    expect(codes(vdispl.problems)).toEqual(["silent:negative-resolution"]);
  });
});

describe("vsnd", () => {
  it("builds the card / pcm / stream tree", () => {
    const list = parseVsnd(
      detachedItems([["CARD, short-name=Main, sample-rates=44100;48000", "PCM, name=p0, sample-formats=s16_le;F32_LE", "STREAM, unique-id=s0, type=P", "STREAM, unique-id=s1, type=c"], ["STREAM, buffer-size=4096"]]),
    );
    expect(list.problems).toEqual([]);
    const [first, second] = list.cards;
    expect(first?.shortName?.value).toBe("Main");
    expect(first?.params.sampleRates?.map((r) => r.value)).toEqual([44100, 48000]);
    expect(first?.pcms[0]?.params.sampleFormats?.map((f) => f.value)).toEqual(["s16_le", "f32_le"]);
    expect(first?.pcms[0]?.streams.map((s) => [s.uniqueId?.value, s.type?.value])).toEqual([
      ["s0", "p"],
      ["s1", "c"],
    ]);
    // A STREAM with no PCM before it gets a PCM of its own.
    expect(second?.pcms[0]?.streams[0]?.params.bufferSize?.value).toBe(4096);
  });

  it("names the man page's wrong spellings", () => {
    const list = parseVsnd(detachedItems([["CARD, sample-formats=float64_be"]]));
    expect(list.problems[0]?.message).toContain("`f64_be`");
    expect(list.problems[0]?.path).toEqual([0, 0]);
  });
});

describe("virtio", () => {
  it("glues `type=virtio,deviceNN` back together like 4.18 and says 4.17 ignores it", () => {
    const spec = d("backend=0,type=virtio,device22,transport=MMIO,grant_usage=1");
    const virtio = parseVirtio(spec);
    expect(virtio.type?.value).toBe("virtio,device22");
    expect(text(spec, virtio.type?.span ?? { start: 0, end: 0 })).toBe("virtio,device22");
    expect(virtio.transport?.value).toBe("mmio");
    expect(virtio.grantUsage?.value).toBe(true);
    expect(codes(virtio.problems)).toEqual(["silent:needs-xen-4.18"]);
  });
});

describe("ioports, irqs, iomem", () => {
  it("reads hex port ranges, inclusive", () => {
    expect(parseIoport(d("2f8-2ff")).range).toMatchObject({ first: { value: 0x2f8 }, count: 8 });
    expect(parseIoport(d("0x60")).range).toMatchObject({ first: { value: 0x60 }, count: 1 });
    // A reversed range: xl's count wraps around.
    expect(parseIoport(d("2ff-2f8")).range?.count).toBe(4294967290);
  });

  it("reads irqs in decimal only", () => {
    expect(parseIrq(d("010")).irq?.value).toBe(10);
    expect(parseIrq(d(" +7")).irq?.value).toBe(7);
    expect(codes(parseIrq(d("0x1")).problems)).toEqual(["fatal:not-decimal"]);
  });

  it("reads iomem ranges as sscanf does", () => {
    const range = parseIomemRange(d("0xfe000, 10@a0")).range;
    expect([range?.start.value, range?.pages.value, range?.gfn?.value]).toEqual([0xfe000n, 0x10n, 0xa0n]);
    expect(parseIomemRange(d("0x,2")).range?.start.value).toBe(0n);
    expect(codes(parseIomemRange(d("-1,2")).problems)).toEqual(["libxl-fatal:range-wraps"]);
  });

  it("refuses a nested list anywhere in the list, but reads the other items", () => {
    for (const parse of [parseIoports, parseIrqs, parseIomem]) {
      const result = parse(detachedItems(["1,2", ["x"], "5"]));
      expect(result.items).toHaveLength(3);
      expect(result.problems.filter((p) => p.code === "nested-list-item").map((p) => p.path)).toEqual([[1]]);
    }
  });

  it("reads bare numbers in irqs through the file", () => {
    const items = itemsOf("irqs = [ 5, '7' ]\n", "irqs");
    const irqs = parseIrqs(items);
    expect(irqs.problems).toEqual([]);
    expect(irqs.items.map((i) => i?.irq?.value)).toEqual([5, 7]);
  });
});

describe("vnuma", () => {
  it("adds up vCPUs and sizes the way xl does", () => {
    const config = parseVnuma(
      detachedItems([
        ["pnode=0", "size=512", "vcpus=0-1,4", "vdistances=10,20"],
        ["pnode=0", "size=1024", "vcpus=2-3", "vdistances=20,10"],
      ]),
      { maxVcpus: 5, maxMemMiB: 1536n, hostNodes: 1 },
    );
    expect(config.problems).toEqual([]);
    expect(config.totalVcpus).toBe(5n);
    expect(config.totalMiB).toBe(1536n);
    expect(config.nodes[0]?.vcpus).toEqual([0n, 1n, 4n]);
    expect(config.nodes[1]?.distances.map((x) => x.value)).toEqual([20n, 10n]);
  });

  it("counts junk vCPU entries as xl does (vCPU 0, or nothing for a reversed range)", () => {
    const config = parseVnuma(detachedItems([["vcpus=x,3-1,2"]]));
    expect(config.nodes[0]?.vcpus).toEqual([0n, 2n]);
    // Two vCPUs counted (0 and 2), so vCPU 1 is in no node and libxl refuses the guest.
    expect(codes(config.problems)).toEqual(["libxl-fatal:vcpu-unassigned", "silent:bad-vcpus", "silent:bad-vcpus"]);
  });

  it("flags the vCPU range that makes xl loop forever", () => {
    expect(codes(parseVnuma(detachedItems([["vcpus=0-18446744073709551615"]])).problems)).toContain("fatal:vcpus-hang");
  });

  it("skips nested lists inside a node and refuses a node that is not a list", () => {
    const problems = parseVnuma(detachedItems([[["size=1"], "vcpus=0"], "pnode=0"])).problems as readonly ListProblem[];
    expect(problems.map((p) => [p.path, p.effect, p.code])).toEqual([
      [[0, 0], "silent", "nested-list"],
      [[1], "fatal", "vnode-not-a-list"],
    ]);
  });
});

/* ------------------------------------------------------------------ */
/* No-throw fuzz                                                       */
/* ------------------------------------------------------------------ */

const ALPHABET = ["a", "e", "x", "0", "1", "9", "f", "=", ",", ";", ":", "@", "-", " ", "\t", "x", "backend", "type", "name", "connectors", "CARD", "PCM", "STREAM", "vcpus", "size", "pnode", "0x", "=="];

function randomText(random: () => number): string {
  const length = Math.floor(random() * 12);
  let out = "";
  for (let i = 0; i < length; i++) out += ALPHABET[Math.floor(random() * ALPHABET.length)] as string;
  return out;
}

function randomItems(random: () => number, depth: number): PlainItem[] {
  return Array.from({ length: Math.floor(random() * 4) }, () => (depth > 0 && random() < 0.3 ? randomItems(random, depth - 1) : randomText(random)));
}

/** The contract every problem keeps: a kebab-case code, a message, a span inside its text, a known effect. */
function checkProblems(problems: readonly SpecProblem[], length: (problem: SpecProblem) => number): void {
  for (const p of problems) {
    expect(p.code).toMatch(/^[a-z0-9.]+(-[a-z0-9.]+)*$/);
    expect(p.message.length).toBeGreaterThan(20);
    expect(["fatal", "libxl-fatal", "warning", "silent", "guest"]).toContain(p.effect);
    expect(p.span.start).toBeGreaterThanOrEqual(0);
    expect(p.span.end).toBeGreaterThanOrEqual(p.span.start);
    expect(p.span.end).toBeLessThanOrEqual(length(p));
  }
}

function itemAt(items: readonly SpecItem[], path: readonly number[]): SpecItem | undefined {
  let current: SpecItem | undefined = { kind: "list", items };
  for (const index of path) current = current?.kind === "list" ? current.items[index] : undefined;
  return current;
}

describe("no-throw fuzz", () => {
  const single: Record<string, (spec: SpecText) => { readonly problems: readonly SpecProblem[] }> = {
    parseVtpm, parseP9, parsePvcalls, parseChannel, parseVfb, parseVkb, parseUsbctrl, parseUsbdev, parseVdispl, parseVirtio, parseIoport, parseIrq, parseIomemRange,
  };
  for (const [name, parse] of Object.entries(single)) {
    it(`${name} never throws and keeps its spans inside the text (3,000 random specs)`, () => {
      const random = seededRandom(name.length * 131 + 7);
      for (let i = 0; i < 3000; i++) {
        const spec = d(randomText(random));
        const result = parse(spec);
        checkProblems(result.problems, () => spec.text.length);
      }
    });
  }

  const lists: Record<string, (items: readonly SpecItem[]) => { readonly problems: readonly ListProblem[] }> = {
    parseP9List, parseVsnd, parseIoports, parseIrqs, parseIomem, parseVnuma: (items) => parseVnuma(items, { maxVcpus: 2, maxMemMiB: 512n, hostNodes: 1, hostCpus: 8, hostMaxCpus: 8, memoryMiB: 256n, guestType: "hvm" }),
  };
  for (const [name, parse] of Object.entries(lists)) {
    it(`${name} never throws on random nested lists (2,000 values)`, () => {
      const random = seededRandom(name.length * 977 + 3);
      for (let i = 0; i < 2000; i++) {
        const items = detachedItems(randomItems(random, 2));
        const result = parse(items);
        checkProblems(result.problems, (p) => {
          const item = itemAt(items, (p as ListProblem).path);
          return item?.kind === "string" ? item.spec.text.length : 0;
        });
      }
    });
  }

  it("specItemsOf maps every item of random configs back to the file", () => {
    const random = seededRandom(11);
    const plain = (items: readonly SpecItem[]): PlainItem[] => items.map((item) => (item.kind === "string" ? item.spec.text : plain(item.items)));
    const closingQuotes = (items: readonly SpecItem[], config: string): void => {
      for (const item of items) {
        if (item.kind === "list") closingQuotes(item.items, config);
        else expect(config[fileOffsetOf(item.spec, item.spec.text.length)]).toBe('"');
      }
    };
    for (let i = 0; i < 300; i++) {
      const items = randomItems(random, 2);
      // JSON arrays of strings are valid xl lists (tabs come out as \t, which xl decodes too).
      const config = `k = ${JSON.stringify(items)}\n`;
      const mapped = itemsOf(config, "k");
      expect(plain(mapped)).toEqual(items);
      closingQuotes(mapped, config);
    }
  });
});
