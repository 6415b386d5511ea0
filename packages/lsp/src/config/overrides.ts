/**
 * The client's settings as the CLI's flags: what ConfigResolver applies over
 * every xlint.json. The order is the CLI's (lint-command.ts `prepareRun`):
 *
 *   this machine's facts (--host-from-system)
 *   < the dom0's own xl.conf, unless `xlConf` names one
 *   < `xlConf` (--xl-conf)
 *   < `host` (--host-bridges, and here every other host field)
 *
 * and `rules` as --rule. Where the CLI stops with an error (an xl.conf it
 * cannot read or parse), the server says so in one line and goes on without it.
 */
import path from "node:path";
import type { HostProfile, SeveritySetting } from "@xlint/linter";
import type { SystemHost } from "@xlint/files";
import type { XlintSettings } from "./settings";

export interface ConfigOverrides {
  readonly severities: ReadonlyMap<string, SeveritySetting>;
  readonly host: Partial<HostProfile>;
}

export interface ComposedOverrides {
  readonly overrides: ConfigOverrides;
  /** What was read (an xl.conf and its defaults), one line each, for the log. */
  readonly notes: readonly string[];
  /** What could not be used, one line each. */
  readonly problems: readonly string[];
}

export interface OverrideSources {
  readonly settings: XlintSettings;
  readonly system: SystemHost | undefined;
  /** Where a relative `xlConf` is found: the first workspace folder. */
  readonly baseFolder: string | undefined;
  /** @xlint/files' readXlConf: the vif defaults, or a one-line error. */
  readonly readXlConf: (file: string) => Partial<HostProfile> | string;
}

export function composeOverrides(sources: OverrideSources): ComposedOverrides {
  const { settings, system } = sources;
  const notes: string[] = [];
  const problems: string[] = [];
  let host: Partial<HostProfile> = {};
  const addXlConf = (file: string, origin: string): void => {
    const read = sources.readXlConf(file);
    if (typeof read === "string") {
      problems.push(`xlint: ${origin}: ${read}; its vif defaults are not used`);
      return;
    }
    host = { ...host, ...read };
    const found = Object.entries(read).map(([k, v]) => `${k} ${String(v)}`);
    notes.push(`xlint: ${origin} ${file}: ${found.length > 0 ? found.join(", ") : "no vif defaults (xl's own apply)"}`);
  };
  if (system !== undefined) {
    host = { ...host, ...system.host };
    if (system.xlConf !== undefined && settings.xlConf === undefined) addXlConf(system.xlConf, "the dom0's xl.conf");
  }
  if (settings.xlConf !== undefined) {
    const file = resolveXlConf(settings.xlConf, sources.baseFolder);
    if (file === undefined) problems.push(`xlint: xlint.xlConf ${settings.xlConf} is relative, and there is no workspace folder to find it in; its vif defaults are not used`);
    else addXlConf(file, "xlint.xlConf");
  }
  host = { ...host, ...settings.host };
  return { overrides: { severities: settings.rules, host }, notes, problems };
}

function resolveXlConf(given: string, baseFolder: string | undefined): string | undefined {
  if (path.isAbsolute(given)) return given;
  return baseFolder === undefined ? undefined : path.resolve(baseFolder, given);
}
