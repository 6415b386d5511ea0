/**
 * The errors the oracle cannot judge, each named by its rule AND the one
 * problem it covers (matched on the finding's message), with where Xen (or
 * the guest) decides it. An exemption covers exactly the case its source
 * justifies: a new error from the same rule about anything else is judged
 * like any other, so it shows up as a false error.
 *
 * Three kinds:
 * - `never-looked-at`: neither xl nor libxl checks it; the harm comes later,
 *   on the host or in the guest (two guests on one MAC, a missing bridge).
 * - `refused-after-checks`: libxl (or QEMU through it) refuses the domain at a
 *   step `xl-oracle check --deep` does not run (adding devices, starting the
 *   device model, building the domain); read in Xen 4.17's source.
 * - `dropped`: xl prints a warning and leaves the value out, so the guest
 *   certainly lacks what the file says (the severity contract's other half).
 *
 * Sources are Xen 4.17 (tag RELEASE-4.17.5), tools/libs/light unless a path
 * says otherwise.
 */
import type { Finding } from "./figures";

export type ExemptionKind = "never-looked-at" | "refused-after-checks" | "dropped";

export interface Exemption {
  readonly rule: string;
  /** The problem this exemption covers, matched on the finding's message. */
  readonly problem: RegExp;
  readonly kind: ExemptionKind;
  /** The file and function that decide it, and what they do. */
  readonly source: string;
}

export const EXEMPTIONS: readonly Exemption[] = [
  // Never looked at: accepted by xl and libxl, wrong on the host or in the guest.
  { rule: "duplicate-mac", problem: /^MAC `[^`]*`( \([0-9a-f:]+\))?( on host \S+)? is also used (at|by) /, kind: "never-looked-at", source: "tools/xl/xl_parse.c parse_nic_config and libxl_nic.c libxl__device_nic_setdefault take any MAC; nothing compares the vifs of two guests" },
  { rule: "duplicate-name", problem: /^The guest name `[^`]*` is also used by /, kind: "never-looked-at", source: "libxl_domain.c checks a name against running domains only, when the domain is created" },
  { rule: "duplicate-uuid", problem: /^The UUID `[^`]*` is also used by /, kind: "never-looked-at", source: "libxl_create.c takes the UUID as given; a clash shows only when both domains run" },
  { rule: "duplicate-disk-target", problem: /is also the target of .*, at least one of them writable$/, kind: "never-looked-at", source: "libxl_disk.c device_disk_add does not compare targets across guests" },
  { rule: "vif-missing-bridge", problem: /^(Bridge `[^`]*` does not exist on the host|This vif names no bridge, so it joins the default `[^`]*`, which the host does not have)/, kind: "never-looked-at", source: "tools/hotplug/Linux/vif-bridge attaches the vif when the guest starts; xl and libxl do not look at the host's bridges" },
  { rule: "vif-multicast-mac", problem: /^MAC `[^`]*` \([0-9a-f:]+\) is a multicast address/, kind: "never-looked-at", source: "tools/xl/xl_parse.c parse_nic_config reads any six octets; the guest's network then misbehaves" },
  { rule: "disk-numeric-vdev", problem: /^(The numeric vdev `[^`]*` is no disk a Linux guest accepts|The vdev of this disk is empty, which libxl reads as the number 0)/, kind: "never-looked-at", source: "libxl_device.c libxl__device_disk_dev_number accepts a number as the device; the Linux guest's blkfront (drivers/block/xen-blkfront.c, xlvbd_alloc_gendisk) refuses a major that is no disk" },

  // Refused by libxl at a step the oracle's --deep checks do not reach.
  { rule: "disk-duplicate-device", problem: /^This disk has the same device as disk \d+ \(line \d+\)$/, kind: "refused-after-checks", source: "libxl_disk.c device_disk_add: \"device already exists in xenstore\"" },
  { rule: "disk-readonly-ide", problem: /is read-only, but in an HVM guest qemu also emulates it as an IDE\/AHCI disk/, kind: "refused-after-checks", source: "libxl_dm.c libxl__build_device_model_args_new: \"qemu-xen doesn't support read-only IDE (or AHCI) disk drivers\"" },
  { rule: "bootloader-without-disk", problem: /reads the kernel from the guest's first disk, but this guest has no disk/, kind: "refused-after-checks", source: "libxl_bootloader.c libxl__bootloader_run: \"cannot run bootloader with no boot disk\"" },
  { rule: "bootloader-without-disk", problem: /^The first disk is an empty CD-ROM drive/, kind: "refused-after-checks", source: "libxl_disk.c libxl__device_disk_local_initiate_attach asserts the drive has a path when attaching it for the bootloader: xl aborts" },
  { rule: "channel-invalid", problem: /^This channel has no `name=`$/i, kind: "refused-after-checks", source: "libxl_console.c libxl__init_console_from_channel: \"channel %d has no name\"" },
  { rule: "vnc-display-conflict", problem: /^The VNC display is given (twice|both)/, kind: "refused-after-checks", source: "libxl_dm.c libxl__build_device_model_args_new (and _old): \"vncdisplay set, vnclisten contains display\"" },
  { rule: "removed-value", problem: /^(`[^`]*` is no longer a TSC mode|`tsc_mode = [^`]*` is the removed mode `native_paravirt`)$/, kind: "refused-after-checks", source: "libxl_x86.c libxl__arch_domain_create: \"TSC Mode native_paravirt (a.k.a PVRDTSCP) has been removed\"" },
  { rule: "vif-ioemu-on-pv", problem: /^`type=ioemu` asks for an emulated NIC, but this guest is (PV|PVH)/, kind: "refused-after-checks", source: "libxl_nic.c libxl__device_nic_setdefault: \"trying to create PV or PVH guest with an emulated interface\"" },
  { rule: "vif-duplicate-devid", problem: /^This vif gets devid \d+, like vif \d+ at /, kind: "refused-after-checks", source: "libxl_device.c libxl__device_add_async: \"device already exists in xenstore\"" },
  { rule: "disk-backend-conflict", problem: /^No disk backend can serve this disk, so libxl refuses it \("no suitable backend"\)/, kind: "refused-after-checks", source: "libxl_device.c libxl__device_disk_set_backend: \"no suitable backend for disk\"" },
  { rule: "disk-empty-not-cdrom", problem: /^The format `empty` is only for a CD-ROM drive with no disc, and this disk is not one$/, kind: "refused-after-checks", source: "libxl_device.c libxl__device_disk_set_backend: \"Disk vdev=%s is empty but not cdrom\"" },
  { rule: "disk-empty-not-cdrom", problem: /^The format `empty` means no disc, but this CD-ROM has the image/, kind: "refused-after-checks", source: "libxl_device.c libxl__device_disk_set_backend: \"Disk vdev=%s is empty but an image has been provided\"" },
  { rule: "usb-invalid", problem: /USB controller (has 1 to \d+ ports|has at most \d+ ports|always has \d+ ports)/, kind: "refused-after-checks", source: "libxl_usb.c libxl__device_usbctrl_setdefault: \"Number of ports for USB controller is limited to %u\" (and the fixed counts of emulated controllers)" },
  { rule: "invalid-enum-value", problem: /^`[^`]*` is not a value xl accepts for `soundhw`$/, kind: "refused-after-checks", source: "libxl_dm.c libxl__build_device_model_args_new: \"Unknown soundhw option\"" },

  // Dropped by xl with a warning: the guest certainly lacks what the file says.
  { rule: "wrong-value-shape", problem: /is a single value, but xl reads a list for it and drops it$/, kind: "dropped", source: "tools/libs/util/libxlu_cfg.c xlu_cfg_get_list: \"is a single value but should be a list\"; xl_parse.c then reads no such devices" },
  { rule: "vif-invalid-mac", problem: /^MAC `[^`]*` is not an address xl can read \(octet \d+ is not a hex number/, kind: "dropped", source: "tools/xl/xl_parse.c parse_nic_config: \"Invalid parameter `mac'\", keeping only the octets read before the bad one" },
];

/** The exemption that covers a finding, if any: its rule and the problem it is about. */
export function exemptionFor(finding: Pick<Finding, "rule" | "message">, exemptions: readonly Exemption[] = EXEMPTIONS): Exemption | undefined {
  return exemptions.find((e) => e.rule === finding.rule && e.problem.test(finding.message));
}
