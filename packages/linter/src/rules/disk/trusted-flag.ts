import type { DiskSpecToken } from "@xlint/parser";
import type { FileRule, Fix } from "../../engine/types";
import { diskEntries, diskRange, textAt, type DiskEntry } from "../util/disk-entries";
import { specEdit } from "../util/disk-edits";
import { diskFailure, trustedWords } from "../util/disk-failures";

/** The spec without the words (each with its comma), or undefined when nothing sensible is left. */
function withoutWords(entry: DiskEntry, words: readonly DiskSpecToken[]): string | undefined {
  let text = entry.spec.text;
  for (const token of [...words].sort((a, b) => b.span.start - a.span.start)) text = text.slice(0, token.span.start) + text.slice(token.span.end);
  // A word that ended the spec leaves the comma before it behind.
  if (!/,\s*$/.test(entry.spec.text)) text = text.replace(/[,\s]+$/, "");
  return text.trim() === "" ? undefined : text;
}

function fixOf(entry: DiskEntry, words: readonly DiskSpecToken[]): Fix | undefined {
  const text = entry.rewritten ? undefined : withoutWords(entry, words);
  const edit = text === undefined ? undefined : specEdit(entry.spec, { start: 0, end: entry.spec.text.length }, text);
  if (!edit) return undefined;
  const names = [...new Set(words.map((w) => textAt(entry, w.valueSpan ?? w.span)))];
  // `trusted` is the default anyway; dropping `untrusted` loses the hint to the guest.
  return { title: `Remove ${names.map((n) => `\`${n}\``).join(" and ")}`, safety: names.includes("untrusted") ? "unsafe" : "safe", edits: [edit] };
}

/** `trusted`/`untrusted` on a host whose xl reads them as positional fields (Xen before 4.19). */
export const diskTrustedFlag: FileRule = {
  id: "disk-trusted-flag",
  scope: "file",
  severity: "error",
  category: "compatibility",
  fixable: "safe",
  summary: "The disk flag `trusted`/`untrusted` does not exist in xl before Xen 4.19: the word is read as a positional field",
  docs: {
    description: [
      "The `trusted` and `untrusted` disk flags (a hint to the guest about whether to trust the backend)",
      "are documented from Xen 4.17 on, but the disk scanner that 4.17 and 4.18 ship was generated before",
      "the flags were added, so their xl reads the word as a positional field. Depending on where it is",
      "written it becomes the target, the format or the access mode, or one field too many: xl either",
      "refuses the config, or takes a disk with the path `trusted`, which libxl cannot find.",
      "",
      "Remove the word on hosts running Xen 4.18 or older (`trusted` is the default anyway). If the hosts",
      "run 4.19 or later, set `host.xenVersion` in xlint.json and the flag is accepted.",
    ].join("\n"),
    invalid: [
      { config: 'name = "web01"\nkernel = "/boot/vmlinuz"\ndisk = [ "/dev/vg0/web01,raw,xvda,rw,untrusted" ]\n', note: "One positional field too many for xl 4.17." },
    ],
    valid: [
      { config: 'name = "web01"\nkernel = "/boot/vmlinuz"\ndisk = [ "/dev/vg0/web01,raw,xvda,rw,untrusted" ]\n', host: { xenVersion: "4.19" }, note: "Xen 4.19 knows the flag." },
      { config: 'name = "web01"\nkernel = "/boot/vmlinuz"\ndisk = [ "/dev/vg0/web01,raw,xvda,rw" ]\n' },
    ],
  },
  check(context) {
    for (const entry of diskEntries(context)) {
      const words = trustedWords(entry, context.host);
      const token = words[0];
      if (!token?.valueSpan) continue;
      // A refusal that happened before xl reached the word has another cause.
      if (!entry.result.accepted && diskFailure(entry, context.host)?.rule !== "disk-trusted-flag") continue;
      const word = textAt(entry, token.valueSpan);
      const slot = token.slot === "target" || token.slot === "format" || token.slot === "access" || token.slot === "vdev" ? `the ${token.slot}` : "a positional field";
      const outcome = entry.result.accepted
        ? `so this disk gets \`${word}\` as its ${token.slot ?? "field"} and libxl cannot use it`
        : "so xl refuses the config";
      const fix = fixOf(entry, words);
      context.report({
        range: diskRange(context.parse.lines, entry, token.valueSpan),
        message: `\`${word}\` is not a disk flag in xl ${context.host.xenVersion}`,
        help: `Its disk scanner predates the flag (added in Xen 4.19) and reads the word as ${slot}, ${outcome}. Remove it (\`trusted\` is the default), or set \`host.xenVersion\` if the hosts run 4.19 or later.`,
        ...(fix ? { fix } : {}),
      });
    }
  },
};
