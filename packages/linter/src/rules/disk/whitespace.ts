import type { Span } from "@xlint/parser";
import type { FileRule } from "../../engine/types";
import { diskEntries, diskRange, type DiskEntry } from "../util/disk-entries";
import { specEdit } from "../util/disk-edits";
import { trustedWords } from "../util/disk-failures";

/** Fields whose value xl keeps as text, so whitespace around it becomes part of it. */
const TEXT_FIELDS = new Set(["target", "vdev", "backend", "script", "colo-host", "colo-export", "active-disk", "hidden-disk"]);

interface Padded {
  readonly field: string;
  readonly value: string;
  readonly blanks: Span[];
}

function paddedFields(entry: DiskEntry): Padded[] {
  const out: Padded[] = [];
  for (const token of entry.result.tokens) {
    if (!token.valueSpan) continue;
    const field = token.kind === "positional" ? token.slot : token.kind === "target" ? "target" : token.kind === "parameter" ? token.name : undefined;
    if (field === undefined || !TEXT_FIELDS.has(field)) continue;
    const { start, end } = token.valueSpan;
    const value = entry.spec.text.slice(start, end);
    const lead = /^[ \t\n]+/.exec(value)?.[0].length ?? 0;
    const trail = /[ \t\n]+$/.exec(value)?.[0].length ?? 0;
    if (lead === 0 && trail === 0) continue;
    // A value that is only blanks is an empty field written oddly; the empty-field rules speak for it.
    if (lead === value.length) continue;
    const blanks: Span[] = [];
    if (lead > 0) blanks.push({ start, end: start + lead });
    if (trail > 0) blanks.push({ start: end - trail, end });
    out.push({ field, value, blanks });
  }
  return out;
}

/** Whitespace around a disk field: xl skips it only before a field, so it becomes part of the path or name. */
export const diskWhitespace: FileRule = {
  id: "disk-whitespace",
  scope: "file",
  severity: "warning",
  category: "suspicious",
  fixable: "unsafe",
  summary: "Whitespace before a comma (or after `=`) in a disk spec becomes part of the target, vdev or name",
  docs: {
    description: [
      "xl's disk parser skips spaces and tabs only at the start of a field. Anything between the value and",
      "the next comma, or between `=` and the value, stays in the value: `\"/srv/a.img , xvda\"` has the",
      "target `/srv/a.img ` (with a trailing space), a file that usually does not exist, and a vdev with a",
      "space is refused by libxl. Formats and access modes with spaces are refused by xl outright (see",
      "`disk-invalid-spec`); this rule covers the fields xl keeps as text: target, backend domain, script",
      "and the COLO settings (vdevs with spaces are reported by `disk-invalid-vdev`).",
      "",
      "Write the spec without spaces around commas. The fix removes the spaces; it is unsafe, as it changes",
      "the path or name xl passes on.",
    ].join("\n"),
    invalid: [
      { config: 'name = "web01"\nkernel = "/boot/vmlinuz"\ndisk = [ "/dev/vg0/web01 , raw, xvda, w" ]\n', note: "The target is `/dev/vg0/web01 `." },
      { config: 'name = "web01"\nkernel = "/boot/vmlinuz"\ndisk = [ "vdev=xvda, access=rw, target= /srv/web01.img" ]\n', note: "The space after `target=` is part of the path." },
    ],
    valid: [
      { config: 'name = "web01"\nkernel = "/boot/vmlinuz"\ndisk = [ "format=raw, vdev=xvda, access=rw, target=/srv/web01.img" ]\n', note: "Spaces after a comma are skipped." },
    ],
  },
  check(context) {
    for (const entry of diskEntries(context)) {
      if (!entry.result.accepted || trustedWords(entry, context.host).length > 0) continue;
      for (const padded of paddedFields(entry)) {
        // A vdev libxl refuses because of the spaces is `disk-invalid-vdev`'s finding.
        if (padded.field === "vdev" && !entry.vdev?.valid) continue;
        const edits = padded.blanks.map((span) => specEdit(entry.spec, span, ""));
        const usable = edits.every((e) => e !== undefined);
        const first = padded.blanks[0] as Span;
        const last = padded.blanks[padded.blanks.length - 1] as Span;
        context.report({
          range: diskRange(context.parse.lines, entry, padded.blanks.length === 1 ? first : { start: first.start, end: last.end }),
          message: `The ${padded.field} \`${padded.value}\` has whitespace around it, which xl keeps`,
          help: `xl skips blanks only at the start of a field, so the ${padded.field} is not \`${padded.value.trim()}\`. Remove the whitespace.`,
          ...(usable ? { fix: { title: `Remove the whitespace around the ${padded.field}`, safety: "unsafe" as const, edits: edits as NonNullable<(typeof edits)[number]>[] } } : {}),
        });
      }
    }
  },
};
