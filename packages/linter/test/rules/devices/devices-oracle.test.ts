/**
 * The devices rules against the real xl 4.17 (`xl-oracle check --deep`):
 * a hand table with the exact findings expected, then generated HVM platform
 * settings and generated device lists (fixed seed). Everywhere:
 *
 * - xl refuses the config (or crashes on it) → xlint has an error, and a
 *   devices-family error when xl's message is about a device or platform
 *   setting of this family;
 * - xl accepts it → no devices-family error, except the refusals libxl makes
 *   after the checks the oracle runs (listed in LIBXL_ONLY, from Xen's source:
 *   the oracle must accept those configs, or they would belong elsewhere);
 * - xl prints a warning → xlint has a finding.
 */
import { afterAll, describe, expect, it } from "vitest";
import {
  detachedSpecText,
  parseChannel,
  parseIomem,
  parseIoports,
  parseIrqs,
  parsePciSpec,
  parseUsbctrl,
  parseUsbdev,
  parseVdispl,
  parseVfb,
  parseVkb,
  parseVtpm,
  type SpecProblem,
} from "@xlint/parser";
import { oraclePath, oracleUnavailableReason } from "../../../../parser/test/helpers";
import { seededRandom } from "../../../../parser/test/random";
import { OracleRunner, type XlResult } from "../../fidelity/oracle-runner";
import type { Diagnostic } from "../../../src/index";
import { DEVICE_RULE_IDS, HEAD, lint, summary } from "./helpers";

const unavailable = oracleUnavailableReason();
const SEED = 0xde71_ce5;
const PLATFORM_CASES = 400;
const LIST_CASES = 600;

/** xl's messages about settings this family checks: when xl refuses for one of these, a devices rule must say so. */
const OURS = /PCI_SPEC_STRING|ioport|irq|iomem|channel|vtpm|9pfs|pvcalls|vkb|vdispl|usb controller|usbctrl|usbdev|vsnd|pcm|Invalid parameter|viridian|usbversion|videoram|Display specified both|died with signal/i;

interface Verdict {
  readonly xl: XlResult;
  readonly all: readonly Diagnostic[];
  readonly devices: readonly Diagnostic[];
}

/** What is wrong with xlint's findings given xl's verdict; `libxlOnly` says which devices errors the oracle cannot see. */
function disagreements({ xl, all, devices }: Verdict, libxlOnly: (d: Diagnostic) => boolean): string[] {
  const messages = xl.messages.join(" | ");
  const errors = devices.filter((d) => d.severity === "error");
  const crashed = xl.verdict === "no-verdict" && /died with signal/.test(messages);
  const out: string[] = [];
  if (xl.verdict === "no-verdict" && !crashed) out.push(`the oracle gave no verdict: ${messages}`);
  if (xl.verdict === "rejected" || crashed) {
    if (!all.some((d) => d.severity === "error")) out.push(`xl refuses it (${messages}) but xlint has no error`);
    else if (OURS.test(messages) && errors.length === 0) out.push(`xl refuses it (${messages}) but no devices rule has an error`);
  }
  if (xl.verdict === "accepted" || xl.verdict === "warned") {
    for (const e of errors.filter((d) => !libxlOnly(d))) out.push(`xl accepts it (${messages || "silently"}) but ${e.rule} says: ${e.message}`);
  }
  if (xl.verdict === "warned" && all.length === 0) out.push(`xl warns (${messages}) but xlint says nothing`);
  return out;
}

describe.skipIf(unavailable !== undefined)("devices rules against xl 4.17 (xl-oracle check --deep)", () => {
  const runner = new OracleRunner(oraclePath, 2);
  afterAll(() => runner.dispose());

  async function judge(text: string): Promise<Verdict> {
    const all = lint(text, { arch: "x86" }); // the oracle runs x86 xl
    return { xl: await runner.checkText(text, "utf8"), all, devices: all.filter((d) => DEVICE_RULE_IDS.has(d.rule)) };
  }

  describe("the hand table", () => {
    /** Each case: the config, the devices findings expected, and whether its error is one libxl makes after the oracle's checks. */
    const CASES: readonly { readonly config: string; readonly expect: readonly string[]; readonly libxlOnly?: true }[] = [
      { config: `${HEAD.pv}pci = [ "0000:01:00.0@1f,permissive=1" ]\n`, expect: [] },
      { config: `${HEAD.pv}pci = [ "01:00.0@20" ]\n`, expect: ["pci-invalid-spec:error"] },
      { config: `${HEAD.pv}pci = [ "01:00.0,permissive=yes" ]\n`, expect: ["pci-invalid-spec:warning"] },
      { config: `${HEAD.pv}pci = [ "01:00" ]\n`, expect: ["pci-invalid-spec:error"] },
      { config: `${HEAD.hvm}rdm = "strategy=host,policy=strict"\n`, expect: ["rdm-ignored:warning"] },
      { config: `${HEAD.hvm}rdm = "strategy=host,foo=bar"\n`, expect: ["rdm-ignored:warning"] },
      { config: `${HEAD.pv}ioports = [ "3f8x" ]\n`, expect: ["invalid-io-resource:warning"] },
      { config: `${HEAD.pv}ioports = [ "zz" ]\n`, expect: ["invalid-io-resource:error"] },
      { config: `${HEAD.pv}ioports = [ "3f8-3f0" ]\n`, expect: ["invalid-io-resource:error"], libxlOnly: true },
      { config: `${HEAD.pv}irqs = [ 5, "0x10" ]\n`, expect: ["invalid-io-resource:error"] },
      { config: `${HEAD.pv}iomem = [ "fe000,1@zz" ]\n`, expect: ["invalid-io-resource:error"] },
      { config: `${HEAD.pv}channel = [ "name=a,connection=SOCKET,path=/run/a" ]\n`, expect: ["channel-invalid:error"] },
      { config: `${HEAD.pv}channel = [ "name=a,connection=pty,foo=bar" ]\n`, expect: ["channel-invalid:warning"] },
      { config: `${HEAD.pv}channel = [ "connection=pty" ]\n`, expect: ["channel-invalid:error"], libxlOnly: true },
      { config: `${HEAD.pv}channel = [ ",," ]\n`, expect: ["device-spec-crash:error"] },
      { config: `${HEAD.pv}vtpm = [ "uuid=12345678-1234-1234-1234-123456789abc" ]\n`, expect: ["vtpm-invalid:error"] },
      { config: `${HEAD.pv}p9 = [ "tag=a,security_model=none,path=/a", "tag=b,path=/b" ]\n`, expect: ["p9-invalid:warning"] },
      { config: `${HEAD.pv}p9 = [ "tag=a,path=/a" ]\n`, expect: ["p9-invalid:error"] },
      { config: `${HEAD.pv}pvcalls = [ "foo=1" ]\n`, expect: ["pvcalls-invalid:error"] },
      { config: `${HEAD.hvm}vkb = [ "backend-type=linux,foo=1" ]\n`, expect: ["vkb-invalid:error"] },
      { config: `${HEAD.pv}vfb = [ "type=vnc,vnc=yes" ]\n`, expect: ["vfb-ignored-setting:warning", "vfb-ignored-setting:warning"] },
      { config: `${HEAD.pv}vfb = [ "vnc=1,vncdisplay=1,vnclisten=0.0.0.0:1" ]\n`, expect: ["vnc-display-conflict:error"], libxlOnly: true },
      { config: `${HEAD.pv}vdispl = [ "backend=0,connectors=1920x1080" ]\n`, expect: ["device-spec-crash:error"] },
      { config: `${HEAD.pv}vdispl = [ "backend=0,beAlloc=0,connectors=id0:800x600" ]\n`, expect: ["vdispl-invalid:error"] },
      { config: `${HEAD.pv}usbctrl = [ "type=pv,ports=40" ]\n`, expect: ["usb-invalid:error"], libxlOnly: true },
      { config: `${HEAD.pv}usbdev = [ "hostbus=1,hostaddr=2,speed=1" ]\n`, expect: ["usb-invalid:error"] },
      { config: `${HEAD.pv}vsnd = [ [ "CARD, short-name=Main", "PCM, name=Main", "STREAM, id=0, type=p" ] ]\n`, expect: ["vsnd-invalid:error"] },
      { config: `${HEAD.pv}vsnd = [ [ "CARD, sample-rates=" ] ]\n`, expect: ["device-spec-crash:error"] },
      { config: `${HEAD.hvm}viridian = [ "base", "stimr" ]\n`, expect: ["viridian-invalid:error"] },
      { config: `${HEAD.hvm}viridian = [ "freq" ]\n`, expect: ["viridian-invalid:error"], libxlOnly: true },
      { config: `${HEAD.hvm}viridian = [ "!stimer", "all" ]\n`, expect: ["viridian-invalid:error"], libxlOnly: true },
      { config: `${HEAD.hvm}viridian = [ [ "base" ] ]\n`, expect: ["viridian-invalid:error"] },
      { config: `${HEAD.hvm}viridian = [ "defaults", "BASE", "!hcall_ipi" ]\n`, expect: [] },
      { config: `${HEAD.hvm}usbdevice = []\nusbversion = 2\n`, expect: ["usbversion-conflict:error"] },
      { config: `${HEAD.hvm}spice = 1\nspiceport = 6000\n`, expect: ["spice-incomplete:error"], libxlOnly: true },
      { config: `${HEAD.hvm}spiceusbredirection = 2\n`, expect: ["spice-incomplete:warning"] },
      { config: `${HEAD.hvm}vga = "qxl"\nvideoram = 64\n`, expect: ["videoram-invalid:error"] },
      { config: `${HEAD.hvm}device_model_version = "qemu-xen-traditional"\nvideoram = 16\n`, expect: ["videoram-invalid:warning"] },
      { config: `${HEAD.hvm}vnc = 0\nvnclisten = "0.0.0.0:1"\nvncdisplay = 1\n`, expect: ["vnc-display-conflict:error"] },
      { config: `${HEAD.pv}vnc = 1\nvnclisten = "0.0.0.0:1"\nvncdisplay = 1\n`, expect: ["vnc-display-conflict:error"], libxlOnly: true },
      { config: `${HEAD.pv}cpuid = "host,avx512_vnni=0,aes=0"\n`, expect: ["cpuid-invalid:warning"] },
      { config: `${HEAD.pv}cpuid = [ "1:ecx=${"x".repeat(31)}z" ]\n`, expect: ["cpuid-invalid:error"], libxlOnly: true },
    ];

    it(`gives the expected findings on ${CASES.length} configs, consistent with xl's verdicts`, async () => {
      const problems: string[] = [];
      await Promise.all(
        CASES.map(async ({ config, expect: expected, libxlOnly }) => {
          const verdict = await judge(config);
          const where = config.split("\n").slice(-2).join(" ");
          const got = summary(verdict.devices);
          if (got.join() !== [...expected].sort().join()) problems.push(`${where}: expected ${expected.join(", ") || "nothing"}, got ${got.join(", ") || "nothing"}`);
          problems.push(...disagreements(verdict, () => libxlOnly === true).map((p) => `${where}: ${p}`));
          // A libxl-only case the oracle refuses would be a case of the oracle's checks, not one it cannot see.
          if (libxlOnly && verdict.xl.verdict !== "accepted" && verdict.xl.verdict !== "warned") problems.push(`${where}: marked libxl-only but xl says ${verdict.xl.verdict}`);
        }),
      );
      expect(problems).toEqual([]);
    });
  });

  it(`agrees with xl on ${PLATFORM_CASES} generated HVM platform configs`, async () => {
    const random = seededRandom(SEED);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const maybe = (line: string | undefined): string => (line === undefined || random() < 0.5 ? "" : `${line}\n`);
    const VIRIDIAN_ITEMS = ["base", "freq", "stimer", "hcall_ipi", "all", "defaults", "!freq", "!base", "!stimer", "All", "BASE", "bogus", "!all", "time_ref_cnt"];
    const configs = Array.from({ length: PLATFORM_CASES }, () => {
      const viridian = random() < 0.15 ? pick(["0", "1"]) : `[ ${Array.from({ length: Math.floor(random() * 4) }, () => `"${pick(VIRIDIAN_ITEMS)}"`).join(", ")} ]`;
      return [
        HEAD.hvm,
        maybe(`viridian = ${viridian}`),
        maybe(pick(["usb = 1", "usb = 0"])),
        maybe(pick(['usbdevice = [ "tablet" ]', 'usbdevice = "tablet"', "usbdevice = []"])),
        maybe(`usbversion = ${pick([0, 1, 2, 3])}`),
        maybe(`spice = ${pick([0, 1])}`),
        maybe(`spiceport = ${pick([0, 6000])}`),
        maybe("spicedisable_ticketing = 1"),
        maybe(pick(['spicepasswd = ""', 'spicepasswd = "x"'])),
        maybe(`spiceusbredirection = ${pick([0, 2, 4])}`),
        maybe(`vga = "${pick(["stdvga", "cirrus", "qxl", "none"])}"`),
        maybe(`stdvga = ${pick([0, 1])}`),
        maybe(`videoram = ${pick([0, 4, 8, 15, 16, 64, 128])}`),
        maybe(`device_model_version = "${pick(["qemu-xen", "qemu-xen-traditional"])}"`),
        maybe(`vnclisten = "${pick(["0.0.0.0", "0.0.0.0:1"])}"`),
        maybe(`vncdisplay = ${pick([0, 2])}`),
      ].join("");
    });
    /** The refusals libxl makes after the oracle's checks: the viridian set (at domain build) and SPICE (when qemu starts). */
    const libxlOnly = (d: Diagnostic): boolean => d.rule === "spice-incomplete" || (d.rule === "viridian-invalid" && /without `base`|comes before `all`/.test(d.message));
    const verdicts = await Promise.all(configs.map(judge));
    const problems = verdicts.flatMap((v, i) => disagreements(v, libxlOnly).map((p) => `${configs[i]?.replace(/\n/g, "; ")}: ${p}`));
    expect(problems.slice(0, 10)).toEqual([]);
    // Enough of each verdict that the comparison means something.
    const count = (verdict: string) => verdicts.filter((v) => v.xl.verdict === verdict).length;
    expect(count("rejected")).toBeGreaterThan(PLATFORM_CASES / 10);
    expect(count("accepted") + count("warned")).toBeGreaterThan(PLATFORM_CASES / 10);
    expect(count("warned")).toBeGreaterThan(0);
  }, 120_000 + PLATFORM_CASES * 120); // a guard against hangs: the oracle takes 15 to 65 ms a call, depending on the machine

  it(`agrees with xl on ${LIST_CASES} generated device lists, and every error xl cannot see is one libxl makes`, async () => {
    const random = seededRandom(SEED + 1);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    /** Each list with items to start from, and the parser that says what libxl will do with one. */
    const LISTS: Readonly<Record<string, { readonly items: readonly string[]; readonly parse: (text: string) => readonly SpecProblem[] }>> = {
      pci: { items: ["01:00.0", "0000:01:00.0@1f", "01:00.0,seize=1", "name=gpu0", "01:00.*,permissive=1", "bdf=01:00.0,vslot=3"], parse: (t) => parsePciSpec(detachedSpecText(t)).problems },
      ioports: { items: ["2f8-2ff", "3f8", "0x3f8", "3f8-3f0"], parse: (t) => parseIoports([{ kind: "string", spec: detachedSpecText(t) }]).problems },
      irqs: { items: ["5", "7", "12"], parse: (t) => parseIrqs([{ kind: "string", spec: detachedSpecText(t) }]).problems },
      iomem: { items: ["fe000,1", "fe000,1@80000", "fe000,0"], parse: (t) => parseIomem([{ kind: "string", spec: detachedSpecText(t) }]).problems },
      channel: { items: ["name=a,connection=pty", "name=a,connection=socket,path=/run/a", "connection=pty"], parse: (t) => parseChannel(detachedSpecText(t)).problems },
      vtpm: { items: ["backend=vtpmmgr", "backend=0,uuid=12345678-1234-1234-1234-123456789abc"], parse: (t) => parseVtpm(detachedSpecText(t)).problems },
      vkb: { items: ["backend-type=linux", "backend-type=qemu,width=800,height=600", "backend-type=linux,feature-multi-touch=1,multi-touch-width=10"], parse: (t) => parseVkb(detachedSpecText(t)).problems },
      vfb: { items: ["vnc=1,vnclisten=0.0.0.0", "sdl=1,vnc=0", "vnc=1,vncdisplay=1,vnclisten=0.0.0.0:1"], parse: (t) => parseVfb(detachedSpecText(t)).problems },
      vdispl: { items: ["backend=0,be-alloc=1,connectors=id0:1920x1080;id1:800x600", "connectors=id0:800x600"], parse: (t) => parseVdispl(detachedSpecText(t)).problems },
      usbctrl: { items: ["type=qusb,version=2,ports=4", "version=2,ports=8", "type=pv,ports=31", "type=devicemodel,version=1"], parse: (t) => parseUsbctrl(detachedSpecText(t)).problems },
      usbdev: { items: ["hostbus=1,hostaddr=2", "type=hostdev,hostbus=1,hostaddr=2,controller=0,port=1"], parse: (t) => parseUsbdev(detachedSpecText(t)).problems },
    };
    /** Small edits that make the mistakes people make: a blank, a case change, a lost or extra character. */
    const mutate = (text: string): string => {
      const at = Math.floor(random() * (text.length + 1));
      switch (pick(["keep", "blank", "upper", "drop", "comma", "equals", "digit"])) {
        case "blank":
          return `${text.slice(0, at)} ${text.slice(at)}`;
        case "upper":
          return text.toUpperCase();
        case "drop":
          return text.slice(0, at) + text.slice(at + 1);
        case "comma":
          return `${text.slice(0, at)},${text.slice(at)}`;
        case "equals":
          return `${text.slice(0, at)}=${text.slice(at)}`;
        case "digit":
          return `${text.slice(0, at)}9${text.slice(at)}`;
        default:
          return text;
      }
    };
    const cases = Array.from({ length: LIST_CASES }, () => {
      const key = pick(Object.keys(LISTS));
      const list = LISTS[key] as (typeof LISTS)[string];
      const item = mutate(pick(list.items)).replace(/["\\]/g, "");
      const type = pick(["pv", "pvh", "hvm"] as const);
      return { key, item, list, config: `${HEAD[type]}${key} = [ "${item}" ]\n` };
    });
    const verdicts = await Promise.all(cases.map(({ config }) => judge(config)));
    const problems = verdicts.flatMap((v, i) => {
      const c = cases[i] as (typeof cases)[number];
      const libxlRefuses = c.list.parse(c.item).some((p) => p.effect === "libxl-fatal");
      return disagreements(v, () => libxlRefuses).map((p) => `${c.config.replace(/\n/g, "; ")}: ${p}`);
    });
    expect(problems.slice(0, 10)).toEqual([]);
    expect(verdicts.filter((v) => v.xl.verdict === "rejected").length).toBeGreaterThan(LIST_CASES / 10);
  }, 120_000 + LIST_CASES * 120); // as above
});
