/**
 * One lint run over the candidates of the command line and, as context, the
 * repository's other configs: each file is read and passed in turn (in this
 * thread or in workers), only its findings and facts are kept, then the
 * cross-file rules run over the facts (see @xlint/linter's LintRun).
 */
import path from "node:path";
import { allRules, RulePlan, type FileFacts, type FileKind, type FileResult, type StatedGuestOs } from "@xlint/linter";
import type { ConfigResolver, EffectiveConfig, Candidate, SkippedFile } from "@xlint/files";
import { itemEnvironment, processItem, type ItemResult, type RunConfig, type WorkItem } from "./lint-files";
import { RunStore } from "./run-store";
import { runInWorkers, workerScript } from "./worker-pool";

/**
 * Without --jobs, runs of this many files or more use a worker per CPU.
 * Measured on two cores (bench/RESULTS.md): below, each worker's start-up
 * and JIT warm-up cost as much as the second core gives; above, workers are
 * faster (20,000 configs: 5.2 s against 5.9 s) and keep the main thread's
 * memory to the facts and findings (100,000 configs: 250 MB against 305 MB).
 */
export const AUTO_WORKERS_FROM = 5000;

export interface RunFiles {
  readonly candidates: readonly Candidate[];
  readonly context: readonly Candidate[];
}

export interface RunSettings {
  readonly resolver: ConfigResolver;
  readonly cwd: string;
  /** Keep source lines for excerpts (the stylish format). */
  readonly sourceLines: boolean;
  /** --jobs; undefined: automatic. */
  readonly jobs: number | undefined;
  readonly cpus: number;
  /** Also return the context files' facts (for --fix, which lints again with them). */
  readonly keepContextFacts?: boolean;
  /** List the context files read (--verbose). */
  readonly listContext?: boolean;
  readonly onProgress: (done: number, total: number) => void;
}

export interface RunOutcome {
  /** The linted files, in order: their path and kind. */
  readonly linted: () => Iterable<{ readonly path: string; readonly kind: FileKind }>;
  /** Each linted file's findings, in order, made on demand (may be called again). */
  readonly results: () => Iterable<FileResult>;
  /** Lets go of what the run keeps on disk. */
  readonly dispose: () => void;
  /** Candidates that turned out not to be configs (walked and pattern files only). */
  readonly skipped: SkippedFile[];
  /** `PATH: what is wrong`, one line each: files that could not be read. */
  readonly problems: string[];
  /** Context files read (listed only with `listContext`) and those that could not be (not an error: nobody asked for them). */
  readonly context: { readonly read: string[]; readonly unreadable: string[]; readonly facts: FileFacts[] };
}

/** Paths as people see them: relative to the working directory when inside it. */
export function displayPath(file: string, cwd: string): string {
  if (file === "<stdin>") return file;
  const relative = path.relative(cwd, path.resolve(cwd, file));
  return relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : path.resolve(cwd, file);
}

/** The configuration a file's path puts it under (standard input without a name: the working directory's). */
export function configFor(candidate: Candidate, resolver: ConfigResolver, cwd: string): EffectiveConfig {
  return resolver.forFile(candidate.logicalPath === "<stdin>" ? path.join(cwd, "<stdin>") : candidate.logicalPath);
}

/** The guest OS xlint.json's `guests` state for a file, if any. */
export function guestOsFor(candidate: Candidate, resolver: ConfigResolver, cwd: string): StatedGuestOs | undefined {
  return resolver.guestOsFor(candidate.logicalPath === "<stdin>" ? path.join(cwd, "<stdin>") : candidate.logicalPath);
}

export async function lintRun(files: RunFiles, settings: RunSettings): Promise<RunOutcome> {
  const given = files.candidates.length;
  const total = given + files.context.length;
  const candidate = (i: number): Candidate => (i < given ? files.candidates[i] : files.context[i - given]) as Candidate;
  // Each file's configuration, worked out first so that workers get every configuration up front.
  const configs: RunConfig[] = [];
  const ids = new Map<EffectiveConfig, number>();
  const configOf = new Int32Array(total);
  for (let i = 0; i < total; i++) {
    const config = configFor(candidate(i), settings.resolver, settings.cwd);
    let id = ids.get(config);
    if (id === undefined) {
      id = configs.length;
      ids.set(config, id);
      configs.push({ severities: config.severities, host: config.host });
    }
    configOf[i] = id;
  }
  // Work items are made as they are handed out, not all at once: a run may have 100,000.
  const itemAt = (i: number): WorkItem => {
    const c = candidate(i);
    return { file: c.file, path: displayPath(c.logicalPath, settings.cwd), walked: c.walked, context: i >= given, config: configOf[i] as number, guestOs: guestOsFor(c, settings.resolver, settings.cwd), stdin: c.stdin };
  };

  // Results arrive in any order (workers); each is stored at its place at once, so no file waits in full.
  const store = new RunStore(new RulePlan(allRules, undefined), given, total - given);
  const notes = new Map<number, { skipped: string } | { problem: string } | { context: FileFacts | undefined }>();
  await execute(total, itemAt, configs, settings, (i, result) => {
    if (result.kind === "pass") store.add(i, result.pass, (configs[configOf[i] as number] as RunConfig).severities);
    else if (result.kind === "facts") {
      store.addContext(i - given, result.facts);
      if (settings.listContext || settings.keepContextFacts) notes.set(i, { context: settings.keepContextFacts ? result.facts : undefined });
    } else if (result.kind === "skip") notes.set(i, { skipped: result.reason });
    else notes.set(i, { problem: result.message });
  });

  const outcome: RunOutcome = {
    linted: () => store.list(),
    results: () => store.results(),
    dispose: () => store.dispose(),
    skipped: [],
    problems: [],
    context: { read: [], unreadable: [], facts: [] },
  };
  for (const i of [...notes.keys()].sort((a, b) => a - b)) {
    const note = notes.get(i);
    const shown = displayPath(candidate(i).logicalPath, settings.cwd);
    const context = i >= given;
    if (!note) continue;
    if ("skipped" in note) {
      // A context file that is not a config is simply not context.
      if (!context) outcome.skipped.push({ path: shown, reason: note.skipped, counted: true });
    } else if ("problem" in note) {
      if (context) outcome.context.unreadable.push(`${shown}: ${note.problem}`);
      else outcome.problems.push(`${shown}: ${note.problem}`);
    } else {
      if (settings.listContext) outcome.context.read.push(shown);
      if (note.context) outcome.context.facts.push(note.context);
    }
  }
  store.runProjectRules();
  return outcome;
}

async function execute(count: number, itemAt: (i: number) => WorkItem, configs: readonly RunConfig[], settings: RunSettings, onResult: (index: number, result: ItemResult) => void): Promise<void> {
  const jobs = Math.min(settings.jobs ?? (count >= AUTO_WORKERS_FROM ? settings.cpus : 1), count);
  const script = jobs > 1 ? workerScript() : undefined;
  if (script) {
    await runInWorkers(script, jobs, count, itemAt, configs, settings.sourceLines, (done) => settings.onProgress(done, count), onResult);
    return;
  }
  const env = itemEnvironment(configs, settings.sourceLines);
  for (let i = 0; i < count; i++) {
    onResult(i, processItem(itemAt(i), env));
    settings.onProgress(i + 1, count);
  }
}
