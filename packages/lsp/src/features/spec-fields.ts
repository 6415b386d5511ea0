/**
 * The words of the device specs: one short doc per parameter, flag and
 * prefix of a disk spec, per key of a vif spec and per key of a PCI spec,
 * with the values xl takes where it takes a fixed set. The facts are those
 * of the reference (§3 disk, §4 vif, §5.1 PCI); the parameter and value
 * lists themselves come from the parser (`DISK_KEYS`, `DISK_FORMATS`, …)
 * where it exports them, so the menus cannot drift from what xl reads.
 */
import { compareXenVersions, optionByKey, type HostProfile } from "@xlint/linter";
import { DISK_BACKEND_TYPES, DISK_FLAGS, DISK_FORMATS, DISK_KEYS, DISK_SPECIFICATIONS, VIF_COLO_KEYS, VIF_KEYS } from "@xlint/parser";
import type { SpecListKey } from "./spec-site";

export interface SpecFieldDoc {
  /** `key=` parameter, or a bare word. */
  readonly form: "parameter" | "flag";
  readonly doc: string;
  /** The values xl takes, when it takes a fixed set. */
  readonly values?: readonly string[];
  /** The first Xen release whose xl knows it (4.17 when absent). */
  readonly since?: string;
}

const COLO = "COLO replication (Xen marks it unstable)";

const DISK_DOCS: Readonly<Record<string, SpecFieldDoc>> = {
  target: { form: "parameter", doc: "The backing store: a block device, an image file, or what a hotplug script understands. It takes the rest of the spec, commas included, so write it last." },
  format: { form: "parameter", doc: "The image format; an empty value means raw.", values: DISK_FORMATS },
  vdev: { form: "parameter", doc: "The name the guest sees (`xvda`, `hda`, `sda`, `d0p0` or a number); it decides the device number libxl gives the disk." },
  access: { form: "parameter", doc: "`r` or `ro`: read-only; `w`, `rw` or empty: read-write.", values: ["r", "ro", "w", "rw"] },
  devtype: { form: "parameter", doc: "`cdrom` makes a removable, read-only CD-ROM drive; `disk` is the default.", values: ["cdrom", "disk"] },
  backend: { form: "parameter", doc: "The driver domain (name or id) that serves the disk; dom0 when absent." },
  backendtype: {
    form: "parameter",
    doc: "Which backend serves the disk. When absent libxl tries phy, qdisk, tap and standalone in turn; 4.17 has no blktap, so libxl refuses `tap`.",
    values: DISK_BACKEND_TYPES,
  },
  specification: { form: "parameter", doc: "`xen` (the default) or `virtio`; a virtio disk needs the standalone backend.", values: DISK_SPECIFICATIONS },
  script: { form: "parameter", doc: "The block hotplug script that prepares the target; a name without `/` is one of Xen's scripts." },
  "colo-host": { form: "parameter", doc: `${COLO}: the host of the replica.` },
  "colo-port": { form: "parameter", doc: `${COLO}: the port of the replica, a non-zero number.` },
  "colo-export": { form: "parameter", doc: `${COLO}: the export name of the replica.` },
  "active-disk": { form: "parameter", doc: `${COLO}: the active disk.` },
  "hidden-disk": { form: "parameter", doc: `${COLO}: the hidden disk.` },
  grant_usage: { form: "parameter", doc: "Whether a virtio disk uses grants (0 or 1).", values: ["0", "1"], since: "4.19" },
  cdrom: { form: "flag", doc: "The same as `devtype=cdrom`: a removable, read-only CD-ROM drive." },
  "direct-io-safe": { form: "flag", doc: "Sets libxl's `direct_io_safe` for this disk." },
  discard: { form: "flag", doc: "Offer discard to the guest (the default for read-write disks); the last of `discard` and `no-discard` wins." },
  "no-discard": { form: "flag", doc: "Do not offer discard to the guest; the last of `discard` and `no-discard` wins." },
  colo: { form: "flag", doc: `${COLO}: replicate this disk.` },
  "no-colo": { form: "flag", doc: `${COLO}: do not replicate this disk.` },
  trusted: { form: "flag", doc: "Tells the guest's frontend it may trust the backend (the default).", since: "4.19" },
  untrusted: { form: "flag", doc: "Tells the guest's frontend not to trust the backend.", since: "4.19" },
};

/** What each deprecated prefix (`phy:`) does (reference §3.4). */
export const DISK_PREFIX_DOCS: Readonly<Record<string, string>> = {
  ...Object.fromEntries(["raw", "qcow", "qcow2", "vhd"].map((p) => [p, `A deprecated prefix that sets the format to ${p}.`])),
  ...Object.fromEntries(["iscsi", "nbd", "enbd", "drbd"].map((p) => [p, `A deprecated prefix that sets the hotplug script to \`block-${p}\`.`])),
  ...Object.fromEntries(
    ["tapdisk", "tap", "tap2", "aio", "ioemu", "file", "phy"].map((p) => [
      p,
      `A deprecated prefix xl strips and ignores (it does not pick a backend); it only lets the xm layout \`TARGET,VDEV,ACCESS\` skip the format field.`,
    ]),
  ),
};

const VIF_DOCS: Readonly<Record<string, SpecFieldDoc>> = {
  mac: { form: "parameter", doc: "The MAC address, six hex octets; when absent libxl picks a random one in Xen's range `00:16:3e`." },
  bridge: { form: "parameter", doc: "The host bridge the interface joins (vif-bridge); by default xl.conf's `vif.default.bridge`, else `xenbr0`." },
  type: { form: "parameter", doc: "`vif`: PV only; `ioemu`: an emulated card plus PV (HVM only: libxl refuses it on PV and PVH guests).", values: ["vif", "ioemu"] },
  model: { form: "parameter", doc: "The network card QEMU emulates (HVM with type ioemu only); `rtl8139` by default.", values: ["rtl8139", "e1000"] },
  vifname: { form: "parameter", doc: "The backend interface's name in dom0 (by default `vif<domid>.<devid>`); Linux allows 15 characters, and HVM adds `-emu` to the tap's." },
  script: { form: "parameter", doc: "The hotplug script; a relative name is one of Xen's scripts. By default xl.conf's `vif.default.script`, else `vif-bridge`." },
  ip: { form: "parameter", doc: "IP address(es), free form; what they do depends on the script (vif-route, anti-spoofing rules)." },
  backend: { form: "parameter", doc: "The driver domain (name or id) that serves the interface; dom0 by default." },
  rate: { form: "parameter", doc: "A bandwidth limit, `RATE/s[@INTERVAL]` (`10MB/s@50ms`): B bytes, b bits, K/M/G uppercase; a bad rate stops xl." },
  gatewaydev: { form: "parameter", doc: "The gateway interface, for vif-route." },
  netdev: { form: "parameter", doc: "A deprecated name for `gatewaydev` (xl warns)." },
  forwarddev: { form: "parameter", doc: "The forwarding device (COLO)." },
  devid: { form: "parameter", doc: "The device number, in decimal; by default the item's place in the list. A non-number stops xl." },
  mtu: { form: "parameter", doc: "The MTU, in decimal; 1500 by default (the bridge's when bridged). A non-number stops xl." },
  accel: { form: "parameter", doc: "An xm leftover: xl says it is not supported and ignores it." },
  vlan: { form: "parameter", doc: "VLANs: `ID[p|u]`, `A-B[u]` or `V+OFFxCOUNT[u]` joined by `/` (IDs 1 to 4094, one PVID).", since: "4.19" },
  trusted: { form: "flag", doc: "Tells the guest's frontend it may trust the backend (the default)." },
  untrusted: { form: "flag", doc: "Tells the guest's frontend not to trust the backend." },
};

const PCI_BOOLEAN = "read with C's atoi: 0 is off, any other number on (`yes` counts as 0)";

/** A PCI flag: its meaning is the catalog's for the `pci_<flag>` key that gives its default. */
function pciFlag(flag: string): SpecFieldDoc {
  const meaning = optionByKey(`pci_${flag}`)?.doc.split(": ").slice(1).join(": ").split(". Example")[0];
  const what = meaning === undefined || meaning === "" ? "" : `${meaning.charAt(0).toUpperCase()}${meaning.slice(1)}; `;
  return { form: "parameter", doc: `${what}${PCI_BOOLEAN}. Default: \`pci_${flag}\`.`, values: ["1", "0"] };
}

const PCI_DOCS: Readonly<Record<string, SpecFieldDoc>> = {
  bdf: { form: "parameter", doc: "The device's address, `[DDDD:]BB:DD.F` in hex (F may be `*`: every function); instead of the address at the start." },
  vslot: { form: "parameter", doc: "The virtual slot in the guest, hex, at most 0x1f (the same as `@VSLOT` after the address)." },
  permissive: pciFlag("permissive"),
  msitranslate: pciFlag("msitranslate"),
  seize: pciFlag("seize"),
  power_mgmt: pciFlag("power_mgmt"),
  rdm_policy: { form: "parameter", doc: "The reserved device memory (RDM) policy for this device, `strict` or `relaxed` (any case); by default the `rdm` setting's.", values: ["strict", "relaxed"] },
  name: { form: "parameter", doc: "An assignable device's name, instead of its address (give one of them, not both)." },
};

const DOCS: Readonly<Record<SpecListKey, Readonly<Record<string, SpecFieldDoc>>>> = { disk: DISK_DOCS, vif: VIF_DOCS, pci: PCI_DOCS };

/** Vif keys xl reads only to warn: `accel=` (ignored) and `netdev=` (the old name of `gatewaydev=`); hover still explains them. */
const NOT_OFFERED_VIF_KEYS: readonly string[] = ["accel", "netdev"];

/** The parameters and flags a spec of `key` accepts for the host's Xen release and worth offering, in the order people look for them. */
export function specFieldNames(key: SpecListKey, host: HostProfile): string[] {
  const all =
    key === "disk"
      ? [...DISK_KEYS, ...DISK_FLAGS, "grant_usage", "trusted", "untrusted"]
      : key === "vif"
        ? [...VIF_KEYS.filter((k) => !VIF_COLO_KEYS.includes(k) && !NOT_OFFERED_VIF_KEYS.includes(k)), "vlan", "trusted", "untrusted"]
        : Object.keys(PCI_DOCS);
  return all.filter((name) => {
    const doc = DOCS[key][name];
    return doc !== undefined && (doc.since === undefined || compareXenVersions(host.xenVersion, doc.since) >= 0);
  });
}

/** The words for a field of a spec (COLO keys of a vif share one). */
export function specFieldDoc(key: SpecListKey, name: string): SpecFieldDoc | undefined {
  const doc = DOCS[key][name];
  if (doc !== undefined) return doc;
  if (key === "vif" && VIF_COLO_KEYS.includes(name)) return { form: "parameter", doc: `${COLO}: a setting xl passes on; xl-network-configuration(5) does not document it.` };
  return undefined;
}
