/**
 * Key-level mutations: any key of the reference's list set to a value of the
 * wrong shape, enum keys set to right, wrongly cased and unknown values,
 * `+=`, removed keys, and the guest type flipped (reference §1.3, §1.6, §1.7,
 * §2, §6.1, §7.2).
 */
import { asType, type Mutation, type MutationContext } from "./mutation";
import { append, del, set, type Change } from "./xl-text";

/** Scalars of every shape xl's readers tell apart: numbers, quoted numbers, junk, enum-like words. */
const SCALARS = [
  '"bogus"', '"12x"', '"12 "', '" 12"', '"1e3"', '""', '"-1"', '"0x10"', '"yes"', '"true"', '"0"', '"1"', '"512"',
  "0", "1", "2", "8", "512", "0x10", "010", "4294967296", "99999999999999999999", '"HVM"', '"Destroy"', '"pv"',
];

/** Lists where a scalar is expected, empty lists, a number item, a nested list (items after it are dropped). */
const LISTS = ["[]", '[ "a" ]', '[ "1", "2" ]', "[ 1 ]", '[ "" ]', '[ [ "a" ] ]', '[ "base", "freq" ]'];

/** `viridian = [ [ … ] ]` makes xl dereference NULL (reference §1.7): no verdict, so not generated. */
const NO_NESTED_LISTS = new Set(["viridian"]);

export function setAnyKey(context: MutationContext): Mutation {
  const { rng, keys } = context;
  const key = rng.pick(keys);
  const lists = LISTS.filter((v) => !(NO_NESTED_LISTS.has(key) && v.includes("[ [")));
  const value = rng.chance(0.65) ? rng.pick(SCALARS) : rng.pick(lists);
  const placement = rng.chance(0.5) ? "replace" : "append";
  return { operator: "key/set-any", changes: [set(key, value, placement)] };
}

/** `+=` on a key: joins strings, appends lists, fails on a list/string mix, and spoils numeric reads (§1.6). */
export function appendKey(context: MutationContext): Mutation {
  const { rng, keys, base } = context;
  const present = [...base.settings.keys()];
  const key = present.length > 0 && rng.chance(0.6) ? rng.pick(present) : rng.pick(keys);
  const value = rng.chance(0.6) ? rng.pick(['" x"', '"1"', "2", '"0"', '""']) : rng.pick(['[ "x" ]', "[]", '[ "1" ]']);
  return { operator: "key/append", changes: [append(key, value)] };
}

const IMPORTANT = [
  "name", "kernel", "bootloader", "type", "builder", "memory", "maxmem", "disk", "vif", "vcpus", "maxvcpus",
  "firmware", "ramdisk", "cmdline", "root", "extra", "uuid", "on_crash",
];

export function deleteKey(context: MutationContext): Mutation {
  const { rng, base } = context;
  const present = [...base.settings.keys()];
  const important = IMPORTANT.filter((k) => base.settings.has(k));
  const pool = important.length > 0 && (rng.chance(0.7) || present.length === 0) ? important : present;
  const key = pool.length > 0 ? rng.pick(pool) : "name";
  const changes: Change[] = [del(key)];
  // Removing the way a PV guest boots only shows when nothing else boots it.
  if (key === "kernel" && rng.chance(0.5)) changes.push(del("bootloader"), del("firmware"));
  return { operator: `key/delete-${IMPORTANT.includes(key) ? key : "other"}`, changes };
}

interface EnumKey {
  readonly values: readonly string[];
  /** Read only for HVM guests (§6.2), so the mutation usually makes the guest HVM. */
  readonly hvm?: boolean;
}

/**
 * Valid values, wrong case, near misses and junk for the enum keys of §2
 * (CS/CI as the reference marks them). `soundhw` gets valid values only: libxl
 * refuses unknown ones after the checks xl-oracle runs, so it cannot judge them.
 */
const ENUMS: Readonly<Record<string, EnumKey>> = {
  on_poweroff: { values: actions() },
  on_reboot: { values: actions() },
  on_watchdog: { values: actions() },
  on_crash: { values: actions() },
  on_soft_reset: { values: actions() },
  passthrough: { values: ['"default"', '"disabled"', '"enabled"', '"sync_pt"', '"share_pt"', '"Enabled"', '"on"'] },
  tsc_mode: { values: ['"default"', '"always_emulate"', '"native"', '"native_paravirt"', '"NATIVE"', "0", "2", "3", "4", '"bogus"'] },
  timer_mode: {
    values: ['"delay_for_missed_ticks"', '"no_delay_for_missed_ticks"', '"no_missed_ticks_pending"', '"one_missed_tick_pending"', '"ONE_MISSED_TICK_PENDING"', "1", "4", '"bogus"'],
    hvm: true,
  },
  vga: { values: ['"stdvga"', '"cirrus"', '"none"', '"qxl"', '"STDVGA"', '"vmware"'], hvm: true },
  device_model_version: { values: ['"qemu-xen"', '"qemu-xen-traditional"', '"QEMU_XEN_TRADITIONAL"', '"qemu"', '"Qemu-Xen"'] },
  bios: { values: ['"rombios"', '"seabios"', '"ovmf"', '"OVMF"', '"uefi"', '"bogus"'], hvm: true },
  hdtype: { values: ['"ide"', '"ahci"', '"AHCI"', '"scsi"'], hvm: true },
  vendor_device: { values: ['"none"', '"xenserver"', '"XenServer"', '"citrix"'], hvm: true },
  gfx_passthru: { values: ["0", "1", '"default"', '"igd"', '"IGD"', '"nvidia"'], hvm: true },
  ms_vm_genid: { values: ['"generate"', '"none"', '"Generate"', '"yes"'], hvm: true },
  altp2m: { values: ['"disabled"', '"mixed"', '"external"', '"limited"', '"Mixed"', "0", "3", "4", '"on"'], hvm: true },
  gic_version: { values: ['"default"', '"v2"', '"v3"', '"V3"', '"v4"'] },
  vuart: { values: ['"sbsa_uart"', '"SBSA_UART"', '"pl011"'] },
  tee: { values: ['"none"', '"optee"', '"OPTEE"', '"ffa"', '"tz"'] },
  soundhw: { values: ['"ac97"', '"hda"', '"sb16"', '"AC97"', '"es1370"'], hvm: true },
  mca_caps: { values: ['[ "lmce" ]', '[ "LMCE" ]', '[ "bogus" ]', '"lmce"'], hvm: true },
  boot: { values: ['"c"', '"d"', '"dc"', '"n"', '"cdn"', '"x"'], hvm: true },
  serial: { values: ['"pty"', '[ "pty", "vc" ]', '"none"', '"/dev/ttyS0"', '"file:/tmp/serial.log"'], hvm: true },
  usbdevice: { values: ['"tablet"', '[ "tablet", "mouse" ]', '"host:1234:5678"'], hvm: true },
  keymap: { values: ['"en-us"', '"de"', '"fr"'] },
  spice_image_compression: { values: ['"auto_glz"', '"off"', '"bogus"'], hvm: true },
  spice_streaming_video: { values: ['"filter"', '"all"', '"bogus"'], hvm: true },
  pool: { values: ['"Pool-0"', '"pool-0"', '"nonexistent"'] },
};

function actions(): string[] {
  return ['"destroy"', '"restart"', '"rename-restart"', '"preserve"', '"coredump-destroy"', '"coredump-restart"', '"soft-reset"', '"restart_rename"', '"Destroy"', '"reboot"'];
}

export function setEnum(context: MutationContext): Mutation {
  const { rng } = context;
  const key = rng.pick(Object.keys(ENUMS));
  const spec = ENUMS[key] as EnumKey;
  const changes: Change[] = spec.hvm && rng.chance(0.75) ? asType("hvm") : [];
  changes.push(set(key, rng.pick(spec.values)));
  return { operator: `enum/${key.startsWith("on_") ? "on_*" : key}`, changes };
}

/** `type` and the deprecated `builder`, with their prefix-matching quirks and xm's `linux` (§2.1, §6.1). */
export function flipType(context: MutationContext): Mutation {
  const { rng } = context;
  const types = ['"pv"', '"pvh"', '"hvm"', '"h"', '"p"', '""', '"HVM"', '"hvmx"', '"Pv"', '"pvhx"'];
  const builders = ['"generic"', '"hvm"', '"linux"', '""', '"vmx"', '"Generic"', '"gen"'];
  switch (rng.int(3)) {
    case 0:
      return { operator: "type/type", changes: [del("builder"), set("type", rng.pick(types))] };
    case 1:
      return { operator: "type/builder", changes: [del("type"), set("builder", rng.pick(builders))] };
    default:
      return { operator: "type/type+builder", changes: [set("type", rng.pick(types)), set("builder", rng.pick(builders))] };
  }
}
