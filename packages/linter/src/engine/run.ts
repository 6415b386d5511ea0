/**
 * A lint run over many files, in three steps:
 *
 * 1. Each file's own pass (`passFile`): file rules, then the facts project
 *    rules collect, then severities and suppressions. Only plain data is
 *    kept (findings, facts), never a text or a syntax tree, so memory grows
 *    with the findings, not with the files; passes can also come from
 *    worker threads (`addPass`).
 * 2. The project rules (runProjectRules), over the facts of every file of the
 *    run and of the files added as context (`addContext`: the repository's
 *    other configs). They report only into the run's own files.
 * 3. Each file is completed: project findings get its severities and
 *    suppressions, and unused suppressions are reported.
 */
import { completeFile, factsOfFile, passFile, type FileFacts, type FilePass, type LintInput, type ParsedText } from "./file-pass";
import type { HostProfile } from "./host";
import { RulePlan } from "./plan";
import type { PreparedContext } from "./prepared-context";
import { runProjectRules, type FactsEntry, type ProjectReport } from "./project-run";
import type { Diagnostic, FileKind, ProjectRule, Rule, SeveritySetting } from "./types";

export { SYNTAX } from "./plan";
export type { DeferredSuppressions, FactsByRule, FileFacts, FilePass, LintInput, ParsedText, PassOptions } from "./file-pass";
export { completeFile, factsOfFile, fileAssumptions, passFile, type FileAssumptions } from "./file-pass";
export { runProjectRules, type FactsEntry, type ProjectReport } from "./project-run";
export { RulePlan } from "./plan";
export { PreparedContext, type LintedFacts } from "./prepared-context";

export interface LintOptions {
  readonly rules: readonly Rule[];
  readonly host?: HostProfile;
  /** Keep the text of the lines findings start on (`FileResult.sourceLines`), for reports that show source. */
  readonly sourceLines?: boolean;
  /** Called after each file's own rules ran (done of total), for progress displays. */
  readonly onFileChecked?: (done: number, total: number) => void;
}

export interface FileResult {
  readonly path: string;
  readonly kind: FileKind;
  /** Sorted by position. */
  readonly diagnostics: readonly Diagnostic[];
  /** How many findings inline comments hid. */
  readonly suppressed: number;
  /** With the `sourceLines` option: 0-based line → text, for every line a finding starts on. */
  readonly sourceLines?: ReadonlyMap<number, string>;
}

interface Entry {
  readonly pass: FilePass;
  readonly severities: ReadonlyMap<string, SeveritySetting> | undefined;
}

/** A run held in memory: for tests, the editor, --fix, and any caller whose files fit. The CLI keeps large runs on disk. */
export class LintRun {
  readonly plan: RulePlan;
  private readonly entries: Entry[] = [];
  private readonly context: FileFacts[] = [];
  private prepared: PreparedContext | undefined;

  constructor(private readonly options: LintOptions) {
    this.plan = new RulePlan(options.rules, options.host);
  }

  /** Lints one file of the run (its own pass) in this thread; `parsed`: its text already parsed and evaluated, when the caller has that. */
  add(input: LintInput, parsed?: ParsedText): void {
    this.addPass(passFile(input, this.plan, { sourceLines: this.options.sourceLines }, parsed), input.severities);
  }

  /** A file's pass made elsewhere (a worker thread) with the same rules and options. */
  addPass(pass: FilePass, severities: ReadonlyMap<string, SeveritySetting> | undefined): void {
    this.entries.push({ pass, severities });
  }

  /** Another file of the repository: project rules read its facts but report nothing in it. */
  addContext(facts: FileFacts): void {
    this.context.push(facts);
  }

  /**
   * Context kept across runs (the language server's workspace index): each
   * project rule reads of it only the files that may meet the run's own (see
   * PreparedContext); a file of the run replaces the context file of its path.
   */
  usePreparedContext(context: PreparedContext): void {
    this.prepared = context;
  }

  /** Reads a context file in this thread. */
  addContextFile(input: LintInput): void {
    this.addContext(factsOfFile(input, this.plan));
  }

  get size(): number {
    return this.entries.length;
  }

  /** Runs the project rules and completes every file, in the order they were added. */
  finish(): FileResult[] {
    const project: { rule: Rule; report: ProjectReport }[][] = this.entries.map(() => []);
    const own = (): FactsEntry[] => [
      ...this.entries.map(({ pass, severities }, index) => ({ index, path: pass.path, kind: pass.kind, facts: pass.facts, severities })),
      ...this.context.map((c) => ({ index: -1, path: c.path, kind: c.kind, facts: c.facts })),
    ];
    const prepared = this.prepared;
    const linted = this.entries.map(({ pass }) => ({ path: pass.path, facts: pass.facts }));
    // The prepared context's choice for a rule is made once and walked as often as the rule walks.
    const chosen = new Map<ProjectRule, FactsEntry[]>();
    const entries = (rule: ProjectRule): FactsEntry[] => {
      if (prepared === undefined) return own();
      let found = chosen.get(rule);
      if (found === undefined) chosen.set(rule, (found = [...own(), ...prepared.entriesFor(rule, linted)]));
      return found;
    };
    runProjectRules(this.plan, entries, (index, rule, report) => project[index]?.push({ rule, report }));
    return this.entries.map(({ pass, severities }, i) => {
      const { diagnostics, suppressed } = completeFile(pass, severities, project[i] ?? [], this.plan);
      return { path: pass.path, kind: pass.kind, diagnostics, suppressed, sourceLines: pass.sourceLines };
    });
  }
}

/** Lints a set of files in one run (so project rules see them all), in this thread. */
export function lintFiles(inputs: readonly LintInput[], options: LintOptions): FileResult[] {
  const run = new LintRun(options);
  inputs.forEach((input, i) => {
    run.add(input);
    options.onFileChecked?.(i + 1, inputs.length);
  });
  return run.finish();
}
