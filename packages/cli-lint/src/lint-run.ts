/**
 * One lint run over the candidates of the command line and, as context, the
 * repository's other configs: each file is read and passed in turn (in this
 * thread or in workers), only its findings and facts are kept, then the
 * cross-file rules run over the facts (see @xlint/linter's LintRun).
 */
import path from "node:path";
import { allRules, LintRun, type FileFacts, type FileKind, type FileResult } from "@xlint/linter";
import type { ConfigResolver, EffectiveConfig } from "./config-files";
import type { Candidate, SkippedFile } from "./discover";
import { itemEnvironment, processItem, type ItemResult, type RunConfig, type WorkItem } from "./lint-files";
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
  readonly onProgress: (done: number, total: number) => void;
}

export interface LintedFile {
  readonly candidate: Candidate;
  readonly kind: FileKind;
  readonly result: FileResult;
}

export interface RunOutcome {
  readonly linted: LintedFile[];
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
  const results = await execute(items, configs, settings);

  const run = new LintRun({ rules: allRules, sourceLines: settings.sourceLines });
  const outcome: RunOutcome = { linted: [], skipped: [], problems: [], context: { read: [], unreadable: [], facts: [] } };
  const passed: { candidate: Candidate; kind: FileKind }[] = [];
  results.forEach((result, i) => {
    const workItem = items[i] as WorkItem;
    if (workItem.context) {
      if (result.kind === "facts") {
        run.addContext(result.facts);
        outcome.context.facts.push(result.facts);
        outcome.context.read.push(workItem.path);
      } else if (result.kind === "problem") {
        outcome.context.unreadable.push(`${workItem.path}: ${result.message}`);
      }
      return;
    }
    const candidate = files.candidates[i] as Candidate;
    if (result.kind === "pass") {
      run.addPass(result.pass, (configs[workItem.config] as RunConfig).severities);
      passed.push({ candidate, kind: result.pass.kind });
    } else if (result.kind === "skip") {
      outcome.skipped.push({ path: workItem.path, reason: result.reason, counted: true });
    } else if (result.kind === "problem") {
      outcome.problems.push(`${workItem.path}: ${result.message}`);
    }
  });
  run.finish().forEach((result, i) => {
    const { candidate, kind } = passed[i] as { candidate: Candidate; kind: FileKind };
    outcome.linted.push({ candidate, kind, result });
  });
  return outcome;
}

async function execute(items: readonly WorkItem[], configs: readonly RunConfig[], settings: RunSettings): Promise<ItemResult[]> {
  const jobs = Math.min(settings.jobs ?? (items.length >= AUTO_WORKERS_FROM ? settings.cpus : 1), items.length);
  const script = jobs > 1 ? workerScript() : undefined;
  if (script) return runInWorkers(script, jobs, items, configs, settings.sourceLines, (done) => settings.onProgress(done, items.length));
  const env = itemEnvironment(configs, settings.sourceLines);
  return items.map((workItem, i) => {
    const result = processItem(workItem, env);
    settings.onProgress(i + 1, items.length);
    return result;
  });
}
