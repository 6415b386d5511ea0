/**
 * The client's settings, section `xlint` (workspace/configuration,
 * workspace/didChangeConfiguration, initializationOptions):
 *
 *   { "rules": { "vif-missing-bridge": "off" },      // like --rule RULE=SEVERITY
 *     "host": { "bridges": ["xenbr0"] },             // like --host-bridges, any field of xlint.json's host
 *     "xlConf": "/etc/xen/xl.conf",                  // like --xl-conf
 *     "hostFromSystem": "auto" }                     // like --host-from-system: "off", "auto" (on a dom0) or "on"
 *
 * VS Code sends the section as its settings UI holds it: every contributed
 * setting, defaults included, nested by the dots of its name, so
 * `xlint.host.fromSystem` arrives as `host.fromSystem` and an unset host field
 * as `null`:
 *
 *   { "rules": {}, "host": { "bridges": null, "fromSystem": "auto", "arch": null },
 *     "xlConf": null, "trace": { "server": "off" } }
 *
 * So `host.fromSystem` is another name of `hostFromSystem`, and a `null` host
 * field is "not set", as if absent: VS Code's defaults change nothing. When
 * both names are given, `hostFromSystem` wins: VS Code always sends
 * `host.fromSystem` (its default at least), so only the top-level name can
 * be a deliberate choice over it.
 *
 * The JSON Schema is packages/lsp/settings.schema.json (a test holds the two
 * together). `rules` and `host` are checked by the linter's own xlint.json
 * reader, so a setting means here exactly what it means in xlint.json.
 * Problems are returned, never thrown; whatever is valid still applies.
 */
import { readConfigText, type HostProfile, type SeveritySetting } from "@xlint/linter";

export const SETTINGS_SECTION = "xlint";

export const HOST_FROM_SYSTEM_MODES = ["off", "auto", "on"] as const;
export type HostFromSystem = (typeof HOST_FROM_SYSTEM_MODES)[number];

const TRACE_LEVELS = ["off", "messages", "verbose"];
const KEYS = ["rules", "host", "xlConf", "hostFromSystem", "trace"];

export interface XlintSettings {
  readonly rules: ReadonlyMap<string, SeveritySetting>;
  readonly host: Partial<HostProfile>;
  /** The xl.conf whose vif defaults apply, as given (a relative path is the caller's to resolve). */
  readonly xlConf: string | undefined;
  readonly hostFromSystem: HostFromSystem;
}

export const DEFAULT_SETTINGS: XlintSettings = { rules: new Map(), host: {}, xlConf: undefined, hostFromSystem: "auto" };

export interface ParsedSettings {
  readonly settings: XlintSettings;
  /** One line each, naming the setting (`xlint.rules: unknown rule "x"; …`). */
  readonly problems: readonly string[];
}

/** `section`: the value of the `xlint` section; undefined or null means none was given (the defaults). */
export function parseSettings(section: unknown, knownRules: ReadonlySet<string>): ParsedSettings {
  if (section === undefined || section === null) return { settings: DEFAULT_SETTINGS, problems: [] };
  const problems: string[] = [];
  if (!isObject(section)) {
    problems.push(`xlint: the settings must be an object, like {"rules": {}, "hostFromSystem": "auto"}; got ${describe(section)}`);
    return { settings: DEFAULT_SETTINGS, problems };
  }
  let rules: ReadonlyMap<string, SeveritySetting> = DEFAULT_SETTINGS.rules;
  let host: Partial<HostProfile> = DEFAULT_SETTINGS.host;
  let xlConf: string | undefined;
  let hostFromSystem: HostFromSystem | undefined;
  let hostFromSystemOfHost: HostFromSystem | undefined;
  for (const [key, value] of Object.entries(section)) {
    if (key === "rules") rules = throughConfigReader("rules", value, knownRules, problems).rules;
    else if (key === "host") {
      const { fields, fromSystem } = splitHostSection(value);
      if (fromSystem !== undefined) hostFromSystemOfHost = hostFromSystemMode("xlint.host.fromSystem", fromSystem, problems);
      host = throughConfigReader("host", fields, knownRules, problems).host;
    } else if (key === "xlConf") {
      // null and "" both mean "none" (an editor's cleared text box gives "").
      if (typeof value === "string") xlConf = value.trim() === "" ? undefined : value;
      else if (value !== null) problems.push(`xlint.xlConf must be the path of an xl.conf (or null for none); got ${describe(value)}`);
    } else if (key === "hostFromSystem") {
      hostFromSystem = hostFromSystemMode("xlint.hostFromSystem", value, problems);
    } else if (key === "trace") {
      // The client library's own setting (xlint.trace.server): checked, not used here.
      const ok = isObject(value) && Object.entries(value).every(([k, v]) => k === "server" && TRACE_LEVELS.includes(v as string));
      if (!ok) problems.push(`xlint.trace must be like {"server": "off"}, with "off", "messages" or "verbose"`);
    } else {
      problems.push(`unknown setting "xlint.${key}"; expected one of ${KEYS.map((k) => `xlint.${k}`).join(", ")}`);
    }
  }
  // The top-level name wins over host.fromSystem (see the head of this file).
  return { settings: { rules, host, xlConf, hostFromSystem: hostFromSystem ?? hostFromSystemOfHost ?? DEFAULT_SETTINGS.hostFromSystem }, problems };
}

/** A mode of reading this machine's facts; undefined (with a problem) for anything else. */
function hostFromSystemMode(name: string, value: unknown, problems: string[]): HostFromSystem | undefined {
  if ((HOST_FROM_SYSTEM_MODES as readonly unknown[]).includes(value)) return value as HostFromSystem;
  problems.push(`${name} must be "off", "auto" or "on"; got ${describe(value)}`);
  return undefined;
}

/**
 * The `host` setting without what is not xlint.json's: `fromSystem` (VS
 * Code's `xlint.host.fromSystem`; null is unset) and the fields set to
 * `null` (VS Code's "not set"). Anything but an object goes on as it is, for
 * the config reader to report.
 */
function splitHostSection(value: unknown): { fields: unknown; fromSystem: unknown } {
  if (!isObject(value)) return { fields: value, fromSystem: undefined };
  const fields = Object.fromEntries(Object.entries(value).filter(([k, v]) => k !== "fromSystem" && v !== null));
  return { fields, fromSystem: value["fromSystem"] ?? undefined };
}

/**
 * Two sources of the section, field by field: `over` (what the client's
 * settings say now) wins over `base` (initializationOptions) where it sets a
 * field. Either may be absent.
 */
export function layerSections(base: unknown, over: unknown): unknown {
  if (over === undefined || over === null) return base;
  if (base === undefined || base === null || !isObject(base) || !isObject(over)) return over;
  return { ...base, ...over };
}

/** initializationOptions either is the section itself or holds it under `xlint` (both are common). */
export function sectionOfInitializationOptions(options: unknown): unknown {
  if (isObject(options) && SETTINGS_SECTION in options && Object.keys(options).length === 1) return options[SETTINGS_SECTION];
  return options;
}

/**
 * `rules` and `host` go through the linter's xlint.json reader as a small
 * JSON text: the same checks and messages as in xlint.json, kept in one place.
 * Its line and column point into that text, so they are left out.
 */
function throughConfigReader(key: "rules" | "host", value: unknown, knownRules: ReadonlySet<string>, problems: string[]): { rules: ReadonlyMap<string, SeveritySetting>; host: Partial<HostProfile> } {
  const { config, problems: found } = readConfigText(JSON.stringify({ [key]: value }), knownRules);
  for (const p of found) problems.push(`xlint.${key}: ${p.message}`);
  return config;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
