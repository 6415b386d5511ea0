/**
 * The words of the disk spec problems: what is wrong, what xl does about it,
 * and what to write instead. Kept apart from the parser so that the parsing
 * code stays a plain mirror of libxlu.
 */
import { decodeVdev } from "./vdev";

export const DISK_FORMATS = ["raw", "qcow", "qcow2", "vhd", "qed", "empty"] as const;
export const DISK_BACKEND_TYPES = ["phy", "tap", "qdisk", "standalone"] as const;
export const DISK_SPECIFICATIONS = ["xen", "virtio"] as const;

/** Every parameter and flag word the 4.17 scanner knows. */
export const DISK_KEYS = [
  "target", "format", "vdev", "access", "devtype", "backend", "backendtype", "specification", "script",
  "colo-host", "colo-port", "colo-export", "active-disk", "hidden-disk",
] as const;
export const DISK_FLAGS = ["cdrom", "direct-io-safe", "discard", "no-discard", "colo", "no-colo"] as const;

/** Every code parseDiskSpec can give (`internal-error` aside), for catalogs and tests. */
export const DISK_PROBLEM_CODES = [
  "bad-syntax", "scanner-jammed", "unknown-parameter", "unknown-prefix", "unknown-format", "unknown-access",
  "unknown-devtype", "unknown-backendtype", "unknown-specification", "bad-colo-port", "unknown-deprecated-type",
  "respecified", "too-many-positionals", "no-vdev", "no-target",
] as const;

const REFUSED = "xl refuses the whole config";

function looksLikeVdev(value: string): boolean {
  return /^(xvd|hd|sd)[a-z]/.test(value) || (/^d[0-9]+p[0-9]+$/.test(value) && decodeVdev(value).valid);
}

/** `trusted`/`untrusted` read as positionals: Debian's 4.17 scanner lacks their rules. */
function trustedNote(value: string): string | undefined {
  if (value !== "trusted" && value !== "untrusted") return undefined;
  return `the \`${value}\` flag does not exist in this xl: Debian's Xen 4.17 ships a disk scanner generated before the flag was added (it works from Xen 4.19), so the word is read as a positional field; remove it`;
}

/** `targetWord`: what xl took as the target, when the format slot is the problem (`trusted,/img,…`). */
export function unknownFormatMessage(
  value: string,
  origin: "parameter" | "positional" | "prefix",
  fix: { rewritten: string; withPrefix: string } | undefined,
  targetWord?: string,
): string {
  if (origin === "positional" && looksLikeVdev(value)) {
    const alternatives = fix ? `: write \`${fix.rewritten}\`, or keep the xm layout with a prefix, \`${fix.withPrefix}\`` : "";
    return `\`${value}\` is in the format slot: without a prefix such as \`phy:\` or \`file:\`, xl reads the second positional field as the disk format (target, format, vdev, access), so ${REFUSED}${alternatives}`;
  }
  if (origin === "positional") {
    const trusted = trustedNote(value) ?? (targetWord === undefined ? undefined : trustedNote(targetWord));
    if (trusted) return `${trusted}; ${REFUSED}`;
    return `\`${value}\` is not a disk format: xl reads the second positional field as the format (${DISK_FORMATS.join(", ")}; empty means raw), so ${REFUSED}`;
  }
  return `\`${value}\` is not a disk format xl knows, so ${REFUSED}; use one of ${DISK_FORMATS.join(", ")}`;
}

export function unknownAccessMessage(value: string): string {
  if (value === "w!" || value === "!w" || value === "rw!") {
    return `\`${value}\` is xm's shared-writable mode, which xl does not have, so ${REFUSED}; write \`w\` (and make sure no other guest writes to the same disk)`;
  }
  const trusted = trustedNote(value);
  if (trusted) return `${trusted}; ${REFUSED}`;
  return `\`${value}\` is not an access mode, so ${REFUSED}; use \`r\` or \`ro\` for read-only, \`w\` or \`rw\` for read-write`;
}

export function tooManyPositionalsMessage(value: string): string {
  const trusted = trustedNote(value);
  if (trusted) return `${trusted}; ${REFUSED}`;
  return `\`${value}\` is one positional field too many: xl fills only target, format, vdev and access, in that order, so ${REFUSED}; remove it or write it as \`key=value\``;
}

const XL_FIELD_WORDS: Readonly<Record<string, string>> = {
  "target": "the target",
  "vdev": "the vdev",
  "format": "the format",
  "backend": "the backend",
  "script": "the script",
  "specification": "the specification",
  "colo-host": "colo-host",
  "colo-export": "colo-export",
  "active-disk": "active-disk",
  "hidden-disk": "hidden-disk",
};

export function respecifiedMessage(what: string, value: string, previous: string | undefined): string {
  const field = XL_FIELD_WORDS[what] ?? what;
  const before = previous === undefined ? "" : ` (already \`${previous}\`)`;
  const tip =
    what === "target"
      ? "; `target=` must be the only target and come last"
      : what === "format"
        ? "; a prefix such as `raw:` or `qcow2:` also sets the format"
        : what === "script"
          ? "; the prefixes `iscsi:`, `nbd:`, `enbd:` and `drbd:` also set the script"
          : what === "backend"
            ? "; `backendtype=` and `backend=` count as the same setting for this check"
            : "";
  return `${field} is given twice${before}, the second time as \`${value}\`, so ${REFUSED}; keep one${tip}`;
}

const KEY_HINTS: Readonly<Record<string, string>> = {
  type: "devtype",
  mode: "access",
  dev: "vdev",
  device: "vdev",
  path: "target",
  file: "target",
  "backend-type": "backendtype",
  driver: "backendtype",
};

export function unknownParameterMessage(token: string): string {
  const key = token.slice(0, token.indexOf("="));
  const hint = KEY_HINTS[key];
  const suggestion = hint ? `; did you mean \`${hint}=\`?` : `; the parameters are ${DISK_KEYS.join(", ")}`;
  return `\`${key}=\` is not a disk parameter xl knows, so ${REFUSED}${suggestion}`;
}

export function unknownPrefixMessage(prefix: string): string {
  const name = prefix.replace(/:$/, "");
  if (name === "qed") return `\`qed:\` is not a prefix xl knows, so ${REFUSED}; write \`format=qed\``;
  return `\`${prefix}\` looks like an xm-style prefix, but xl knows only raw:, qcow:, qcow2:, vhd:, iscsi:, nbd:, enbd:, drbd:, tapdisk:, tap:, tap2:, aio:, ioemu:, file: and phy:, so ${REFUSED}; if the colon belongs to the path, write the path as \`target=...\` at the end of the spec`;
}

export function badSyntaxMessage(near: string, before: string | undefined): string {
  const name = before?.trim();
  if (name !== undefined && name !== "") {
    if (name === "grant_usage") return `\`grant_usage=\` needs Xen 4.19 or later; this xl reads \`${name}\` as a positional field and then stops at \`=\`, so ${REFUSED}`;
    const lower = name.toLowerCase();
    if (lower !== name && ([...DISK_KEYS, "devtype"] as readonly string[]).includes(lower)) {
      return `disk parameter names are lowercase: xl reads \`${name}\` as a positional field and then cannot read \`${near}\`, so ${REFUSED}; write \`${lower}=\``;
    }
    return `\`${name}=\` is not a parameter xl can read (names are lowercase letters, digits and \`-\`): xl reads \`${name}\` as a positional field and stops at \`=\`, so ${REFUSED}`;
  }
  return `a field cannot start with \`=\`: xl stops reading the disk at \`${near}\`, so ${REFUSED}`;
}

export function scannerJammedMessage(): string {
  return "an `=` right before a line break makes xl's disk scanner abort (\"flex scanner jammed\"); xl exits at once. Remove the `=` or the line break";
}

export function unknownDevtypeMessage(token: string): string {
  return `\`${token.replace(/,$/, "")}\` is not a device type, so ${REFUSED}; use \`devtype=cdrom\` for a CD-ROM, \`devtype=disk\` (or nothing) for a disk`;
}

export function unknownDeprecatedTypeMessage(type: string): string {
  return `\`:${type}\` after the vdev is not a device type, so ${REFUSED}; only \`:cdrom\` and \`:disk\` are accepted there (better: \`devtype=cdrom\`)`;
}

export function unknownBackendTypeMessage(value: string): string {
  return `\`${value}\` is not a backend type, so ${REFUSED}; use ${DISK_BACKEND_TYPES.join(", ")} (or leave it out and let libxl choose)`;
}

export function unknownSpecificationMessage(value: string): string {
  return `\`${value}\` is not a disk specification, so ${REFUSED}; use \`xen\` (the default) or \`virtio\``;
}

export function badColoPortMessage(value: string): string {
  return `\`${value}\` is not a usable colo-port (xl needs a non-zero number), so ${REFUSED}`;
}

export function noVdevMessage(targetSwallowed: boolean): string {
  if (targetSwallowed) {
    return `the disk has no vdev: \`target=\` takes the rest of the spec, commas included, so the fields after it became part of the path; ${REFUSED}. Put \`target=\` last`;
  }
  return `the disk has no vdev (the name the guest sees, such as \`xvda\`), so ${REFUSED}; add it as the third positional field (\`/path,raw,xvda,rw\`) or as \`vdev=xvda\``;
}

export function noTargetMessage(): string {
  return `the disk has no target (the image or device to use) and is not a removable CD-ROM, so ${REFUSED}; give the path, or mark an empty drive with \`devtype=cdrom\``;
}
