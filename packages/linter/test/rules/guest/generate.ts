/**
 * Random guest configs for the oracle test: identity, guest type, boot,
 * passthrough, memory modes, vCPUs and CPU lists, mixed with a fixed seed.
 * Every value outside the guest family's domain is one xl takes (valid PCI
 * specs, valid enum names), so that whenever xl refuses a config, the reason
 * is one the guest rules are meant to find. The fake host of xl-oracle has 8
 * CPUs in one NUMA node and only Pool-0; some CPU lists, vNUMA nodes and
 * pools go beyond it, for the rules that read the host profile.
 */
export type Random = () => number;

function pick<T>(random: Random, choices: readonly T[]): T {
  return choices[Math.floor(random() * choices.length)] as T;
}

function chance(random: Random, p: number): boolean {
  return random() < p;
}

const quote = (value: string): string => `"${value}"`;

const NAMES = [...Array<string>(20).fill("guest"), "123", "", "web 01", "a/b"];
const TYPE_LINES: readonly (readonly string[])[] = [
  ...Array<string[]>(4).fill([]),
  ...Array<string[]>(6).fill(['type = "pv"']),
  ...Array<string[]>(8).fill(['type = "pvh"']),
  ...Array<string[]>(10).fill(['type = "hvm"']),
  ['type = "h"'],
  ['type = "p"'],
  ['type = ""'],
  ['type = "hv"'],
  ['type = "HVM"'],
  ['type = "pvm"'],
  ['builder = "generic"'],
  ['builder = "hvm"'],
  ['builder = "linux"'],
  ['builder = "g"'],
  ['builder = ""'],
  ['type = "hvm"', 'builder = "hvm"'],
  ['type = "pv"', 'builder = "generic"'],
  ['type = "pvh"', 'builder = "generic"'],
  ['type = "hvm"', 'builder = "generic"'],
  ['type = "HVM"', 'builder = "hvm"'],
];
const FIRMWARES = ["pvgrub32", "pvgrub64", "pvgrub", "p", "grub", "uefi", "bios", "u", "bi", "", "seabios", "ovmf", "OVMF", "rombios", "/usr/share/ovmf/OVMF.fd", "OVMF.fd", "unknown"];
const KERNELS = ["/boot/vmlinuz", "/boot/vmlinuz", "/boot/vmlinuz", "/usr/lib/xen/boot/hvmloader", "hvmloader", ""];
const CPU_LISTS = ["0-3", "2", "all", "all,^0", "nodes:0", "1-2,5", "node:0,^2", "0-3", "2", "all", "4-7", "0,2", "3-1", "^all", "x", "0x1", "3 ", "^1", "", "8-15", "nodes:1", "6-9", "nodes:0-1"];
const UUIDS = [
  "3c9e1a52-6f0b-4d8e-9a47-0d2b5c71e8f4",
  "3C9E1A52-6F0B-4D8E-9A47-0D2B5C71E8F4",
  "00000000-0000-0000-0000-000000000000",
  "3c9e1a52-6f0b-4d8e-9a47-0d2b5c71e8f",
  "{3c9e1a52-6f0b-4d8e-9a47-0d2b5c71e8f4}",
  "3c9e1a526f0b4d8e9a470d2b5c71e8f4",
  "3c9e1a52-6f0b-4d8e-9a47-0d2b5c71e8fg",
];

function cpuListLine(random: Random, key: string): string {
  if (chance(random, 0.5)) return `${key} = ${quote(pick(random, CPU_LISTS))}`;
  const count = 1 + Math.floor(random() * 4);
  const items = Array.from({ length: count }, () => quote(pick(random, CPU_LISTS)));
  return `${key} = [ ${items.join(", ")} ]`;
}

/** One or two vNUMA nodes in pnode 0, sometimes with totals that do not match. */
function vnumaLines(random: Random): string[] {
  const two = chance(random, 0.5);
  const nodes = two
    ? [
        ["pnode=0", "size=512", "vcpus=0-1", "vdistances=10,20"],
        ["pnode=0", "size=512", pick(random, ["vcpus=2-3", "vcpus=2", "vcpus=1-2"]), "vdistances=20,10"],
      ]
    : [["pnode=0", pick(random, ["size=1024", "size=512"]), pick(random, ["vcpus=0-1", "vcpus=0"]), "vdistances=10"]];
  if (chance(random, 0.15)) nodes[0]?.push(pick(random, ["size", "pnode=x"]));
  // Beyond the host: a second NUMA node, and more vCPUs than its 8 pCPUs.
  if (chance(random, 0.15)) nodes[0]?.splice(0, 1, "pnode=1");
  if (chance(random, 0.1)) nodes[nodes.length - 1]?.splice(2, 1, "vcpus=2-9");
  return [`vnuma = [ ${nodes.map((n) => `[ ${n.map(quote).join(", ")} ]`).join(", ")} ]`];
}

/** A config text. */
export function generateGuestConfig(random: Random): string {
  const lines: string[] = [];
  if (chance(random, 0.96)) lines.push(`name = ${quote(pick(random, NAMES))}`);
  lines.push(...pick(random, TYPE_LINES));
  if (chance(random, 0.08)) lines.push(`uuid = ${quote(pick(random, UUIDS))}`);

  const boot = random();
  if (boot < 0.65 || (boot >= 0.9 && boot < 0.95)) lines.push(`kernel = ${quote(pick(random, KERNELS))}`);
  if (boot >= 0.65 && boot < 0.75) lines.push('bootloader = "pygrub"');
  if (boot >= 0.75 && boot < 0.95) lines.push(`firmware = ${quote(pick(random, FIRMWARES))}`);
  for (const key of ["ramdisk", "cmdline", "root", "extra"]) {
    if (chance(random, 0.06)) lines.push(`${key} = ${quote(key === "ramdisk" ? "/boot/initrd.img" : pick(random, ["console=hvc0", "/dev/xvda1", ""]))}`);
  }
  if (chance(random, 0.08)) lines.push(`bios = ${quote(pick(random, ["seabios", "ovmf", "rombios", "OVMF"]))}`);
  if (chance(random, 0.1)) lines.push(`device_model_version = ${quote(pick(random, ["qemu-xen", "qemu-xen-traditional"]))}`);
  if (chance(random, 0.04)) lines.push("device_model_stubdomain_override = 1");
  if (chance(random, 0.04)) lines.push('vga = "qxl"');

  if (chance(random, 0.85)) lines.push(`memory = ${pick(random, [256, 512, 1024, 2048])}`);
  if (chance(random, 0.3)) lines.push(`maxmem = ${pick(random, [512, 1024, 4096])}`);
  if (chance(random, 0.6)) lines.push(`vcpus = ${pick(random, ["0", "1", "1", "2", "2", "2", "4", "4", '"-1"'])}`);
  if (chance(random, 0.25)) lines.push(`maxvcpus = ${pick(random, [0, 1, 2, 4, 8])}`);
  if (chance(random, 0.25)) lines.push(cpuListLine(random, "cpus"));
  if (chance(random, 0.1)) lines.push(cpuListLine(random, "cpus_soft"));
  if (chance(random, 0.08)) lines.push(...vnumaLines(random));

  if (chance(random, 0.1)) lines.push('pci = [ "0000:03:00.0" ]');
  if (chance(random, 0.1)) lines.push(`passthrough = ${quote(pick(random, ["default", "disabled", "enabled", "sync_pt", "share_pt", "Disabled"]))}`);
  if (chance(random, 0.05)) lines.push("hap = 0");
  if (chance(random, 0.1)) lines.push(`altp2m = ${pick(random, ['"mixed"', '"disabled"', "1", "0", '"External"'])}`);
  if (chance(random, 0.12)) lines.push(`nestedhvm = ${pick(random, [1, 0])}`);
  if (chance(random, 0.08)) lines.push(`timer_mode = ${quote(pick(random, ["no_delay_for_missed_ticks", "delay_for_missed_ticks"]))}`);
  if (chance(random, 0.06)) lines.push(`pool = ${quote(pick(random, ["Pool-0", "Pool-0", "pool-0", "", "web"]))}`);
  if (chance(random, 0.04)) lines.push(`seclabel = ${quote("system_u:system_r:domU_t")}`);

  // Shuffle so that no rule depends on the order of keys.
  for (let i = lines.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [lines[i], lines[j]] = [lines[j] as string, lines[i] as string];
  }
  return `${lines.join("\n")}\n`;
}
