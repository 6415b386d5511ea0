/**
 * The unknown-key check shared by xl.conf and cpupool files: neither xl
 * reader complains about keys it does not look up, so a typo silently
 * leaves the default in place. Keys of the other kinds of file are named
 * as such, since "did you mean" would mislead there.
 */
import type { Assignment } from "@xlint/parser";
import { optionByKey, xlConfOptionByKey } from "../../catalog";
import { closestKeys } from "../../catalog/suggest";
import type { FileContext, Fix } from "../../engine/types";
import { replaceRange } from "../util/edits";
import { validAssignments } from "../util/keys";
import { CPUPOOL_KEYS } from "../../catalog/cpupool-options";

export interface KeyOwner {
  /** Keys this kind of file has. */
  readonly keys: readonly string[];
  /** "xl.conf" or "a cpupool file", for messages. */
  readonly fileName: string;
  /** What reads the file: "xl" or "`xl cpupool-create`". */
  readonly reader: string;
  /** The manual page that lists the keys, for keys too far from any to suggest one. */
  readonly manual: string;
}

/** Where a key that this file does not have belongs instead, as a sentence; undefined for a key no file has. */
function belongsElsewhere(key: string, owner: KeyOwner): string | undefined {
  if (optionByKey(key)?.status === "xl") return `\`${key}\` is a setting of a domain config, not of ${owner.fileName}; set it in each guest's config.`;
  if (optionByKey(key)) return `\`${key}\` is a key of the old xm domain configs, not of ${owner.fileName}.`;
  if (xlConfOptionByKey(key)) return `\`${key}\` is a host-wide setting; it belongs in /etc/xen/xl.conf.`;
  if (CPUPOOL_KEYS.has(key)) return `\`${key}\` is a key of cpupool files (\`xl cpupool-create\`), not of ${owner.fileName}.`;
  return undefined;
}

/**
 * Renaming the key to the only candidate, unless that key is set already (then the rename would
 * change which value wins). Unsafe, like every did-you-mean: the renamed setting starts to count.
 */
function renameFix(context: FileContext, assignment: Assignment, candidates: readonly string[]): Fix | undefined {
  const [best] = candidates;
  if (candidates.length !== 1 || best === undefined || context.setting(best)) return undefined;
  return { title: `Replace \`${assignment.key.name}\` with \`${best}\``, safety: "unsafe", edits: [replaceRange(assignment.key.range, best)] };
}

/** Reports every key of the file that `owner` does not have, except those `skip` accepts. */
export function reportUnknownKeys(context: FileContext, owner: KeyOwner, skip: (key: string) => boolean = () => false): void {
  const known = new Set(owner.keys);
  for (const assignment of validAssignments(context)) {
    const key = assignment.key.name;
    if (known.has(key) || skip(key)) continue;
    const message = `\`${key}\` is not a key ${owner.reader} reads from ${owner.fileName}`;
    const ignored = "This line is silently ignored.";
    const elsewhere = belongsElsewhere(key, owner);
    if (elsewhere) {
      context.report({ range: assignment.key.range, message, help: `${ignored} ${elsewhere}` });
      continue;
    }
    const candidates = closestKeys(key, owner.keys, 3);
    const hint =
      candidates.length === 0
        ? owner.keys.length <= 6
          ? `It reads only ${listKeys(owner.keys)}.`
          : `Check the spelling against ${owner.manual}; if another tool reads this key, silence this finding with a comment.`
        : `Did you mean ${candidates.map((c) => `\`${c}\``).join(" or ")}?`;
    const fix = renameFix(context, assignment, candidates);
    context.report({ range: assignment.key.range, message, help: `${ignored} ${hint}`, ...(fix ? { fix } : {}) });
  }
}

/** "`a`, `b` and `c`". */
function listKeys(keys: readonly string[]): string {
  const quoted = keys.map((k) => `\`${k}\``);
  return quoted.length <= 1 ? (quoted[0] ?? "no keys") : `${quoted.slice(0, -1).join(", ")} and ${quoted[quoted.length - 1]}`;
}
