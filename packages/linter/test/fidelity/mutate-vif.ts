/**
 * vif spec mutations (reference §4): malformed, short, long and multicast
 * MACs, `rate=` junk and overflow, `type=` values, models per guest type,
 * unknown and xm-era keys, non-numeric `devid`/`mtu`, spaces around `=` and
 * after values, the empty spec, and a vif given as a string instead of a list.
 */
import { asType, q, withListItem, type Mutation, type MutationContext } from "./mutation";
import { set, stringItemsOf, type Change } from "./xl-text";

const MACS = [
  "00:16:3e:12:34:56", "00:16:3e:zz:00:01", "00:16:3e:00:01", "00:16:3e:00:00:01:02", "01:16:3e:00:00:01",
  "00-16-3e-00-00-01", "0:16:3e:1:2:3", "00:16:3e:00:00:100", "aa:bb:cc:dd:ee:ff", "02:00:00:00:00:01", "",
  "00:16:3E:AB:CD:EF", "00163e000001",
];
const RATES = [
  "10MB/s", "10Mb/s@50ms", "10mb/s", "10MB", "0B/s", "4294967296b/s", "10MB/s@foo", "1B/s@0us", "@", "10 MB/s",
  "1MB/s@20", "010B/s", "4294967295GB/s@5us", "", "10KB/s", "10kB/s", "100Mb/s@1s", "1GB/s@4295s", "10MB/m",
];
const TYPES = ["ioemu", "vif", "IOEMU", "netfront", ""];
const MODELS = ["e1000", "rtl8139", "virtio-net", "ne2k_pci"];
const OTHER_TOKENS = [
  "foo=bar", "accel=x", "netdev=eth0", "vlan=10", "bogus", "script=vif-route", "ip=10.0.0.2", "gatewaydev=eth0",
  "vifname=vif-guest", "vifname=a-very-long-interface-name", "trusted", "untrusted", "backend=netdom", "forwarddev=eth1",
  "model=e1000", "bridge=", "Bridge=xenbr0",
];
const DEVIDS = ["1", "x", "1x", "", "-1", "0x10", "99999999999"];
const MTUS = ["9000", "abc", "", "1500 ", "0x5dc", "65536"];
const SPACED = ["bridge = xenbr0", "bridge=xenbr0 ", "  bridge=xenbr0", "bridge =xenbr0", "\tbridge=xenbr0", "mac = 00:16:3e:12:34:56"];

function startingTokens(context: MutationContext): string[] {
  const items = stringItemsOf(context.base.settings.get("vif"));
  const spec = items.length > 0 && context.rng.chance(0.6) ? context.rng.pick(items) : "mac=00:16:3e:01:02:03,bridge=xenbr0";
  return spec.split(",").filter((t) => t.length > 0);
}

/** Puts `key=value` in place of the spec's `key=` token, or adds it. */
function withToken(tokens: readonly string[], key: string, value: string): string[] {
  const token = `${key}=${value}`;
  const at = tokens.findIndex((t) => t.trimStart().startsWith(`${key}=`));
  if (at < 0) return [...tokens, token];
  const out = [...tokens];
  out[at] = token;
  return out;
}

export function mutateVif(context: MutationContext): Mutation {
  const { rng } = context;
  const tokens = startingTokens(context);
  const extra: Change[] = [];
  let op: string;
  let spec: string[];
  switch (rng.int(11)) {
    case 0:
    case 1:
      op = "mac";
      spec = withToken(tokens, "mac", rng.pick(MACS));
      break;
    case 2:
    case 3:
      op = "rate";
      spec = withToken(tokens, "rate", rng.pick(RATES));
      break;
    case 4: {
      op = "type";
      const type = rng.pick(TYPES);
      spec = withToken(tokens, "type", type);
      // libxl refuses type=ioemu on PV/PVH only after the checks xl-oracle runs (§4.2), so ioemu goes to HVM guests.
      if (type === "ioemu") extra.push(...asType("hvm"));
      else if (rng.chance(0.5)) extra.push(...asType(rng.pick(["pv", "pvh", "hvm"] as const)));
      break;
    }
    case 5:
      op = "model";
      spec = withToken(tokens, "model", rng.pick(MODELS));
      if (rng.chance(0.5)) extra.push(...asType(rng.pick(["pv", "hvm"] as const)));
      break;
    case 6:
      op = "other-key";
      spec = [...tokens, rng.pick(OTHER_TOKENS)];
      break;
    case 7:
      op = rng.chance(0.5) ? "devid" : "mtu";
      spec = withToken(tokens, op, rng.pick(op === "devid" ? DEVIDS : MTUS));
      break;
    case 8:
      op = "spaces";
      spec = [...tokens.filter((t) => !/^\s*(bridge|mac)\s*=/.test(t)), rng.pick(SPACED)];
      break;
    case 9:
      op = "empty-spec";
      spec = rng.chance(0.5) ? [] : [",", ""];
      break;
    default:
      // A list key given a string: xl warns and the guest gets no network (§1.7).
      return { operator: "vif/not-a-list", changes: [set("vif", q(tokens.join(",")))] };
  }
  return { operator: `vif/${op}`, changes: [...extra, ...withListItem(context, "vif", spec.join(","))] };
}
