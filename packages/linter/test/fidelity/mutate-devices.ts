/**
 * Mutations of the other spec strings (reference §2.2, §2.5, §2.8, §5):
 * PCI (BDF ranges, hex vslot, whitespace, keys, PVH, PoD), CPU lists, vNUMA
 * and its totals, viridian groups, RDM, I/O ports, IRQs, iomem, CPUID, and
 * the small device lists (channel, vtpm, p9, vkb, vfb, vdispl, usbctrl,
 * usbdev, vsnd, device_model_args).
 */
import { asType, maybeHvm, q, withListItem, type Mutation, type MutationContext } from "./mutation";
import { del, set, xlList, xlStrings, type Change } from "./xl-text";

const PCI_SPECS = [
  "01:00.0", "0000:01:00.0", "01:00.0@1f", "01:00.0@20", "01:00.0,seize=1", "01:00.0, seize=1", "01:00.0,seize =1",
  " 01:00.0", "01:00.0,foo=1", "01:20.0", "1:0.8", "01:00.*", "name=gpu0", "01:00.0,name=gpu0", "bdf=01:00.0",
  "bdf=01:00.0,vslot=3", "vslot=3", "01:00.0,rdm_policy=strict", "01:00.0,rdm_policy=bogus", "01:00.0,permissive=yes",
  "10000:01:00.0", "01:00", "01:00.0,vslot=0x20", "01:00.0,msitranslate=1,power_mgmt=1", "0a:1f.7", "0A:00.0",
];

export function mutatePci(context: MutationContext): Mutation {
  const { rng } = context;
  const changes: Change[] = [];
  const setup = rng.int(5);
  // Passthrough is refused on x86 PVH and, for HVM/PVH, with PoD (memory < maxmem) (§5.1, §6.4).
  if (setup === 0) changes.push(...asType("pvh"));
  if (setup === 1) changes.push(...asType("hvm"), set("memory", "512"), set("maxmem", "1024"));
  if (setup === 2) changes.push(set("passthrough", q(rng.pick(["disabled", "share_pt", "sync_pt", "enabled"]))));
  changes.push(...withListItem(context, "pci", rng.pick(PCI_SPECS)));
  const label = ["pvh", "pod", "passthrough", "spec", "spec"][setup] as string;
  return { operator: `pci/${label}`, changes };
}

const CPULISTS = [
  "0-3", "all", "nodes:0", "node:0", "^all", "all,^0", "3-1", "0x1", "3 ", " 3", "foo", "0,^1", "8-15", "nodes:1",
  "", "0-", "1,3,5", "all,^nodes:0", "nodes:0-1", "-1",
];

export function mutateCpus(context: MutationContext): Mutation {
  const { rng } = context;
  const key = rng.chance(0.7) ? "cpus" : "cpus_soft";
  const value = rng.chance(0.75) ? q(rng.pick(CPULISTS)) : xlStrings([rng.pick(CPULISTS), rng.pick(CPULISTS)]);
  return { operator: `cpus/${key}`, changes: [set(key, value)] };
}

/** A two-node vNUMA layout whose totals match, then one thing broken (§2.2). */
export function mutateVnuma(context: MutationContext): Mutation {
  const { rng } = context;
  const node = (pnode: string, size: string, vcpus: string, dist: string): string[] => [`pnode=${pnode}`, `size=${size}`, `vcpus=${vcpus}`, `vdistances=${dist}`];
  let nodes = [node("0", "512", "0-1", "10,20"), node("0", "512", "2-3", "20,10")];
  let maxvcpus: string | undefined = "4";
  let maxmem = "1024";
  let memory = "1024";
  let type: "hvm" | "pvh" | "pv" = rng.chance(0.7) ? "hvm" : "pvh";
  const faults = ["none", "pnode", "maxvcpus", "maxmem", "no-equals", "not-number", "not-a-list", "pv", "pod", "no-maxvcpus", "unknown-key", "string"];
  const fault = rng.pick(faults);
  switch (fault) {
    case "pnode":
      nodes = [node("1", "512", "0-1", "10,20"), node("0", "512", "2-3", "20,10")];
      break;
    case "maxvcpus":
      maxvcpus = "6";
      break;
    case "maxmem":
      maxmem = "2048";
      memory = "2048";
      break;
    case "no-equals":
      nodes = [["pnode=0", "size512", "vcpus=0-1"], node("0", "512", "2-3", "20,10")];
      break;
    case "not-number":
      nodes = [node("0", "lots", "0-1", "10,20"), node("0", "512", "2-3", "20,10")];
      break;
    case "pv":
      type = "pv";
      break;
    case "pod":
      memory = "512";
      break;
    case "no-maxvcpus":
      maxvcpus = undefined;
      nodes = [node("0", "512", "0-7", "10,20"), node("0", "512", "8-11", "20,10")];
      break;
    case "unknown-key":
      nodes = [[...node("0", "512", "0-1", "10,20"), "foo=1"], node("0", "512", "2-3", "20,10")];
      break;
  }
  let value = xlList(nodes.map(xlStrings));
  if (fault === "not-a-list") value = xlList([q("pnode=0"), xlStrings(node("0", "512", "2-3", "20,10"))]);
  if (fault === "string") value = q("pnode=0,size=1024,vcpus=0-3");
  const changes: Change[] = [...asType(type), set("memory", memory), set("maxmem", maxmem), set("vcpus", "4")];
  changes.push(maxvcpus === undefined ? del("maxvcpus") : set("maxvcpus", maxvcpus));
  changes.push(set("vnuma", value));
  return { operator: `vnuma/${fault}`, changes };
}

const VIRIDIAN = [
  "1", "0", '"1"', '[ "base" ]', '[ "all" ]', '[ "defaults" ]', '[ "foo" ]', '[ "base", "!freq" ]',
  '[ "BASE" ]', '[ "base", "synic" ]', '[ "base", "stimer" ]', "[]", '[ "All" ]', '"base"',
];

/** Sets without `base` are left out: libxl refuses them after the checks xl-oracle runs. */
export function mutateViridian(context: MutationContext): Mutation {
  return { operator: "viridian/set", changes: [...maybeHvm(context, 0.85), set("viridian", context.rng.pick(VIRIDIAN))] };
}

interface ListSpec {
  readonly key: string;
  readonly specs: readonly string[];
  readonly hvm?: boolean;
}

/** Item syntax of §5.5 and §2.8: valid items, missing required fields, unknown keys, bad values. */
const LIST_SPECS: readonly ListSpec[] = [
  {
    key: "channel",
    specs: [
      "name=org.qemu.guest_agent.0,connection=socket,path=/tmp/ga.sock", "name=a,connection=pty", "name=a,connection=SOCKET",
      "name=a,connection=socket", "connection=pty", "name=a", "name=a,connection=pty,foo=bar", "name=a,connection",
      "name=a=b,connection=pty", "name=,connection=pty", " name = a , connection = pty ",
    ],
  },
  {
    key: "vtpm",
    specs: ["backend=vtpmmgr", "backend=vtpmmgr,uuid=bad", "uuid=12345678-1234-1234-1234-123456789abc", "backend=x,foo=bar", "backend=x,uuid=12345678-1234-1234-1234-123456789abc", "backend"],
  },
  {
    key: "p9",
    specs: ["tag=share,security_model=none,path=/srv/share", "tag=share,path=/srv/share", "tag=share,security_model=none,path=/srv,foo=1", "tag=share,security_model=none,path=/srv,backend=0"],
  },
  {
    key: "vkb",
    specs: ["backend-type=linux", "backend-type=qemu", "backend-type=bogus", "backend=0", "backend-type=linux,feature-multi-touch=1", "backend-type=linux,foo=1", "backend-type=linux,width=800,height=600"],
  },
  { key: "vfb", specs: ["vnc=1,vnclisten=0.0.0.0", "type=vnc", "sdl=1,vnc=0", "vnc=1,vncdisplay=1,vnclisten=0.0.0.0:1", "vnc", "keymap=de"] },
  {
    key: "vdispl",
    specs: ["backend=0,be-alloc=1,connectors=id0:1920x1080;id1:800x600", "backend=0", "backend=0,connectors=id0:1920", "backend=0,foo=1", "connectors=id0:800x600"],
  },
  { key: "usbctrl", specs: ["type=qusb,version=3,ports=4", "type=bogus", "version=2,ports=8", "foo=1", "type=PV", "type=pv,ports=40"] },
  { key: "usbdev", specs: ["hostbus=1,hostaddr=2", "type=hostdev,hostbus=1,hostaddr=2", "type=bogus", "foo=1", "controller=0,port=1,hostbus=1,hostaddr=2"] },
  { key: "ioports", specs: ["2f8-2ff", "3f8", "zz", "2f8-zz", "1ffffffff", "3f8x", "0x3f8"] },
  { key: "irqs", specs: ["5", "7", "0x10", "abc", "5x", "99999999999"] },
  { key: "iomem", specs: ["fe000,1", "fe000,1@80000", "fe000", "zz,1", "fe000,1@zz"] },
  { key: "device_model_args", specs: ["-foo", "-display none"] },
  { key: "device_model_args_hvm", specs: ["-foo"], hvm: true },
  { key: "dtdev", specs: ["/soc/ethernet@e6800000"] },
  { key: "pvcalls", specs: ["backend=0", "foo=1"] },
];

export function mutateDeviceList(context: MutationContext): Mutation {
  const { rng } = context;
  const spec = rng.pick(LIST_SPECS);
  const extra = spec.hvm ? maybeHvm(context) : [];
  // A few times, the list key is given a plain string (fatal for device_model_args*, §2.7).
  if (rng.chance(0.12)) return { operator: `devices/${spec.key}-string`, changes: [...extra, set(spec.key, q(rng.pick(spec.specs)))] };
  return { operator: `devices/${spec.key}`, changes: [...extra, ...withListItem(context, spec.key, rng.pick(spec.specs))] };
}

const VSND = [
  xlList([xlStrings(["CARD, short-name=Main", "PCM, name=Main", "STREAM, unique-id=0, type=p"])]),
  xlList([xlStrings(["CARD", "PCM, name=Main", "STREAM, id=0, type=p"])]),
  xlList([xlStrings(["CARD", "PCM, name=Main, sample-formats=float_le", "STREAM, unique-id=0, type=p"])]),
  xlList([xlStrings(["CARD", "PCM, name=Main, sample-formats=s16_le", "STREAM, unique-id=0, type=x"])]),
  xlStrings(["CARD", "PCM"]),
  xlList([xlStrings(["BOGUS"])]),
];

const RDM = ["strategy=host", "strategy=host,policy=relaxed", "strategy=host,", "strategy=bogus", "policy=strict", "strategy=host,policy=STRICT"];

const CPUID = [
  q("host,tm=0,sse3=0"), q("tm=0"), q("host,bogus=1"), q("host,tm=2"), q("host,tm"), q("host,family=6"),
  xlStrings([`0x00000001:ecx=${"x".repeat(31)}0`]), xlStrings(["1:eax=0"]), xlStrings([`0x1:ezx=${"x".repeat(32)}`]),
  xlStrings([`xyz:eax=${"x".repeat(32)}`]), xlStrings([`1${"x".repeat(32)}`]),
];

export function mutateMisc(context: MutationContext): Mutation {
  const { rng } = context;
  switch (rng.int(3)) {
    case 0:
      return { operator: "misc/vsnd", changes: [set("vsnd", rng.pick(VSND))] };
    case 1:
      return { operator: "misc/rdm", changes: [...maybeHvm(context, 0.5), set("rdm", q(rng.pick(RDM)))] };
    default:
      return { operator: "misc/cpuid", changes: [set("cpuid", rng.pick(CPUID))] };
  }
}
