/**
 * Disk spec mutations (reference §3): positional order, `w!` and other
 * access values, missing vdev, deprecated and unknown prefixes, formats,
 * vdev names of every family (valid, numeric, out of range, malformed),
 * `target=` before other keys, whitespace before commas, CD-ROM forms,
 * named parameters and flags, and the libxl-level combinations.
 * Left out on purpose: the disk refusals libxl makes after the checks
 * xl-oracle runs (two disks with one vdev, an empty or missing target on a
 * non-CD disk, `format=empty` on a disk, a read-only emulated IDE disk, a
 * non-qdisk HVM CD-ROM, a bootloader with no disk): the oracle accepts
 * them, so it cannot judge them.
 */
import { q, withListItem, type Mutation, type MutationContext } from "./mutation";
import type { Rng } from "./rng";
import { set, stringItemsOf } from "./xl-text";

const TARGETS = ["/dev/vg0/guest-disk", "/srv/xen/guest.img", "/var/lib/xen/images/guest.qcow2", "/dev/sdb1"];
/** Names libxl maps to a device number (§3.7), numeric ones included. */
const GOOD_VDEVS = [
  "xvda", "xvdb", "xvdc", "xvde", "xvdp", "xvdq", "xvdaa", "xvda1", "xvda15", "xvda16", "xvda255",
  "hda", "hdb", "hdc", "hdd", "hda1", "hda63", "sda", "sdb", "sdp", "sda1", "sda15", "d0p1", "d1p0",
];
const NUMERIC_VDEVS = ["51712", "0x0", "0", "0xca00", "768", "0x301", "2049"];
/** Names libxl cannot map (§3.7): leading-zero and out-of-range partitions, bare `d0`, uppercase, … */
const BAD_VDEVS = [
  "xvda0", "xvda01", "xvda256", "xvd", "hde", "hda64", "sdq", "sda16", "d0", "d1048576p0", "bogus", "XVDA",
  "vda", "xda1", "hd", "2147483648", "xvdA", "xvda-1",
];
const GOOD_FORMATS = ["raw", "qcow", "qcow2", "vhd", "qed", ""];
const BAD_FORMATS = ["vmdk", "RAW", "Qcow2", "img", "empty"];
const GOOD_ACCESS = ["w", "rw", "r", "ro", ""];
const BAD_ACCESS = ["w!", "W", "rw!", "x", "RW", "wr"];
const GOOD_PREFIXES = ["phy:", "file:", "tap:aio:", "tap2:tapdisk:vhd:", "raw:", "qcow2:", "aio:", "iscsi:", "nbd:", "drbd:", "ioemu:"];
const BAD_PREFIXES = ["foo:", "Phy:", "xvd:", "raw:qcow2:", "iscsi:drbd:", "lvm:"];
const FLAGS = [
  "discard", "no-discard", "direct-io-safe", "trusted", "untrusted", "backendtype=phy", "backendtype=qdisk",
  "backendtype=tap", "backendtype=standalone", "backendtype=foo", "specification=virtio", "specification=xen",
  "specification=foo", "script=block-foo", "backend=0", "backend=storage-dom", "foo=bar", "Format=raw",
  "colo-port=0", "devtype=disk", "grant_usage=1",
];

function vdev(rng: Rng): string {
  const roll = rng.int(10);
  if (roll < 5) return rng.pick(GOOD_VDEVS);
  if (roll < 7) return rng.pick(NUMERIC_VDEVS);
  return rng.pick(BAD_VDEVS);
}

/** A valid spec in one of xl's canonical shapes, to be perturbed. */
function canonical(rng: Rng, v = "xvda"): string {
  const target = rng.pick(TARGETS);
  switch (rng.int(4)) {
    case 0:
      return `${target},raw,${v},rw`;
    case 1:
      return `phy:${target},${v},w`;
    case 2:
      return `format=raw, vdev=${v}, access=rw, target=${target}`;
    default:
      return `${target},,${v}`;
  }
}

/** A spec from the config when it has one (real shapes), else a canonical one. */
function startingSpec(context: MutationContext): string {
  const items = stringItemsOf(context.base.settings.get("disk"));
  return items.length > 0 && context.rng.chance(0.6) ? context.rng.pick(items) : canonical(context.rng);
}

type DiskOp = (context: MutationContext) => { readonly op: string; readonly spec: string };

const OPS: readonly DiskOp[] = [
  ({ rng }) => ({ op: "access", spec: `${rng.pick(TARGETS)},raw,xvdb,${rng.chance(0.6) ? rng.pick(BAD_ACCESS) : rng.pick(GOOD_ACCESS)}` }),
  ({ rng }) => ({ op: "xm-access", spec: `phy:${rng.pick(TARGETS)},xvdb,${rng.chance(0.6) ? rng.pick(BAD_ACCESS) : rng.pick(GOOD_ACCESS)}` }),
  ({ rng }) => ({ op: "vdev", spec: canonical(rng, vdev(rng)) }),
  ({ rng }) => ({ op: "vdev-key", spec: `vdev=${rng.chance(0.8) ? vdev(rng) : "hdc:cdrom"},target=${rng.pick(TARGETS)}` }),
  ({ rng }) => {
    const format = rng.chance(0.5) ? rng.pick(BAD_FORMATS) : rng.pick(GOOD_FORMATS);
    const spec = rng.chance(0.5) ? `${rng.pick(TARGETS)},${format},xvdb,rw` : `format=${format},vdev=xvdb,target=${rng.pick(TARGETS)}`;
    return { op: "format", spec };
  },
  ({ rng }) => {
    const prefix = rng.weighted([[5, rng.pick(GOOD_PREFIXES)], [3, rng.pick(BAD_PREFIXES)], [3, ""]] as const);
    return { op: prefix === "" ? "xm-no-prefix" : "prefix", spec: `${prefix}${rng.pick(TARGETS)},xvdb,w` };
  },
  ({ rng }) => ({ op: "no-vdev", spec: rng.pick([`phy:${rng.pick(TARGETS)}`, `${rng.pick(TARGETS)},raw`, `target=${rng.pick(TARGETS)}`, `${rng.pick(TARGETS)},raw,,w`]) }),
  (context) => {
    const tokens = startingSpec(context).split(",");
    return { op: "shuffle", spec: context.rng.shuffle(tokens).join(",") };
  },
  ({ rng }) => {
    const target = `target=${rng.pick(TARGETS)}`;
    const rest = ["format=raw", "vdev=xvdb", "access=rw"];
    rest.splice(rng.int(rest.length), 0, target);
    return { op: "target-middle", spec: rest.join(",") };
  },
  (context) => {
    const spec = startingSpec(context);
    const commas = [...spec.matchAll(/,/g)].map((m) => m.index);
    if (commas.length === 0) return { op: "space-before-comma", spec: `${spec} ,xvdb` };
    const at = context.rng.pick(commas);
    return { op: "space-before-comma", spec: `${spec.slice(0, at)} ${spec.slice(at)}` };
  },
  ({ rng }) => {
    const iso = "/srv/iso/install.iso";
    const forms = [
      `${iso},raw,hdc,cdrom`, `,hdc:cdrom,r`, `${iso},,hdc,devtype=cdrom`, `vdev=hdc,devtype=cdrom,access=r`,
      `${iso},raw,hdc,devtype=floppy`, `${iso},raw,hdc:floppy,r`, `${iso},raw,hde,cdrom`, `${iso},raw,xvdc,cdrom`,
      `file:${iso},hdc:cdrom,r`, `${iso},raw,hdc,cdrom,w`, `devtype=cdrom,,,hdc`, `,empty,hdc:cdrom,r`,
    ];
    return { op: "cdrom", spec: rng.pick(forms) };
  },
  (context) => ({ op: "flag", spec: `${canonical(context.rng, "xvdb")},${context.rng.pick(FLAGS)}` }),
  ({ rng }) => ({ op: "too-many-positional", spec: `${rng.pick(TARGETS)},raw,xvdb,rw,${rng.pick(["extra", "0", "w"])}` }),
];

export function mutateDisk(context: MutationContext): Mutation {
  const { rng } = context;
  if (rng.int(20) === 0) {
    // A list key given a string: xl warns and drops every disk (§1.7).
    return { operator: "disk/not-a-list", changes: [set("disk", q(startingSpec(context)))] };
  }
  const { op, spec } = (rng.pick(OPS) as DiskOp)(context);
  return { operator: `disk/${op}`, changes: withListItem(context, "disk", spec) };
}
