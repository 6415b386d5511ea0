/**
 * The server's configuration: the client's settings (settings.ts) over
 * initializationOptions, this machine's facts when `hostFromSystem` asks
 * (host-facts.ts), composed as the CLI composes its flags (overrides.ts) into
 * the overrides of a ConfigResolver, which adds each file's xlint.json chain.
 *
 * `resolver()` is a new ConfigResolver after anything changed, since a
 * resolver caches what it read per folder: an xlint.json edited on disk needs
 * `reload()`. `onDidChange` listeners re-lint.
 */
import { DocumentPaths } from "../workspace/document-paths";
import path from "node:path";
import { allRules, DEFAULT_HOST, type HostProfile, type LintInput } from "@xlint/linter";
import { ConfigResolver, readXlConf } from "@xlint/files";
import { realMachine, type MachineAccess } from "./dom0-probe";
import { readMachineFacts, type MachineFacts } from "./host-facts";
import { composeOverrides, type ConfigOverrides } from "./overrides";
import { DEFAULT_SETTINGS, layerSections, parseSettings, sectionOfInitializationOptions, type XlintSettings } from "./settings";

/** What a lint input takes from the configuration. */
export type DocumentLintSettings = Pick<LintInput, "severities" | "host" | "guestOs">;

export interface ConfigurationLog {
  readonly info: (message: string) => void;
  readonly warn: (message: string) => void;
}

export interface ServerConfigurationOptions {
  /** The file system paths of the workspace folders; the first resolves a relative `xlConf` and names untitled documents' folder. */
  readonly workspaceFolders: readonly string[];
  readonly log: ConfigurationLog;
  /** The machine probed and read for `hostFromSystem` (tests give a fake one). */
  readonly machine?: MachineAccess;
  readonly readXlConf?: (file: string) => Partial<HostProfile> | string;
}

export interface Disposable {
  dispose(): void;
}

export class ServerConfiguration {
  private readonly knownRules = new Set(allRules.map((r) => r.id));
  private readonly machine: MachineAccess;
  private readonly readXlConf: (file: string) => Partial<HostProfile> | string;
  private readonly listeners = new Set<() => void>();
  /** Problems of the client's settings already logged: each is said once. */
  private readonly logged = new Set<string>();
  private initializationSection: unknown;
  private clientSection: unknown;
  private settingsNow: XlintSettings = DEFAULT_SETTINGS;
  private started = false;
  private facts: { readonly mode: XlintSettings["hostFromSystem"]; readonly read: MachineFacts } | undefined;
  private overrides: ConfigOverrides = { severities: new Map(), host: {} };
  private overridesKey = keyOf(this.overrides);
  private current: ConfigResolver;
  private problemsLogged = 0;
  private folders: readonly string[];

  constructor(private readonly options: ServerConfigurationOptions) {
    this.folders = options.workspaceFolders;
    this.machine = options.machine ?? realMachine();
    this.readXlConf = options.readXlConf ?? readXlConf;
    this.current = this.newResolver();
  }

  /** The resolver to use now: xlint.json per file, with the client's settings over it. */
  resolver(): ConfigResolver {
    return this.current;
  }

  /** The settings in effect (after validation). */
  get settings(): XlintSettings {
    return this.settingsNow;
  }

  /** Config files (or the dom0's xl.conf) changed on disk: read everything again. */
  reload(): void {
    this.apply({ changed: true });
  }

  onDidChange(listener: () => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** The `initialize` request's options: the base the client's settings layer over. */
  setInitializationOptions(options: unknown): void {
    this.initializationSection = sectionOfInitializationOptions(options);
    this.apply({ changed: false });
  }

  /** The `xlint` section as the client has it now (pulled, or pushed in didChangeConfiguration). */
  setClientSection(section: unknown): void {
    this.clientSection = section;
    this.apply({ changed: false });
  }

  /**
   * Once the first settings are known (`first`: the client's section, when it
   * was pulled): reads this machine's facts when `hostFromSystem` asks for them.
   */
  start(first?: { readonly section: unknown }): void {
    if (first !== undefined) this.clientSection = first.section;
    if (this.started && first === undefined) return;
    this.started = true;
    this.apply({ changed: false });
  }

  /** `xlint.refreshHostFacts`: probes and reads this machine again. */
  refreshHostFacts(): MachineFacts | undefined {
    this.started = true;
    this.facts = undefined;
    this.apply({ changed: true });
    return this.machineFacts();
  }

  /** The workspace folders changed: a relative `xlConf` and untitled documents follow the first one. */
  setWorkspaceFolders(folders: readonly string[]): void {
    this.folders = folders;
    this.apply({ changed: false });
  }

  /** What the latest read of this machine found (undefined before `start`). */
  machineFacts(): MachineFacts | undefined {
    return this.facts?.read;
  }

  /**
   * A document's severities, host and stated guest OS. A file resolves as the
   * CLI resolves it; a document that is not a file (an untitled buffer) as a
   * file of the first workspace folder, the way the CLI places standard input
   * in its working folder; with no folder, the client's settings alone apply.
   */
  lintSettingsOf(uri: string): DocumentLintSettings {
    let file = DocumentPaths.fileSystemPath(uri);
    if (file === undefined) {
      const folder = this.folders[0];
      if (folder === undefined) return { severities: this.overrides.severities, host: { ...DEFAULT_HOST, ...this.overrides.host } };
      file = path.join(folder, "<untitled>");
    }
    const resolver = this.current;
    const effective = resolver.forFile(file);
    const guestOs = resolver.guestOsFor(file);
    this.reportConfigProblems();
    return { severities: effective.severities, host: effective.host, ...(guestOs !== undefined ? { guestOs } : {}) };
  }

  /** Logs the problems the resolver found in xlint.json files since the last call (each once per resolver). */
  reportConfigProblems(): void {
    const problems = this.current.problems;
    for (; this.problemsLogged < problems.length; this.problemsLogged++) this.options.log.warn(`xlint: ${problems[this.problemsLogged] as string}`);
  }

  private apply(how: { readonly changed: boolean }): void {
    const parsed = parseSettings(layerSections(this.initializationSection, this.clientSection), this.knownRules);
    for (const problem of parsed.problems) this.logOnce("warn", problem);
    this.settingsNow = parsed.settings;
    const mode = parsed.settings.hostFromSystem;
    if (this.started && (this.facts === undefined || this.facts.mode !== mode)) {
      const read = readMachineFacts(mode, this.machine);
      this.facts = { mode, read };
      this.options.log.info(read.summary);
      if (read.failures !== undefined) this.options.log.warn(read.failures);
    }
    const composed = composeOverrides({
      settings: parsed.settings,
      system: this.facts?.read.system,
      baseFolder: this.folders[0],
      readXlConf: this.readXlConf,
    });
    for (const note of composed.notes) this.logOnce("info", note);
    for (const problem of composed.problems) this.logOnce("warn", problem);
    const key = keyOf(composed.overrides);
    if (!how.changed && key === this.overridesKey) return;
    this.overrides = composed.overrides;
    this.overridesKey = key;
    this.current = this.newResolver();
    this.problemsLogged = 0;
    for (const listener of [...this.listeners]) {
      try {
        listener();
      } catch (error) {
        this.options.log.warn(`xlint: reacting to a configuration change failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      }
    }
  }

  private newResolver(): ConfigResolver {
    return new ConfigResolver(this.knownRules, undefined, this.overrides);
  }

  private logOnce(level: keyof ConfigurationLog, message: string): void {
    if (this.logged.has(message)) return;
    this.logged.add(message);
    this.options.log[level](message);
  }
}

function keyOf(overrides: ConfigOverrides): string {
  const host = Object.entries(overrides.host).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([[...overrides.severities].sort(), host]);
}

