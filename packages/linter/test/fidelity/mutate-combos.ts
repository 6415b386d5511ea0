/**
 * Mutations that are about how keys combine (reference §2.2, §2.4–§2.7,
 * §6.3, §6.4, §7): kernel/firmware/bootloader per guest type, vcpus against
 * maxvcpus, memory against maxmem, cmdline with root/extra, HVM device-model
 * pairings, timer and TSC modes, grant limits, uuid and name shapes, and the
 * keys xl only warns about or never reads.
 *
 * Left out on purpose: libxl refusals that happen after the checks
 * xl-oracle runs (spice without a port, a bootloader without disks, …): the
 * oracle accepts them, so it cannot judge them.
 */
import { asType, maybeHvm, q, type Mutation, type MutationContext } from "./mutation";
import { append, del, set, type Change } from "./xl-text";

type Combo = (context: MutationContext) => { readonly op: string; readonly changes: Change[] };

const FIRMWARE = ["pvgrub32", "pvgrub64", "pvgrub", "p", "", "bios", "uefi", "ovmf", "seabios", "rombios", "u", "/usr/lib/xen/boot/ovmf.bin", "bogus", "OVMF"];

const COMBOS: readonly Combo[] = [
  // firmware against kernel and type (§6.3).
  ({ rng }) => {
    const type = rng.pick(["pv", "pvh", "hvm"] as const);
    const changes: Change[] = [...asType(type), set("firmware", q(rng.pick(FIRMWARE)))];
    const kernel = rng.int(3);
    if (kernel === 0) changes.push(set("kernel", q("/boot/vmlinuz-guest")));
    if (kernel === 1) changes.push(del("kernel"), del("bootloader"));
    return { op: `boot/firmware-${type}`, changes };
  },
  // How a PV/PVH guest boots: neither kernel nor bootloader is fatal (§6.3).
  ({ rng }) => {
    const type = rng.pick(["pv", "pvh"] as const);
    const changes: Change[] = [...asType(type), del("kernel"), del("firmware")];
    changes.push(rng.chance(0.5) ? set("bootloader", q(rng.pick(["pygrub", "/usr/bin/pygrub", ""]))) : del("bootloader"));
    return { op: `boot/no-kernel-${type}`, changes };
  },
  // HVM direct-boot pieces without a kernel (libxl, §6.4) and the hvmloader kernel (warning).
  ({ rng }) => {
    const piece = rng.pick(["ramdisk", "cmdline", "root", "extra", "hvmloader"]);
    const changes: Change[] = [...asType("hvm")];
    if (piece === "hvmloader") changes.push(set("kernel", q("/usr/lib/xen/boot/hvmloader")));
    else changes.push(del("kernel"), set(piece, q(piece === "ramdisk" ? "/boot/initrd.img" : "console=ttyS0")));
    return { op: `boot/hvm-${piece}`, changes };
  },
  // cmdline wins over root and extra, with a warning (§2.4).
  ({ rng }) => ({
    op: "boot/cmdline-root-extra",
    changes: [set("cmdline", q("console=hvc0")), set(rng.pick(["root", "extra"]), q("/dev/xvda1 ro"))],
  }),
  // vcpus against maxvcpus (§2.2).
  ({ rng }) => {
    const vcpus = rng.pick(["0", "1", "2", "4", "8", "16", '"2x"', '"4"']);
    const changes: Change[] = [set("vcpus", vcpus)];
    if (rng.chance(0.7)) changes.push(set("maxvcpus", rng.pick(["1", "2", "4", "16", '""'])));
    return { op: "cpu/vcpus-maxvcpus", changes };
  },
  // memory against maxmem, alone and with PoD conflicts (§2.2, §6.4).
  ({ rng }) => {
    const changes: Change[] = [set("memory", rng.pick(["128", "512", "1024", "0", '"1g"', "2048"])), set("maxmem", rng.pick(["256", "512", "2048", '"lots"']))];
    const conflict = rng.int(4);
    if (conflict === 0) changes.push(...asType("hvm"), set("pci", '[ "01:00.0" ]'));
    if (conflict === 1) changes.push(...asType("hvm"), set("altp2m", q("mixed")));
    return { op: ["mem/pod-pci", "mem/pod-altp2m", "mem/memory-maxmem", "mem/memory-maxmem"][conflict] as string, changes };
  },
  // timer_mode is refused for PV; numbers are deprecated (§2.5).
  ({ rng }) => ({
    op: "time/timer_mode",
    changes: [...asType(rng.pick(["pv", "pvh", "hvm"] as const)), set("timer_mode", rng.pick(['"no_delay_for_missed_ticks"', "1", "5", '"bogus"']))],
  }),
  ({ rng }) => ({ op: "time/tsc_mode", changes: [set("tsc_mode", rng.pick(['"native_paravirt"', "1", "3", "4", '"Always_Emulate"', '"x"']))] }),
  // Grant limits: junk and `+=` end xl with no message at all (§2.2).
  ({ rng }) => {
    const key = rng.pick(["max_grant_frames", "max_maptrack_frames", "max_grant_version"]);
    const changes: Change[] = rng.chance(0.25) ? [append(key, "32")] : [set(key, rng.pick(["32", '"x"', '"32 "', "4294967296", "2", "16", '[ "1" ]']))];
    return { op: `grant/${key}`, changes };
  },
  ({ rng }) => ({
    op: "id/uuid",
    changes: [
      set("uuid", q(rng.pick([
        "3f2504e0-4f89-11d3-9a0c-0305e82c3301", "{3f2504e0-4f89-11d3-9a0c-0305e82c3301}", "3f2504e0-4f89-11d3-9a0c",
        "3F2504E0-4F89-11D3-9A0C-0305E82C3301", "00000000-0000-0000-0000-000000000000", " 3f2504e0-4f89-11d3-9a0c-0305e82c3301",
        "3f2504e04f8911d39a0c0305e82c3301", "zf2504e0-4f89-11d3-9a0c-0305e82c3301",
      ]))),
    ],
  }),
  ({ rng }) => ({ op: "id/name", changes: [set("name", rng.pick(['""', '[ "web" ]', '"123"', '"web 01"', '"web/01"', '"web-01"', "42"]))] }),
  // HVM display and device-model pairings that xl or libxl's defaults check refuses (§2.6, §2.7, §6.4).
  (context) => {
    const { rng } = context;
    const pairs: Readonly<Record<string, Change[]>> = {
      "stdvga-videoram": [set("vga", q("stdvga")), set("videoram", rng.pick(["8", "16", "4"]))],
      "qxl-videoram": [set("vga", q("qxl")), set("videoram", rng.pick(["64", "128"]))],
      "qxl-traditional": [set("vga", q("qxl")), set("device_model_version", q("qemu-xen-traditional"))],
      "rombios-dm": [set("bios", q("rombios")), set("device_model_version", q(rng.pick(["qemu-xen", "qemu-xen-traditional"])))],
      "bios-traditional": [set("bios", q(rng.pick(["seabios", "ovmf"]))), set("device_model_version", q("qemu-xen-traditional"))],
      "kernel-traditional": [set("kernel", q("/boot/vmlinuz")), set("device_model_version", q("qemu-xen-traditional"))],
      "spice-no-ticketing": [set("spice", "1"), set("spiceport", "5900"), set("spicedisable_ticketing", "1")],
      "spice-usbredirection": [set("spice", "1"), set("spicetls_port", "5901"), set("spicepasswd", q("secret")), set("spiceusbredirection", rng.pick(["4", "5"]))],
      "usbversion-usb": [set("usbversion", rng.pick(["2", "4"])), set("usb", "1")],
      "usbversion-usbdevice": [set("usbversion", "3"), set("usbdevice", q("tablet"))],
      "mmio_hole": [set("mmio_hole", rng.pick(["128", "256", "3840", "4096", '"big"']))],
      "vnclisten-display": [set("vnclisten", q(rng.pick(["0.0.0.0:1", "0.0.0.0"]))), set("vncdisplay", "1")],
      "altp2m-nestedhvm": [set("altp2m", q("mixed")), set("nestedhvm", "1")],
      "altp2mhvm-nestedhvm": [set("altp2mhvm", "1"), set("nestedhvm", "1")],
      "passthrough-share_pt": [set("passthrough", q("share_pt"))],
    };
    const name = rng.pick(Object.keys(pairs));
    return { op: `hvm/${name}`, changes: [...maybeHvm(context, 0.85), ...(pairs[name] as Change[])] };
  },
  // Keys xl only warns about (§7.3).
  (context) => {
    const { rng } = context;
    const warned: Readonly<Record<string, Change[]>> = {
      device_model: [set("device_model", q("/usr/lib/xen/bin/qemu-dm"))],
      device_model_override: [set("device_model_override", q("/usr/bin/qemu-system-i386"))],
      vncviewer: [set("vncviewer", "1")],
      vif2: [set("vif2", '[ "bridge=xenbr0" ]')],
      msr_relaxed: [set("msr_relaxed", "1")],
      "bootloader_args-string": [set("bootloader_args", q("--kernel=/vmlinuz"))],
      altp2mhvm: [...asType("hvm"), set("altp2mhvm", "1")],
      bios_path_override: [...asType("hvm"), set("bios_path_override", q("/usr/share/seabios/bios.bin"))],
      "tsc_mode-number": [set("tsc_mode", "2")],
      stdvga: [...asType("hvm"), set("stdvga", "1")],
      "number-trailing-space": [set("memory", '"512 "')],
      "number-append": [set("memory", "512"), append("memory", "256")],
      "scalar-as-list": [set("vcpus", '[ "2" ]')],
    };
    const name = rng.pick(Object.keys(warned));
    return { op: `warned/${name}`, changes: warned[name] as Change[] };
  },
  // Keys xl never reads: xm leftovers and xl.conf settings (§2.10, §8.3); xl says nothing.
  ({ rng }) => ({
    op: "ignored/key",
    changes: [set(rng.pick(["vcpu_avail", "vscsi", "ip", "netmask", "loader", "on_xend_start", "autoballoon", "vif.default.bridge", "lockfile", "bootargs"]), q("1"))],
  }),
];

export function mutateCombo(context: MutationContext): Mutation {
  const { op, changes } = (context.rng.pick(COMBOS) as Combo)(context);
  return { operator: op, changes };
}
