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
  ignoreMatcher,
  mergeConfigs,
  readConfigText,
  type HostProfile,
  type PathMatcher,
  type SeveritySetting,
  type XlintConfig,
} from "@xlint/linter";

interface FoundConfig {
  readonly file: string;
  readonly config: XlintConfig;
  readonly ignored: PathMatcher;
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
  private readonly effective = new WeakMap<readonly FoundConfig[], EffectiveConfig>();
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
    const chain = this.explicit ? (this.explicitChain ??= this.loadList([path.resolve(this.explicit)])) : this.chainFor(path.dirname(path.resolve(file)));
    // One object per chain: files under the same configs share severities and
    // host, so the linter's per-host caches hit across them.
    const cached = this.effective.get(chain);
    if (cached) return cached;
    const merged = mergeConfigs(chain.map((c) => c.config));
    const severities = new Map(merged.rules);
    for (const [id, severity] of this.overrides.severities) severities.set(id, severity);
    const host: HostProfile = { ...DEFAULT_HOST, ...merged.host, ...this.overrides.host };
    const effective = { severities, host, chain };
    this.effective.set(chain, effective);
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
      found = { file, config, ignored: ignoreMatcher(config.ignore) };
    } catch (error) {
      const code = (error as { code?: string }).code;
      this.problems.push(`${file}: cannot read the configuration (${code ?? String(error)})`);
    }
    this.read.set(file, found);
    return found;
  }
}
