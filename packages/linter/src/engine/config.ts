/**
 * The xlint configuration file: `xlint.json` or `.xlint.json` (JSON with
 * comments and trailing commas), found upward from each linted file. This
 * module only reads and checks its text; finding the files is the caller's
 * job (the linter does no I/O). The JSON Schema is in ../../schema.
 *
 *   {
 *     "root": true,                              // stop looking further up
 *     "rules": { "unknown-key": "error", "vif-missing-bridge": "off" },
 *     "ignore": ["legacy/**", "*.xm"],           // relative to this file's folder
 *     "hosts": ["dom0s/*"],                      // folders that are hosts (see engine/host-scope.ts)
 *     "host": { "bridges": ["xenbr0", "br-dmz"], "defaultBridge": "xenbr0", "arch": "x86",
 *               "cpus": 16, "numaNodes": 2, "cpupools": ["Pool-0"], "extraKeys": ["dt_passthrough_nodes"] }
 *   }
 */
import { parseTree, printParseErrorCode, type Node, type ParseError } from "jsonc-parser";
import { LineIndex } from "@xlint/parser";
import { GUEST_OSES, type GuestOs } from "./guest-os";
import type { HostProfile } from "./host";
import type { SeveritySetting } from "./types";

export const CONFIG_FILE_NAMES = ["xlint.json", ".xlint.json"] as const;

export interface XlintConfig {
  readonly root: boolean;
  readonly rules: ReadonlyMap<string, SeveritySetting>;
  readonly ignore: readonly string[];
  readonly host: Partial<HostProfile>;
  /**
   * Folder globs, relative to this file's folder, each matching folder being
   * one host named after its path from here (`"hosts": ["dom0s/*"]`): the
   * files under `dom0s/alpha` get `host.name` "dom0s/alpha". Absent: none.
   */
  readonly hosts?: readonly string[];
  /**
   * The guest OS of the configs some globs match (relative to this file's
   * folder, matched like `ignore`): `[{ "files": ["netbsd/**"], "os": "netbsd" }]`.
   * A later entry wins over an earlier one; a nearer xlint.json over a farther one.
   */
  readonly guests?: readonly GuestOsGlob[];
}

export interface GuestOsGlob {
  readonly files: readonly string[];
  readonly os: GuestOs;
}

export interface ConfigProblem {
  readonly message: string;
  /** 1-based, as printed. */
  readonly line: number;
  readonly column: number;
}

export interface ConfigReadResult {
  readonly config: XlintConfig;
  readonly problems: readonly ConfigProblem[];
}

const SEVERITIES: readonly SeveritySetting[] = ["off", "info", "warning", "error"];
const TOP_LEVEL = ["$schema", "root", "rules", "ignore", "host", "hosts", "guests"];
const HOST_KEYS = ["bridges", "defaultBridge", "defaultVifScript", "arch", "xenVersion", "cpus", "numaNodes", "cpupools", "name", "network", "os", "vndDevices", "extraKeys"];

/** More CPUs or nodes than any Xen build supports is a typo, not a host. */
const MAX_HOST_COUNT = 65536;

export const EMPTY_CONFIG: XlintConfig = { root: false, rules: new Map(), ignore: [], host: {} };

/**
 * Reads a config file's text. `knownRules` lets it reject a misspelled rule
 * id instead of silently ignoring it. Problems are returned, never thrown;
 * whatever is valid is still used.
 */
export function readConfigText(text: string, knownRules: ReadonlySet<string>): ConfigReadResult {
  const lines = new LineIndex(text);
  const problems: ConfigProblem[] = [];
  const at = (offset: number, message: string): void => {
    const p = lines.position(offset);
    problems.push({ message, line: p.line + 1, column: p.column + 1 });
  };
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  for (const e of errors) at(e.offset, `invalid JSON: ${describeJsonError(printParseErrorCode(e.error))}`);
  if (!tree) return { config: EMPTY_CONFIG, problems };
  if (tree.type !== "object") {
    at(tree.offset, "the configuration must be a JSON object, like {\"rules\": {}}");
    return { config: EMPTY_CONFIG, problems };
  }

  let root = false;
  const rules = new Map<string, SeveritySetting>();
  const ignore: string[] = [];
  let hosts: string[] | undefined;
  let guests: GuestOsGlob[] | undefined;
  const host: { -readonly [K in keyof HostProfile]?: HostProfile[K] } = {};

  for (const [key, keyNode, value] of properties(tree)) {
    if (!TOP_LEVEL.includes(key)) {
      at(keyNode.offset, `unknown setting "${key}"; expected one of ${TOP_LEVEL.filter((k) => k !== "$schema").join(", ")}`);
      continue;
    }
    if (key === "root") {
      if (value.type === "boolean") root = value.value as boolean;
      else at(value.offset, '"root" must be true or false');
    } else if (key === "rules") {
      if (value.type !== "object") {
        at(value.offset, '"rules" must be an object mapping rule ids to "off", "info", "warning" or "error"');
        continue;
      }
      for (const [id, idNode, severity] of properties(value)) {
        if (!knownRules.has(id)) {
          at(idNode.offset, `unknown rule "${id}"; \`xlint rules\` lists them`);
          continue;
        }
        if (severity.type === "string" && SEVERITIES.includes(severity.value as SeveritySetting)) {
          rules.set(id, severity.value as SeveritySetting);
        } else {
          at(severity.offset, `the severity of "${id}" must be "off", "info", "warning" or "error"`);
        }
      }
    } else if (key === "ignore") {
      const globs = stringArray(value);
      if (globs) ignore.push(...globs);
      else at(value.offset, '"ignore" must be a list of glob patterns, like ["legacy/**"]');
    } else if (key === "host") {
      readHost(value, host, at);
    } else if (key === "guests") {
      guests = readGuests(value, at);
    } else if (key === "hosts") {
      const globs = stringArray(value);
      if (globs && globs.every((g) => g.trim() !== "" && !g.startsWith("/") && !g.split("/").includes(".."))) hosts = globs;
      else at(value.offset, '"hosts" must be a list of folder globs below this file\'s folder, like ["dom0s/*"]');
    }
  }
  return { config: { root, rules, ignore, host, ...(hosts ? { hosts } : {}), ...(guests ? { guests } : {}) }, problems };
}

const GUESTS_SHAPE = '"guests" must be a list like [{"files": ["netbsd/**"], "os": "netbsd"}]';

/** `"guests"`: each entry's globs and OS; a bad entry is reported and left out, the others still apply. */
function readGuests(node: Node, at: (offset: number, message: string) => void): GuestOsGlob[] {
  const out: GuestOsGlob[] = [];
  if (node.type !== "array") {
    at(node.offset, GUESTS_SHAPE);
    return out;
  }
  for (const entry of node.children ?? []) {
    if (entry.type !== "object") {
      at(entry.offset, GUESTS_SHAPE);
      continue;
    }
    let files: string[] | undefined;
    let os: GuestOs | undefined;
    let ok = true;
    for (const [key, keyNode, value] of properties(entry)) {
      if (key === "files") {
        const globs = stringArray(value);
        if (globs && globs.length > 0 && globs.every((g) => g.trim() !== "")) files = globs;
        else {
          at(value.offset, '"files" must be a non-empty list of glob patterns relative to this file\'s folder, like ["netbsd/**"]');
          ok = false;
        }
      } else if (key === "os") {
        if (value.type === "string" && (GUEST_OSES as readonly string[]).includes(value.value as string)) os = value.value as GuestOs;
        else {
          at(value.offset, `"os" must be one of ${GUEST_OSES.map((o) => `"${o}"`).join(", ")}`);
          ok = false;
        }
      } else {
        at(keyNode.offset, `unknown setting "${key}" in a "guests" entry; expected "files" and "os"`);
      }
    }
    if (!ok) continue;
    if (!files || !os) {
      at(entry.offset, `a "guests" entry needs both "files" and "os", like {"files": ["netbsd/**"], "os": "netbsd"}`);
      continue;
    }
    out.push({ files, os });
  }
  return out;
}

function readHost(
  node: Node,
  host: { -readonly [K in keyof HostProfile]?: HostProfile[K] },
  at: (offset: number, message: string) => void,
): void {
  if (node.type !== "object") {
    at(node.offset, '"host" must be an object, like {"bridges": ["xenbr0"]}');
    return;
  }
  for (const [key, keyNode, value] of properties(node)) {
    if (!HOST_KEYS.includes(key)) {
      at(keyNode.offset, `unknown host setting "${key}"; expected one of ${HOST_KEYS.join(", ")}`);
    } else if (key === "bridges") {
      const bridges = stringArray(value);
      if (bridges) host.bridges = bridges;
      else at(value.offset, '"bridges" must be a list of bridge names, like ["xenbr0"]');
    } else if (key === "cpupools") {
      const pools = stringArray(value);
      if (pools && pools.every((p) => p !== "")) host.cpupools = pools;
      else at(value.offset, '"cpupools" must be a list of pool names, like ["Pool-0"]');
    } else if (key === "cpus" || key === "numaNodes") {
      const n = value.type === "number" ? (value.value as number) : NaN;
      if (Number.isSafeInteger(n) && n >= 1 && n <= MAX_HOST_COUNT) host[key] = n;
      else at(value.offset, `"${key}" must be a whole number from 1 to ${MAX_HOST_COUNT}, as \`xl info\` reports it`);
    } else if (key === "arch") {
      if (value.type === "string" && (value.value === "x86" || value.value === "arm")) host.arch = value.value;
      else at(value.offset, '"arch" must be "x86" or "arm"');
    } else if (key === "name" || key === "network") {
      if (value.type === "string" && (value.value as string).trim() !== "") host[key] = value.value as string;
      else at(value.offset, `"${key}" must be a non-empty string`);
    } else if (key === "os") {
      if (value.type === "string" && (value.value === "linux" || value.value === "netbsd" || value.value === "freebsd")) host.os = value.value;
      else at(value.offset, '"os" must be "linux", "netbsd" or "freebsd"');
    } else if (key === "vndDevices") {
      const n = value.type === "number" ? (value.value as number) : NaN;
      if (Number.isSafeInteger(n) && n >= 0 && n <= MAX_HOST_COUNT) host.vndDevices = n;
      else at(value.offset, `"vndDevices" must be a whole number from 0 to ${MAX_HOST_COUNT}: how many /dev/vndN devices the NetBSD dom0 has`);
    } else if (key === "extraKeys") {
      // Keys as libxlu's lexer reads them: anything else could never be a key of a config file.
      const keys = stringArray(value);
      if (keys && keys.every((k) => /^[a-z][._0-9a-z]*$/.test(k))) host.extraKeys = keys;
      else at(value.offset, '"extraKeys" must be a list of keys a patched xl reads (lower case, digits, `_` and `.`), like ["dt_passthrough_nodes"]');
    } else if (key === "xenVersion") {
      if (value.type === "string" && /^4\.\d+$/.test(value.value as string)) host.xenVersion = value.value as string;
      else at(value.offset, '"xenVersion" must be a Xen release like "4.17"');
    } else if (value.type === "string") {
      if (key === "defaultBridge") host.defaultBridge = value.value as string;
      else host.defaultVifScript = value.value as string;
    } else {
      at(value.offset, `"${key}" must be a string`);
    }
  }
}

function* properties(node: Node): Generator<[string, Node, Node]> {
  for (const property of node.children ?? []) {
    const [keyNode, valueNode] = property.children ?? [];
    if (keyNode && valueNode && typeof keyNode.value === "string") yield [keyNode.value, keyNode, valueNode];
  }
}

function stringArray(node: Node): string[] | undefined {
  if (node.type !== "array") return undefined;
  const items = node.children ?? [];
  if (!items.every((item) => item.type === "string")) return undefined;
  return items.map((item) => item.value as string);
}

function describeJsonError(code: string): string {
  // jsonc-parser's codes are identifiers (`CloseBraceExpected`); make them read as words.
  return code.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
}

/**
 * Combines the configs found from the filesystem root down to the file's
 * folder: nearer files override farther ones rule by rule and host setting
 * by host setting. Ignore patterns stay with their own folder, so they are
 * not merged here.
 */
export function mergeConfigs(farthestFirst: readonly XlintConfig[]): XlintConfig {
  const rules = new Map<string, SeveritySetting>();
  let host: Partial<HostProfile> = {};
  for (const config of farthestFirst) {
    for (const [id, severity] of config.rules) rules.set(id, severity);
    host = { ...host, ...config.host };
  }
  return { root: farthestFirst.some((c) => c.root), rules, ignore: [], host };
}
