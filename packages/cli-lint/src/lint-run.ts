/**
 * One lint run over the candidates of the command line and, as context, the
 * repository's other configs: each file is read and passed in turn (in this
 * thread or in workers), only its findings and facts are kept, then the
 * cross-file rules run over the facts (see @xlint/linter's LintRun).
 */
import path from "node:path";
import { allRules, RulePlan, type FileFacts, type FileKind, type FileResult } from "@xlint/linter";
import type { ConfigResolver, EffectiveConfig } from "./config-files";
import type { Candidate, SkippedFile } from "./discover";
import { itemEnvironment, processItem, type ItemResult, type RunConfig, type WorkItem } from "./lint-files";
import { RunStore } from "./run-store";
import { runInWorkers, workerScript } from "./worker-pool";

/** Without --jobs, workers pay for their start-up only from this many files on (measured in bench/RESULTS.md). */
export const AUTO_WORKERS_FROM = 1000;

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
  readonly onProgress: (done: number, total: number) => void;
}

export interface RunOutcome {
  /** The linted files, in order: their path and kind. */
  readonly linted: { readonly path: string; readonly kind: FileKind }[];
  /** Each linted file's findings, in order, made on demand (may be called again). */
  readonly results: () => Iterable<FileResult>;
  /** Lets go of what the run keeps on disk. */
  readonly dispose: () => void;
  /** Candidates that turned out not to be configs (walked and pattern files only). */
  readonly skipped: SkippedFile[];
  /** `PATH: what is wrong`, one line each: files that could not be read. */
  readonly problems: string[];
  /** Context files read, and those that could not be (not an error: nobody asked for them). */
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

export async function lintRun(files: RunFiles, settings: RunSettings): Promise<RunOutcome> {
  const configs: RunConfig[] = [];
  const ids = new Map<EffectiveConfig, number>();
  const item = (candidate: Candidate, context: boolean): WorkItem => {
    const config = configFor(candidate, settings.resolver, settings.cwd);
    let id = ids.get(config);
    if (id === undefined) {
      id = configs.length;
      ids.set(config, id);
      configs.push({ severities: config.severities, host: config.host });
    }
    return { file: candidate.file, path: displayPath(candidate.logicalPath, settings.cwd), walked: candidate.walked, context, config: id, stdin: candidate.stdin };
  };
  const items = [...files.candidates.map((c) => item(c, false)), ...files.context.map((c) => item(c, true))];
  const given = files.candidates.length;

  // Results arrive in any order (workers); each is stored at its place at once, so no file waits in full.
  const store = new RunStore(new RulePlan(allRules, undefined), given, items.length - given);
  const verdicts = new Array<Verdict | undefined>(items.length);
  await execute(items, configs, settings, (i, result) => {
    const workItem = items[i] as WorkItem;
    if (result.kind === "pass") {
      store.add(i, result.pass, (configs[workItem.config] as RunConfig).severities);
      verdicts[i] = { kind: result.pass.kind };
    } else if (result.kind === "facts") {
      store.addContext(i - given, result.facts);
      verdicts[i] = { kind: result.facts.kind, facts: settings.keepContextFacts ? result.facts : undefined };
    } else if (result.kind === "skip") {
      verdicts[i] = { skipped: result.reason };
    } else {
      verdicts[i] = { problem: result.message };
    }
  });

  const outcome: RunOutcome = {
    linted: [],
    results: () => store.results(),
    dispose: () => store.dispose(),
    skipped: [],
    problems: [],
    context: { read: [], unreadable: [], facts: [] },
  };
  verdicts.forEach((verdict, i) => {
    const { path: shown, context } = items[i] as WorkItem;
    if (!verdict) return;
    if ("skipped" in verdict) {
      // A context file that is not a config is simply not context.
      if (!context) outcome.skipped.push({ path: shown, reason: verdict.skipped, counted: true });
    } else if ("problem" in verdict) {
      if (context) outcome.context.unreadable.push(`${shown}: ${verdict.problem}`);
      else outcome.problems.push(`${shown}: ${verdict.problem}`);
    } else if (context) {
      outcome.context.read.push(shown);
      if (verdict.facts) outcome.context.facts.push(verdict.facts);
    } else {
      outcome.linted.push({ path: shown, kind: verdict.kind });
    }
  });
  store.runProjectRules();
  return outcome;
}

/** What became of one file, kept for the listing and the outcome. */
type Verdict = { readonly kind: FileKind; readonly facts?: FileFacts } | { readonly skipped: string } | { readonly problem: string };

async function execute(items: readonly WorkItem[], configs: readonly RunConfig[], settings: RunSettings, onResult: (index: number, result: ItemResult) => void): Promise<void> {
  const jobs = Math.min(settings.jobs ?? (items.length >= AUTO_WORKERS_FROM ? settings.cpus : 1), items.length);
  const script = jobs > 1 ? workerScript() : undefined;
  if (script) {
    await runInWorkers(script, jobs, items, configs, settings.sourceLines, (done) => settings.onProgress(done, items.length), onResult);
    return;
  }
  const env = itemEnvironment(configs, settings.sourceLines);
  items.forEach((workItem, i) => {
    onResult(i, processItem(workItem, env));
    settings.onProgress(i + 1, items.length);
  });
}
