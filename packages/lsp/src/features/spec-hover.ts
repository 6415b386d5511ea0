/**
 * Hover inside a device spec string. In a disk spec: the token under the
 * cursor as xl's disk scanner cut it (a `key=value` parameter, a flag, a
 * deprecated prefix, or a positional field and the slot xl put it in), what
 * it is, and its value as xl reads it; a vdev decoded as libxl decodes it
 * (`0x301` → device number 769, the number of hda1; `xvda` → 51712), with
 * what the number means to a Linux guest. In a vif spec: each `key=value`
 * item (a MAC and what kind of address it is, a rate as bytes per interval,
 * a bridge checked against the host profile, devid and mtu as xl stores
 * them). In a PCI spec: the device address and each `key=value` item.
 * Items xl does not recognise show the parser's words about them.
 */
import type { HostProfile } from "@xlint/linter";
import {
  DISK_FORMATS,
  decodeVdev,
  parseDiskSpec,
  parseMac,
  parsePciSpec,
  parseRate,
  parseVifSpec,
  type DiskSpecResult,
  type DiskSpecToken,
  type Span,
  type SpecProblem,
} from "@xlint/parser";
import type { DocumentAnalysis } from "./document-analysis";
import { DISK_PREFIX_DOCS, specFieldDoc } from "./spec-fields";
import { specRange, type SpecSite } from "./spec-site";
import type { HoverPart } from "./value-hover";

export function specHover(site: SpecSite, analysis: DocumentAnalysis, host: HostProfile): HoverPart | undefined {
  const found = site.key === "disk" ? diskHover(site) : site.key === "vif" ? vifHover(site, host) : pciHover(site);
  if (found === undefined) return undefined;
  return { markdown: found.lines.join("\n").trimEnd(), range: specRange(analysis, site.spec, found.span.start, found.span.end) };
}

interface Found {
  readonly lines: string[];
  readonly span: Span;
}

/** The item whose span holds the cursor (its end included, where a cursor after the last letter sits). */
function under<T extends { readonly span: Span }>(items: readonly T[], index: number): T | undefined {
  return items.find((t) => t.span.start <= index && index < t.span.end) ?? items.find((t) => t.span.end === index);
}

function problemsIn(problems: readonly SpecProblem[], span: Span): string[] {
  return problems.filter((p) => p.span.start < span.end && span.start < p.span.end).map((p) => `- ${p.message}`);
}

function header(key: string, what: string, doc: string | undefined): string[] {
  return [`**${key}** · ${what}`, "", ...(doc === undefined ? [] : [doc, ""])];
}

/* ---- disk ---- */

const SLOT_WORDS: Readonly<Record<string, string>> = {
  target: "target",
  format: "format",
  vdev: "vdev",
  "vdev:devtype": "vdev",
  access: "access",
};

function diskHover(site: SpecSite): Found | undefined {
  const result = parseDiskSpec(site.spec);
  const token = under(
    result.tokens.filter((t) => t.kind !== "blank"),
    site.index,
  );
  if (token === undefined) return undefined;
  const span = withoutComma(result.text, token.span);
  const value = token.valueSpan === undefined ? "" : result.text.slice(token.valueSpan.start, token.valueSpan.end);
  const problems = problemsIn(result.problems, token.span);
  switch (token.kind) {
    case "parameter":
    case "target": {
      const name = token.name ?? "";
      return { lines: [...header("disk", `\`${name}=\``, specFieldDoc("disk", name)?.doc), ...diskValueLines(name, value, result), ...problems], span };
    }
    case "flag":
      return { lines: [...header("disk", `flag \`${token.name ?? ""}\``, specFieldDoc("disk", token.name ?? "")?.doc), ...problems], span };
    case "prefix":
      return { lines: [...header("disk", `prefix \`${token.name ?? ""}:\``, DISK_PREFIX_DOCS[token.name ?? ""]), ...problems], span };
    case "positional":
      return { lines: positionalLines(token, value, result).concat(problems), span };
    default:
      return problems.length === 0 ? undefined : { lines: [...header("disk", "not understood by xl", undefined), ...problems], span };
  }
}

function withoutComma(text: string, span: Span): Span {
  return text[span.end - 1] === "," && span.end - 1 > span.start ? { start: span.start, end: span.end - 1 } : span;
}

function positionalLines(token: DiskSpecToken, value: string, result: DiskSpecResult): string[] {
  const slot = token.slot;
  const field = slot === undefined ? undefined : SLOT_WORDS[slot];
  if (field === undefined) {
    const why = slot === "skipped" ? "xl skips it: it stopped at an earlier error" : "one positional field too many: xl fills only target, format, vdev and access";
    return header("disk", "positional field", why);
  }
  const lines = header("disk", `positional field: the ${field}`, specFieldDoc("disk", field)?.doc);
  if (slot === "vdev:devtype") {
    const [vdev = "", devtype = ""] = value.split(":");
    return [...lines, ...diskValueLines("vdev", vdev, result), `The suffix \`:${devtype}\` is xm's way of writing \`devtype=${devtype}\`.`];
  }
  return [...lines, ...diskValueLines(field, value, result)];
}

function diskValueLines(field: string, value: string, result: DiskSpecResult): string[] {
  switch (field) {
    case "format":
      if (value === "") return ["An empty format: xl reads it as **raw**."];
      return (DISK_FORMATS as readonly string[]).includes(value) ? [`Format **${value}**.`] : [];
    case "access": {
      const mode = value === "r" || value === "ro" ? "read-only" : value === "" || value === "w" || value === "rw" ? "read-write" : undefined;
      if (mode === undefined) return [];
      const cdrom = result.disk.cdrom && mode === "read-write" ? " (but a CD-ROM is always read-only)" : "";
      return [`xl reads this as **${mode}**${cdrom}.`];
    }
    case "vdev":
      return vdevLines(value);
    case "devtype":
      return value === "cdrom" ? ["A **CD-ROM**: removable and read-only."] : value === "disk" ? ["A plain **disk** (the default)."] : [];
    case "target":
      return [value === "" ? "An empty target." : `Target: \`${value}\``];
    default:
      return value === "" ? [] : [`Value: \`${value}\``];
  }
}

/** A vdev as libxl decodes it: its device number and what that number is. */
export function vdevLines(name: string): string[] {
  const info = decodeVdev(name);
  if (!info.valid) return [`libxl refuses the vdev \`${name}\`: ${info.reason ?? "not a disk name it knows"}.`];
  const lines = [`\`${name}\` → device number **${info.deviceNumber}** (0x${info.deviceNumber.toString(16)})`];
  if (info.canonicalName !== undefined && info.canonicalName !== name) lines.push("", `The number of **${info.canonicalName}**.`);
  if (info.number !== undefined) lines.push("", `${info.number.meaning.charAt(0).toUpperCase()}${info.number.meaning.slice(1)}.`);
  for (const note of info.notes) lines.push("", `${note.charAt(0).toUpperCase()}${note.slice(1)}.`);
  return lines;
}

/* ---- vif ---- */

function vifHover(site: SpecSite, host: HostProfile): Found | undefined {
  const vif = parseVifSpec(site.spec);
  const token = under(vif.tokens, site.index);
  if (token === undefined) return undefined;
  const problems = problemsIn(vif.problems, token.span);
  if (token.key === undefined) return problems.length === 0 ? undefined : { lines: [...header("vif", "not understood by xl", undefined), ...problems], span: token.span };
  const doc = specFieldDoc("vif", token.key)?.doc;
  if (token.value === undefined) return { lines: [...header("vif", `flag \`${token.key}\``, doc), ...problems], span: token.span };
  const value = token.value.value;
  return { lines: [...header("vif", `\`${token.key}=\``, doc), ...vifValueLines(token.key, value, host), ...problems], span: token.span };
}

function vifValueLines(key: string, value: string, host: HostProfile): string[] {
  switch (key) {
    case "mac": {
      const address = parseMac(value).address;
      if (address === undefined) return [];
      const kinds = [
        address.zero ? "all zero, which libxl treats as unset: it picks a random address" : undefined,
        address.xenOui ? "in Xen's range `00:16:3e`" : undefined,
        address.locallyAdministered ? "locally administered" : undefined,
        address.multicast ? "a group (multicast) address, which no NIC may have" : undefined,
      ].filter((k): k is string => k !== undefined);
      return [`xl reads **${address.canonical}**${kinds.length === 0 ? "" : `: ${kinds.join("; ")}`}.`];
    }
    case "rate": {
      const limit = parseRate(value).limit;
      if (limit === undefined) return [];
      return [`${limit.bytesPerSecond} bytes per second: up to ${limit.bytesPerInterval} bytes every ${limit.intervalUsecs} µs.`];
    }
    case "bridge": {
      if (host.bridges === undefined) return [`Bridge \`${value}\`.`];
      return [host.bridges.includes(value) ? `A bridge of the host.` : `Not a bridge of the host profile (${host.bridges.map((b) => `\`${b}\``).join(", ") || "none"}).`];
    }
    case "type":
      return value === "vif" ? ["**PV** interface only."] : value === "ioemu" ? ["An **emulated** card plus a PV interface (HVM only)."] : [];
    default:
      return [`Value: \`${value}\``];
  }
}

/* ---- pci ---- */

function pciHover(site: SpecSite): Found | undefined {
  const pci = parsePciSpec(site.spec);
  const text = pci.text;
  const itemStart = text.lastIndexOf(",", site.index - 1) + 1;
  const comma = text.indexOf(",", site.index);
  const span: Span = { start: itemStart, end: comma < 0 ? text.length : comma };
  const item = text.slice(span.start, span.end);
  const problems = problemsIn(pci.problems, span);
  const eq = item.indexOf("=");
  if (eq < 0 && itemStart === 0 && pci.bdf !== undefined) {
    const a = pci.bdf.value;
    const hex = (n: number, width: number): string => n.toString(16).padStart(width, "0");
    const fn = a.function === "*" ? "every function" : `function ${a.function}`;
    const slot = pci.vslot === undefined ? "" : `; virtual slot 0x${hex(pci.vslot.value, 2)} in the guest`;
    return { lines: [...header("pci", "device address", undefined), `Domain ${hex(a.domain, 4)}, bus ${hex(a.bus, 2)}, device ${hex(a.device, 2)}, ${fn}${slot}.`, ...problems], span };
  }
  if (eq < 0) return problems.length === 0 ? undefined : { lines: [...header("pci", "not understood by xl", undefined), ...problems], span };
  const key = item.slice(0, eq);
  const doc = specFieldDoc("pci", key)?.doc;
  if (doc === undefined && problems.length === 0) return undefined;
  const value = item.slice(eq + 1);
  return { lines: [...header("pci", `\`${key}=\``, doc), ...(value === "" ? [] : [`Value: \`${value}\``]), ...problems], span };
}
