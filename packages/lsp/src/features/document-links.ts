/**
 * Document links: the files a guest boots from (`kernel`, `ramdisk`,
 * `bootloader`) and its file-backed disk targets, as `file:` URIs, so an
 * editor opens them on a click. Only absolute paths link (xl reads a relative
 * path against the directory `xl` runs in, which the editor cannot know), and
 * only disks whose target is a file: devices under /dev and targets handed to
 * a hotplug script (`script=`, `iscsi:`, `drbd:`) are not files to open.
 * The features touch neither the file system nor Node's modules, so the
 * path becomes a URI here: each segment percent-encoded, which decodes back
 * to the same path.
 */
import type { DocumentLink } from "vscode-languageserver";
import type { Range } from "@xlint/parser";
import type { DocumentAnalysis } from "./document-analysis";
import { diskItemsOf, specOfAtom, specRange } from "./device-items";
import { editorRange } from "./editor-positions";

const PATH_KEYS = ["kernel", "ramdisk", "bootloader"] as const;

export function documentLinks(analysis: DocumentAnalysis): DocumentLink[] {
  if (analysis.kind !== "domain") return [];
  const links: DocumentLink[] = [];
  const add = (path: string, range: Range, what: string): void => {
    if (!isAbsolutePath(path)) return;
    links.push({ range: editorRange(analysis, range), target: fileUriOf(path), tooltip: `Open ${path} (${what})` });
  };
  for (const key of PATH_KEYS) {
    // Every assignment, not only the one xl keeps: each written path is a link.
    for (const assignment of analysis.evaluation.settings.get(key)?.assignments ?? []) {
      const value = assignment.value;
      if (value?.kind !== "string") continue;
      const spec = specOfAtom(value);
      add(value.value, specRange(analysis, spec, { start: 0, end: spec.text.length }), key);
    }
  }
  for (const item of diskItemsOf(analysis)) {
    const target = item.disk.fields.target;
    const path = item.disk.disk.target;
    if (target === undefined || path === undefined || item.disk.disk.script !== undefined || path.startsWith("/dev/")) continue;
    add(path, specRange(analysis, item.spec, target.span), `disk ${item.index + 1}`);
  }
  return links;
}

function isAbsolutePath(path: string): boolean {
  return path.startsWith("/") && !path.includes("\0");
}

/**
 * `file://` and the path with each segment percent-encoded (non-ASCII as
 * UTF-8 bytes, and `%`, `?`, `#`, blanks and the like, which would end or
 * change a URI's path); `/` separates segments.
 */
export function fileUriOf(path: string): string {
  return `file://${path
    .split("/")
    .map((segment) => encodeURIComponent(segment))
    .join("/")}`;
}
