import type { FileRule, Fix } from "../../engine/types";
import { diskEntries, diskRange, type DiskEntry } from "../util/disk-entries";
import { sameDisk, specEdit } from "../util/disk-edits";
import { capitalised } from "../util/finding-text";

const FORMAT_PREFIXES = new Set(["raw", "qcow", "qcow2", "vhd"]);
const SCRIPT_PREFIXES = new Set(["iscsi", "nbd", "enbd", "drbd"]);

/** What each prefix does, in a few words. */
function effectOf(prefix: string): string {
  if (FORMAT_PREFIXES.has(prefix)) return `\`${prefix}:\` sets the format (\`format=${prefix}\`)`;
  if (SCRIPT_PREFIXES.has(prefix)) return `\`${prefix}:\` sets the hotplug script (\`script=block-${prefix}\`)`;
  if (prefix === "phy") return "`phy:` is ignored: it does not choose the phy backend, libxl picks the backend itself (write `backendtype=phy` to insist)";
  return `\`${prefix}:\` is ignored`;
}

/**
 * The same disk in xl's own positional form (`TARGET,FORMAT,VDEV[,ACCESS]`),
 * for specs that are only prefixes plus xm's three fields; checked by
 * re-reading it.
 */
function plainForm(entry: DiskEntry): string | undefined {
  const fields = entry.result.tokens.filter((t) => t.kind !== "blank");
  const positional = fields.filter((t) => t.kind === "positional");
  if (fields.some((t) => t.kind !== "prefix" && t.kind !== "positional") || positional.length < 2 || positional.length > 3) return undefined;
  const [target, vdev, access] = positional.map((t) => (t.valueSpan ? entry.spec.text.slice(t.valueSpan.start, t.valueSpan.end) : ""));
  const scripts = entry.result.prefixes.filter((p) => SCRIPT_PREFIXES.has(p.value)).map((p) => `,script=block-${p.value}`);
  const format = entry.result.disk.format;
  const text = `${target ?? ""},${format},${vdev ?? ""}${access === undefined ? "" : `,${access}`}${scripts.join("")}`;
  return sameDisk(entry, text) ? text : undefined;
}

function fixOf(entry: DiskEntry): Fix | undefined {
  if (entry.rewritten) return undefined;
  const text = plainForm(entry);
  const edit = text === undefined ? undefined : specEdit(entry.spec, { start: 0, end: entry.spec.text.length }, text);
  return edit ? { title: `Write the disk without prefixes: \`${text}\``, safety: "safe", edits: [edit] } : undefined;
}

/** `phy:`, `file:`, `tap:aio:`, `qcow2:` … : xm's prefixes, still accepted, mostly ignored, and misleading. */
export const diskDeprecatedPrefix: FileRule = {
  id: "disk-deprecated-prefix",
  scope: "file",
  severity: "info",
  category: "deprecated",
  fixable: "safe",
  summary: "An xm-style target prefix (`phy:`, `file:`, `tap:aio:`, `qcow2:`, …): deprecated, and `phy:` does not choose the phy backend",
  docs: {
    description: [
      "xl still accepts the target prefixes of xm, but most of them do nothing any more: `phy:`, `file:`,",
      "`tap:`, `tap2:`, `aio:`, `tapdisk:` and `ioemu:` are skipped (in particular `phy:` does not make",
      "libxl use the phy backend; it picks a backend from the format and the target), `raw:`, `qcow:`,",
      "`qcow2:` and `vhd:` set the format, and `iscsi:`, `nbd:`, `enbd:` and `drbd:` set the hotplug",
      "script. Their only other effect is that xl then skips the format slot, which is why xm's",
      "`phy:/dev/vg0/a,xvda,w` still works.",
      "",
      "Prefer xl's own forms: `/dev/vg0/a,raw,xvda,w`, or `format=`, `vdev=`, `access=`, `script=` and",
      "`backendtype=` with `target=` last. The fix rewrites xm's three-field form into the four-field one",
      "when the result reads as exactly the same disk.",
    ].join("\n"),
    invalid: [
      { config: 'name = "web01"\nkernel = "/boot/vmlinuz"\ndisk = [ "phy:/dev/vg0/web01,xvda,w" ]\n' },
      { config: 'name = "web01"\nkernel = "/boot/vmlinuz"\ndisk = [ "tap:aio:/srv/web01.img,xvda,w" ]\n' },
    ],
    valid: [{ config: 'name = "web01"\nkernel = "/boot/vmlinuz"\ndisk = [ "/dev/vg0/web01,raw,xvda,w" ]\n' }],
  },
  check(context) {
    for (const entry of diskEntries(context)) {
      if (!entry.result.accepted) continue;
      const prefixTokens = entry.result.tokens.filter((t) => t.kind === "prefix");
      const first = prefixTokens[0];
      const last = prefixTokens[prefixTokens.length - 1];
      if (!first || !last) continue;
      const names = entry.result.prefixes.map((p) => p.value);
      const written = names.map((n) => `${n}:`).join("");
      const fix = fixOf(entry);
      context.report({
        range: diskRange(context.parse.lines, entry, { start: first.span.start, end: last.span.end }),
        message: `\`${written}\` is an xm-style prefix, kept only for compatibility`,
        help: `${capitalised(names.map(effectOf).join("; "))}. Write the disk in xl's form (\`TARGET,FORMAT,VDEV,ACCESS\`, or \`format=\`/\`script=\`/\`backendtype=\` with \`target=\` last).`,
        ...(fix ? { fix } : {}),
      });
    }
  },
};
