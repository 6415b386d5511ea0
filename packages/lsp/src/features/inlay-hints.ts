/**
 * Inlay hints: what xl makes of a few values that are hard to read as
 * written. After a disk's vdev, the device it decodes to as libxl decodes it
 * (`0x301` → hda1, `xvda` → device number 51712); after `memory` and `maxmem`,
 * the size in GiB (xl reads MiB, `0x` and leading-0 octal included); and when
 * `type` is absent, the guest type xl builds (from `builder`, else xl's
 * default), after `builder`'s value or else after the `name` assignment.
 */
import { InlayHintKind, type InlayHint, type Range as LspRange } from "vscode-languageserver";
import { decodeVdev, readMemoryMiB, xlNumberOptionsFor } from "@xlint/parser";
import { assignmentsOf, type DocumentAnalysis } from "./document-analysis";
import { diskItemsOf, specRange } from "./device-items";
import { editorPosition } from "./editor-positions";
import { comparePositions } from "./ranges";

const MEMORY_KEYS: ReadonlySet<string> = new Set(["memory", "maxmem"]);

/** The hints inside `range` (every hint when it is undefined). */
export function inlayHints(analysis: DocumentAnalysis, range?: LspRange): InlayHint[] {
  if (analysis.kind !== "domain") return [];
  const hints = [...vdevHints(analysis), ...memoryHints(analysis), ...guestTypeHints(analysis)];
  const inRange = range === undefined ? hints : hints.filter((h) => comparePositions(range.start, h.position) <= 0 && comparePositions(h.position, range.end) <= 0);
  return inRange.sort((a, b) => comparePositions(a.position, b.position));
}


function vdevHints(analysis: DocumentAnalysis): InlayHint[] {
  const hints: InlayHint[] = [];
  for (const item of diskItemsOf(analysis)) {
    const field = item.disk.fields.vdev;
    const name = item.disk.disk.vdev;
    if (field === undefined || name === undefined) continue;
    const info = decodeVdev(name);
    if (!info.valid) continue;
    const label = info.kind === "numeric" ? (info.number?.linuxName ?? info.canonicalName) : String(info.deviceNumber);
    if (label === undefined || label === name) continue;
    const hint: InlayHint = { position: editorPosition(analysis, specRange(analysis, item.spec, field.span).end.offset), label: `→ ${label}`, paddingLeft: true };
    if (info.number !== undefined) hint.tooltip = info.number.meaning;
    hints.push(hint);
  }
  return hints;
}

function memoryHints(analysis: DocumentAnalysis): InlayHint[] {
  const hints: InlayHint[] = [];
  for (const assignment of assignmentsOf(analysis)) {
    const key = assignment.key.name;
    const value = assignment.value;
    if (!MEMORY_KEYS.has(key) || (value?.kind !== "number" && value?.kind !== "string")) continue;
    const text = value.kind === "number" ? value.raw : value.value;
    const size = readMemoryMiB(text, xlNumberOptionsFor(key, assignment.operator));
    if (size.mib === undefined || size.mib < 0n) continue;
    hints.push({ position: editorPosition(analysis, value.range.end.offset), label: `${gib(size.mib)} GiB`, kind: InlayHintKind.Type, paddingLeft: true, tooltip: `${size.mib} MiB` });
  }
  return hints;
}

/** MiB as GiB with at most two decimals (512 → 0.5, 1000 → 0.98). */
export function gib(mib: bigint): string {
  const hundredths = (mib * 100n + 512n) / 1024n;
  const whole = hundredths / 100n;
  const fraction = (hundredths % 100n).toString().padStart(2, "0").replace(/0+$/, "");
  return fraction === "" ? `${whole}` : `${whole}.${fraction}`;
}

function guestTypeHints(analysis: DocumentAnalysis): InlayHint[] {
  const { guest } = analysis;
  if (guest.source === "type" || guest.type === undefined) return [];
  if (guest.source === "builder" && guest.range !== undefined) {
    return [{ position: editorPosition(analysis, guest.range.end.offset), label: `type = "${guest.type}"`, paddingLeft: true, tooltip: `xl builds a ${guest.type.toUpperCase()} guest from \`builder\`` }];
  }
  const assignments = assignmentsOf(analysis);
  const anchor = assignments.find((a) => a.key.name === "name") ?? assignments[0];
  if (anchor === undefined) return [];
  return [{ position: editorPosition(analysis, anchor.range.end.offset), label: `type = "${guest.type}"`, paddingLeft: true, tooltip: `No \`type\`: xl builds a ${guest.type.toUpperCase()} guest by default` }];
}
