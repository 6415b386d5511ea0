/**
 * `usbctrl = [ 'type=…,version=…,ports=…' ]` and
 * `usbdev = [ 'type=hostdev,hostbus=…,hostaddr=…[,controller=…,port=…]' ]`
 * as xl 4.17 reads them: `key=` prefixes, any other token fatal, numbers by
 * `atoi`/`strtoul` (junk silently ignored). The version/ports limits and the
 * host device lookup are libxl's, at creation time.
 */
import type { SpecField, SpecProblem, SpecText } from "./spec-text";
import { sliceField, matchXlOption, noteRepeatedKey, devProblem, quoteForMessage, readAtoiValue, readStrtoulValue, skipSpaceChars, sliceSpan, strtokSlices, type SpecSlice } from "./dev-common";

export type UsbctrlType = "auto" | "pv" | "devicemodel" | "qusb";

export interface UsbctrlSpec {
  readonly type: SpecField<UsbctrlType> | undefined;
  readonly version: SpecField<number> | undefined;
  readonly ports: SpecField<number> | undefined;
  readonly problems: readonly SpecProblem[];
}

const USBCTRL_TYPES: readonly UsbctrlType[] = ["auto", "pv", "devicemodel", "qusb"];
/** USBIF_MAX_PORTNR in Xen's usbif.h. */
const MAX_PV_PORTS = 31;

/** The tokens of a usbctrl/usbdev item: comma-separated, leading spaces skipped. */
function tokens(spec: SpecText): SpecSlice[] {
  return strtokSlices(spec.text, ",").map(skipSpaceChars);
}

function keyOf(token: SpecSlice): SpecSlice {
  const key = token.text.split("=")[0] ?? "";
  return { text: key, start: token.start, end: token.start + key.length };
}

export function parseUsbctrl(spec: SpecText): UsbctrlSpec {
  const problems: SpecProblem[] = [];
  const seen = new Map<string, SpecSlice>();
  let type: SpecField<UsbctrlType> | undefined;
  let version: SpecField<number> | undefined;
  let ports: SpecField<number> | undefined;
  for (const token of tokens(spec)) {
    let value: SpecSlice | undefined;
    if ((value = matchXlOption(token, "type"))) {
      const lower = value.text.toLowerCase();
      const known = USBCTRL_TYPES.find((t) => t === lower);
      if (known) type = sliceField(known, value);
      else problems.push(devProblem("unknown-type", `usbctrl type ${quoteForMessage(value.text)} is not one of auto, pv, devicemodel, qusb: xl refuses the config; use one of those or drop type= (auto)`, sliceSpan(value), "fatal"));
    } else if ((value = matchXlOption(token, "version"))) {
      version = sliceField(readAtoiValue(value, "version", problems), value);
    } else if ((value = matchXlOption(token, "ports"))) {
      ports = sliceField(readAtoiValue(value, "ports", problems), value);
    } else {
      problems.push(devProblem("unknown-key", `${quoteForMessage(token.text)} is not a usbctrl setting: xl refuses the config; usbctrl takes type=, version= and ports=`, sliceSpan(token), "fatal"));
      continue;
    }
    noteRepeatedKey(seen, keyOf(token), "usbctrl", problems);
  }
  checkUsbctrlLimits(type?.value ?? "auto", version, ports, problems);
  return { type, version, ports, problems };
}

/** libxl's checks when it sets the controller up (0 means "default" for both numbers). */
function checkUsbctrlLimits(type: UsbctrlType, version: SpecField<number> | undefined, ports: SpecField<number> | undefined, problems: SpecProblem[]): void {
  const v = version?.value ?? 0;
  const p = ports?.value ?? 0;
  const refuse = (code: string, what: string, field: SpecField<number>): void => {
    problems.push(devProblem(code, `${what}: xl accepts it but libxl refuses to create the guest`, field.span, "libxl-fatal"));
  };
  if (type === "pv" || type === "qusb") {
    if (version && v !== 0 && (v < 1 || v > 2)) refuse("bad-version", `a ${type} USB controller must be version 1 or 2, not ${v}`, version);
    if (ports && p !== 0 && (p < 1 || p > MAX_PV_PORTS)) refuse("bad-ports", `a ${type} USB controller has 1 to ${MAX_PV_PORTS} ports, not ${p}`, ports);
    return;
  }
  if (type === "devicemodel") {
    if (version && v !== 0 && (v < 1 || v > 3)) refuse("bad-version", `an emulated USB controller must be version 1, 2 or 3, not ${v}`, version);
    const fixed = v === 1 ? 2 : v === 2 || v === 0 ? 6 : undefined;
    if (ports && p !== 0 && fixed !== undefined && p !== fixed) refuse("bad-ports", `an emulated USB ${v === 1 ? "1.1" : "2.0"} controller always has ${fixed} ports, not ${p}`, ports);
    if (ports && v === 3 && p > 15) refuse("bad-ports", `an emulated USB 3.0 controller has at most 15 ports, not ${p}`, ports);
    return;
  }
  // auto: libxl picks pv/qusb or devicemodel by guest type; these values fail for every choice.
  if (version && v !== 0 && (v < 1 || v > 3)) refuse("bad-version", `USB controller version ${v} does not exist (1, 2 or 3)`, version);
  if (ports && (p < 0 || p > MAX_PV_PORTS)) refuse("bad-ports", `a USB controller has at most ${MAX_PV_PORTS} ports, not ${p}`, ports);
}

export interface UsbdevSpec {
  readonly type: SpecField<"hostdev"> | undefined;
  readonly hostbus: SpecField<number> | undefined;
  readonly hostaddr: SpecField<number> | undefined;
  readonly controller: SpecField<number> | undefined;
  readonly port: SpecField<number> | undefined;
  readonly problems: readonly SpecProblem[];
}

export function parseUsbdev(spec: SpecText): UsbdevSpec {
  const problems: SpecProblem[] = [];
  const seen = new Map<string, SpecSlice>();
  let type: SpecField<"hostdev"> | undefined;
  let hostbus: SpecField<number> | undefined;
  let hostaddr: SpecField<number> | undefined;
  let controller: SpecField<number> | undefined;
  let port: SpecField<number> | undefined;
  for (const token of tokens(spec)) {
    let value: SpecSlice | undefined;
    if ((value = matchXlOption(token, "type"))) {
      if (value.text.toLowerCase() === "hostdev") type = sliceField("hostdev", value);
      else problems.push(devProblem("unknown-type", `usbdev type ${quoteForMessage(value.text)} is not \`hostdev\`, the only kind xl knows: xl refuses the config; write type=hostdev or leave it out`, sliceSpan(value), "fatal"));
    } else if ((value = matchXlOption(token, "hostbus"))) {
      hostbus = sliceField(Number(readStrtoulValue(value, "hostbus", 8, problems)), value);
    } else if ((value = matchXlOption(token, "hostaddr"))) {
      hostaddr = sliceField(Number(readStrtoulValue(value, "hostaddr", 8, problems)), value);
    } else if ((value = matchXlOption(token, "controller"))) {
      controller = sliceField(readAtoiValue(value, "controller", problems), value);
    } else if ((value = matchXlOption(token, "port"))) {
      port = sliceField(readAtoiValue(value, "port", problems), value);
    } else {
      problems.push(
        devProblem("unknown-key", `${quoteForMessage(token.text)} is not a usbdev setting: xl refuses the config; usbdev takes type=, hostbus=, hostaddr=, controller= and port=`, sliceSpan(token), "fatal"),
      );
      continue;
    }
    noteRepeatedKey(seen, keyOf(token), "usbdev", problems);
  }
  const whole = { start: 0, end: spec.text.length };
  if (!hostbus || !hostaddr || hostbus.value < 1 || hostaddr.value < 1) {
    problems.push(
      devProblem(
        "missing-host-device",
        "this usbdev does not name a host device (hostbus= and hostaddr= must both be 1 or more): libxl cannot find the device and refuses to create the guest; take the numbers from `lsusb`",
        whole,
        "libxl-fatal",
      ),
    );
  }
  if (port && port.value !== 0 && (!controller || controller.value === -1)) {
    problems.push(devProblem("port-without-controller", "`port=` is given without `controller=`: libxl refuses to create the guest; add controller= or drop port=", port.span, "libxl-fatal"));
  }
  return { type, hostbus, hostaddr, controller, port, problems };
}
