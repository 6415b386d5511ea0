/**
 * Finds and reads the `xlint.json` files that apply to a linted file: the
 * nearest one in its folder or above, and the ones above that, up to one
 * marked `"root": true` or the filesystem root. Results are cached per folder,
 * so a run over hundreds of files reads each config once.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import {
  CONFIG_FILE_NAMES,
  DEFAULT_HOST,
  hostFolderMatcher,
  ignoreMatcher,
  mergeConfigs,
  readConfigText,
  type HostProfile,
  type GuestOsGlob,
  type PathMatcher,
  type SeveritySetting,
  type StatedGuestOs,
  type XlintConfig,
} from "@xlint/linter";

interface FoundConfig {
  readonly file: string;
  readonly config: XlintConfig;
  readonly ignored: PathMatcher;
  /** The `hosts` folder globs: a folder's path from here to the host folder it lies in. */
  readonly hostFolder: (relativeDir: string) => string | undefined;
}

export interface EffectiveConfig {
  readonly severities: ReadonlyMap<string, SeveritySetting>;
  readonly host: HostProfile;
  /** The config files that apply, farthest first. */
  readonly chain: readonly FoundConfig[];
}

export class ConfigResolver {
  private readonly byDir = new Map<string, readonly FoundConfig[]>();
  private readonly read = new Map<string, FoundConfig | undefined>();
  /** By chain, then by host name ("" for none): files of different host folders may share a chain. */
  private readonly effective = new WeakMap<readonly FoundConfig[], Map<string, EffectiveConfig>>();
  private explicitChain: readonly FoundConfig[] | undefined;
  /** `file:line:col: message` for every problem found in a config file, each once. */
  readonly problems: string[] = [];

  constructor(
    private readonly knownRules: ReadonlySet<string>,
    /** `--config FILE`: used for every file instead of searching. */
    private readonly explicit: string | undefined,
    private readonly overrides: { readonly severities: ReadonlyMap<string, SeveritySetting>; readonly host: Partial<HostProfile> },
  ) {}

  forFile(file: string): EffectiveConfig {
    const dir = path.dirname(path.resolve(file));
    const chain = this.explicit ? (this.explicitChain ??= this.loadList([path.resolve(this.explicit)])) : this.chainFor(dir);
    const hostName = this.overrides.host.name ?? hostNameOf(chain, dir);
    // One object per chain and host: files under the same configs share
    // severities and host, so the linter's per-host caches hit across them.
    let byHost = this.effective.get(chain);
    if (!byHost) this.effective.set(chain, (byHost = new Map()));
    const cached = byHost.get(hostName ?? "");
    if (cached) return cached;
    const merged = mergeConfigs(chain.map((c) => c.config));
    const severities = new Map(merged.rules);
    for (const [id, severity] of this.overrides.severities) severities.set(id, severity);
    const host: HostProfile = { ...DEFAULT_HOST, ...merged.host, ...this.overrides.host, ...(hostName !== undefined ? { name: hostName } : {}) };
    const effective = { severities, host, chain };
    byHost.set(hostName ?? "", effective);
    return effective;
  }

  /** The folder of the xlint.json marked `"root": true` that applies to a file, if any. */
  rootFolderOf(file: string): string | undefined {
    // A config given with --config may live anywhere: its folder says nothing about the repository.
    if (this.explicit) return undefined;
    const first = this.forFile(file).chain[0];
    return first?.config.root ? path.dirname(first.file) : undefined;
  }

  /** Whether a file found while walking a folder is excluded by an `ignore` pattern. */
  isIgnored(file: string): boolean {
    const absolute = path.resolve(file);
    return this.forFile(absolute).chain.some((c) => c.ignored(path.relative(path.dirname(c.file), absolute)));
  }

  /**
   * The guest OS the `guests` entries of xlint.json state for a file: the
   * nearest config with a matching entry decides, and in it the last matching
   * entry. Globs are relative to each config's folder, matched like `ignore`.
   */
  guestOsFor(file: string): StatedGuestOs | undefined {
    const absolute = path.resolve(file);
    const chain = this.forFile(absolute).chain;
    for (let i = chain.length - 1; i >= 0; i--) {
      const found = chain[i] as FoundConfig;
      const guests = found.config.guests;
      if (!guests || guests.length === 0) continue;
      let matchers = this.guestMatchers.get(found.config);
      if (!matchers) this.guestMatchers.set(found.config, (matchers = guests.map((g) => ignoreMatcher(g.files))));
      const relative = path.relative(path.dirname(found.file), absolute);
      for (let j = guests.length - 1; j >= 0; j--) {
        if (!(matchers[j] as PathMatcher)(relative)) continue;
        const entry = guests[j] as GuestOsGlob;
        return { os: entry.os, origin: `${found.file} ("guests": ${JSON.stringify(entry.files)})` };
      }
    }
    return undefined;
  }
  private readonly guestMatchers = new WeakMap<XlintConfig, PathMatcher[]>();

  private chainFor(dir: string): readonly FoundConfig[] {
    const cached = this.byDir.get(dir);
    if (cached) return cached;
    const here = this.configIn(dir);
    const parent = path.dirname(dir);
    let chain: readonly FoundConfig[];
    if (here?.config.root) chain = [here];
    else {
      const above = parent === dir ? [] : this.chainFor(parent);
      chain = here ? [...above, here] : above;
    }
    this.byDir.set(dir, chain);
    return chain;
  }

  private configIn(dir: string): FoundConfig | undefined {
    for (const name of CONFIG_FILE_NAMES) {
      const file = path.join(dir, name);
      if (existsSync(file)) return this.load(file);
    }
    return undefined;
  }

  private loadList(files: readonly string[]): FoundConfig[] {
    return files.map((f) => this.load(f)).filter((c): c is FoundConfig => c !== undefined);
  }

  private load(file: string): FoundConfig | undefined {
    if (this.read.has(file)) return this.read.get(file);
    let found: FoundConfig | undefined;
    try {
      const { config, problems } = readConfigText(readFileSync(file, "utf8"), this.knownRules);
      for (const p of problems) this.problems.push(`${file}:${p.line}:${p.column}: ${p.message}`);
      found = { file, config, ignored: ignoreMatcher(config.ignore), hostFolder: hostFolderMatcher(config.hosts ?? []) };
    } catch (error) {
      const code = (error as { code?: string }).code;
      this.problems.push(`${file}: cannot read the configuration (${code ?? String(error)})`);
    }
    this.read.set(file, found);
    return found;
  }
}

/**
 * A file's host: walking its configs from the farthest, a config's
 * `host.name` names it, and a folder the config declares in `hosts` that the
 * file lies in names it after that folder's path from the config; what is
 * nearer wins, and within one config a declared folder wins over `host.name`.
 */
function hostNameOf(chain: readonly FoundConfig[], dir: string): string | undefined {
  let name: string | undefined;
  for (const found of chain) {
    if (found.config.host.name !== undefined) name = found.config.host.name;
    const folder = found.hostFolder(path.relative(path.dirname(found.file), dir));
    if (folder !== undefined) name = folder;
  }
  return name;
}
