/**
 * `xlint [options] PATH...`: find the files, lint them in one run (so the
 * cross-file rules see them all, plus the repository's other configs), apply
 * fixes and the baseline, stream the report, and decide the exit code.
 */
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { allRules, applyBaseline, createBaseline, fixInputs, readBaseline, ruleDocsUrl, SYNTAX, type Baseline, type Diagnostic, type LintInput } from "@xlint/linter";
import type { LintOptions } from "./args";
import { ConfigResolver, describeFsError, discover, ruleDocsBase, GitIgnores, readSystemHost, realSystem, contextCandidates, contextRoots, readXlConf, type Candidate, type SkippedFile } from "@xlint/files";
import { unifiedDiff } from "./diff";
import { outputStream, type Io } from "./io";
import { loadCandidate } from "./lint-files";
import { configFor, displayPath, guestOsFor, lintRun, type RunOutcome } from "./lint-run";
import { Progress } from "./progress";
import { formatters } from "./report";
import { countRun, type RunCounts } from "./report/summary";
import type { FormatName, ReportedFile } from "./report/types";
import { VERSION } from "./version";
import { AtomicOutput, BufferedSink, writeFileSafely } from "./write";

export { displayPath } from "./lint-run";

const SEVERITIES: readonly string[] = ["off", "info", "warning", "error"];

export async function runLint(options: LintOptions, io: Io): Promise<number> {
  const setup = await prepareRun(options, io);
  if (typeof setup === "string") return io.fail(setup);
  const { resolver } = setup;

  const progress = new Progress(io);
  const gitignores = new GitIgnores();
  const found = await discover(options.paths, {
    stdinFilename: options.stdinFilename,
    configIgnores: (file) => resolver.isIgnored(file),
    readStdin: io.readStdin,
    gitignores,
  });
  const problems = [...found.problems];
  progress.update(`found ${found.candidates.length} files`);

  let baseline: Baseline | undefined;
  if (options.baseline) {
    const read = readBaselineFile(options.baseline);
    if (typeof read === "string") return io.fail(read);
    baseline = read;
  }

  const context = options.repoContext ? repositoryContext(found.candidates, found.walkedFolders, resolver, gitignores, io.cwd) : [];
  const format = chooseFormat(options, io);
  const sourceLines = format === "stylish";
  const settings = {
    resolver,
    cwd: io.cwd,
    sourceLines,
    jobs: options.jobs,
    cpus: availableParallelism(),
    listContext: options.verbose,
    onProgress: (done: number, total: number) => progress.update(`linted ${done} of ${total} files`),
  };

  let outcome: RunOutcome;
  let fixing: FixState | undefined;
  if (options.fix || options.diff) {
    // Fixing rewrites files, so their texts stay in memory; the context still only gives facts.
    const contextRun = await lintRun({ candidates: [], context }, { ...settings, keepContextFacts: true });
    const loaded = loadForFixing(found.candidates, resolver, io.cwd);
    progress.update(`fixing ${loaded.inputs.length} files`);
    const fixes = fixInputs(loaded.inputs, { rules: allRules, unsafe: options.unsafeFixes, context: contextRun.context.facts, sourceLines });
    fixing = { candidates: loaded.candidates, inputs: loaded.inputs, fixed: fixes.fixed };
    outcome = {
      linted: () => fixes.results.map((r) => ({ path: r.path, kind: r.kind })),
      results: () => fixes.results,
      dispose: contextRun.dispose,
      skipped: loaded.skipped,
      problems: loaded.problems,
      context: contextRun.context,
    };
  } else {
    outcome = await lintRun({ candidates: found.candidates, context }, settings);
  }
  try {
    progress.done();
    return await report(outcome, fixing, {
      options,
      io,
      problems: [...problems, ...outcome.problems, ...resolver.problems],
      skipped: [...found.skipped, ...outcome.skipped],
      baseline,
      format,
      stdinFixed: options.fix && found.candidates.some((c) => c.file === "-"),
    });
  } finally {
    outcome.dispose();
  }
}

/** What --fix and --diff keep: per linted file (same order), its candidate, the text read, and the fixed text. */
interface FixState {
  readonly candidates: readonly Candidate[];
  readonly inputs: readonly LintInput[];
  readonly fixed: readonly ({ text: string; count: number } | undefined)[];
}

interface ReportSettings {
  readonly options: LintOptions;
  readonly io: Io;
  readonly problems: string[];
  readonly skipped: readonly SkippedFile[];
  readonly baseline: Baseline | undefined;
  readonly format: FormatName;
  readonly stdinFixed: boolean;
}

/** Writes fixes or diffs, then the report (streamed), and decides the exit code. */
async function report(outcome: RunOutcome, fixing: FixState | undefined, settings: ReportSettings): Promise<number> {
  const { options, io, problems, baseline, format } = settings;
  if (options.verbose) printListing(outcome, settings.skipped, io);
  if (options.diff && fixing) return printDiff(outcome.linted, fixing, problems, io);
  if (options.fix && fixing) problems.push(...(await writeFixes(fixing, io.stdout)));

  if (options.writeBaseline) {
    const all: Diagnostic[] = [];
    for (const result of outcome.results()) all.push(...result.diagnostics);
    return await writeBaselineFile(options.writeBaseline, all, problems, io);
  }

  // The baseline filters each file as it is reported; `hidden` counts over one whole walk.
  let hidden = 0;
  const baseDir = options.baseline ? path.dirname(path.resolve(options.baseline)) : "";
  function* files(): Iterable<ReportedFile> {
    hidden = 0;
    let i = 0;
    for (const result of outcome.results()) {
      let diagnostics: readonly Diagnostic[] = result.diagnostics;
      if (baseline) {
        // Syntax errors stay: xl refuses such a file whatever the baseline says.
        const split = applyBaseline(diagnostics.filter((d) => d.rule !== SYNTAX), baseline, (d) => baselinePath(d.path, baseDir, io.cwd));
        hidden += split.hidden;
        diagnostics = [...diagnostics.filter((d) => d.rule === SYNTAX), ...split.kept].sort((a, b) => a.range.start.offset - b.range.start.offset);
      }
      yield { path: result.path, sourceLines: result.sourceLines, diagnostics, fixed: fixing?.fixed[i]?.count ?? 0 };
      i++;
    }
  }
  const runReport = { files: { [Symbol.iterator]: () => files()[Symbol.iterator]() }, skipped: settings.skipped.filter((s) => s.counted).length };

  const toFile = options.output !== undefined;
  const color = options.color ?? (!toFile && io.colorDefault(settings.stdinFixed ? "stderr" : "stdout"));
  const docsBase = ruleDocsBase();
  const formatOptions = { color, quiet: options.quiet, docsUrl: (rule: string) => ruleDocsUrl(rule, docsBase), version: VERSION, displayPath: (p: string) => p };
  if (toFile) {
    const out = new AtomicOutput(options.output as string);
    formatters[format](runReport, formatOptions, (chunk) => out.write(chunk));
    const failed = out.commit();
    if (failed) problems.push(`${options.output}: cannot write the report (${failed})`);
  } else {
    // The fixed text of standard input goes to standard output (see writeFixes); the report then to standard error.
    const sink = new BufferedSink(settings.stdinFixed ? io.stderr : io.stdout);
    formatters[format](runReport, formatOptions, (chunk) => sink.write(chunk));
    sink.flush();
  }

  // Counted after the report was written, so that `hidden` covers one whole walk.
  const writtenHidden = hidden;
  const counts = countRun(runReport);
  if (writtenHidden > 0) io.stderr(`xlint: the baseline hid ${writtenHidden} known finding${writtenHidden === 1 ? "" : "s"}\n`);
  if (format === "gcc" && !toFile) io.stderr(summaryLine(counts));
  for (const problem of problems) io.stderr(`xlint: ${problem}\n`);
  if (problems.length > 0) return 2;
  if (counts.errors > 0) return 1;
  if (options.maxWarnings !== undefined && counts.warnings > options.maxWarnings) {
    io.stderr(`xlint: ${counts.warnings} warnings, more than --max-warnings ${options.maxWarnings}\n`);
    return 1;
  }
  return 0;
}

interface RunSetup {
  readonly resolver: ConfigResolver;
}

/** Flags that shape every file's configuration; a string is a usage error. */
async function prepareRun(options: LintOptions, io: Io): Promise<RunSetup | string> {
  const known = new Set(allRules.map((r) => r.id));
  const severities = new Map<string, "off" | "info" | "warning" | "error">();
  for (const spec of options.rules) {
    const [id = "", severity = ""] = spec.split("=");
    if (!known.has(id)) return `--rule ${spec}: unknown rule \`${id}\` (\`xlint rules\` lists them)`;
    if (!SEVERITIES.includes(severity)) return `--rule ${spec}: the severity must be off, info, warning or error`;
    severities.set(id, severity as "off" | "info" | "warning" | "error");
  }
  let host = {};
  if (options.hostFromSystem) {
    const system = readSystemHost(realSystem());
    for (const note of system.notes) io.stderr(`xlint: --host-from-system: ${note}\n`);
    host = { ...host, ...system.host };
    // The dom0's own xl.conf (/etc/xen, or /usr/pkg/etc/xen on NetBSD), unless --xl-conf names one.
    if (system.xlConf !== undefined && !options.xlConf) {
      const xlConf = readXlConf(system.xlConf);
      if (typeof xlConf === "string") return xlConf;
      host = { ...host, ...xlConf };
    }
  }
  if (options.xlConf) {
    const xlConf = readXlConf(options.xlConf);
    if (typeof xlConf === "string") return xlConf;
    host = { ...host, ...xlConf };
  }
  if (options.hostBridges !== undefined) {
    host = { ...host, bridges: options.hostBridges.split(",").map((b) => b.trim()).filter((b) => b !== "") };
  }
  return { resolver: new ConfigResolver(known, options.config, { severities, host }) };
}

/**
 * The repository's other configs, for the cross-file rules (see repo-context.ts).
 * None when every cross-file rule is off for the run.
 */
function repositoryContext(candidates: readonly Candidate[], walkedFolders: readonly string[], resolver: ConfigResolver, gitignores: GitIgnores, cwd: string): Candidate[] {
  const projectRules = allRules.filter((r) => r.scope === "project");
  const anyOn = candidates.some((c) => projectRules.some((rule) => (configFor(c, resolver, cwd).severities.get(rule.id) ?? rule.severity) !== "off"));
  if (!anyOn) return [];
  const given = candidates.map((c) => (c.file === "-" ? path.join(cwd, c.logicalPath === "<stdin>" ? "<stdin>" : c.logicalPath) : c.file));
  const roots = contextRoots(given, walkedFolders, resolver, gitignores);
  if (roots.length === 0) return [];
  const linted = new Set(given.map((file) => path.resolve(cwd, file)));
  return contextCandidates(roots, linted, resolver, gitignores).candidates;
}

/** --fix and --diff: every candidate's text, for rewriting. */
function loadForFixing(candidates: readonly Candidate[], resolver: ConfigResolver, cwd: string): { candidates: Candidate[]; inputs: LintInput[]; skipped: SkippedFile[]; problems: string[] } {
  const out = { candidates: [] as Candidate[], inputs: [] as LintInput[], skipped: [] as SkippedFile[], problems: [] as string[] };
  for (const candidate of candidates) {
    const shown = displayPath(candidate.logicalPath, cwd);
    const loaded = loadCandidate(candidate);
    if (loaded.kind === "skip") out.skipped.push({ path: shown, reason: loaded.reason, counted: true });
    else if (loaded.kind === "problem") out.problems.push(`${shown}: ${loaded.message}`);
    else {
      const config = configFor(candidate, resolver, cwd);
      out.candidates.push(candidate);
      out.inputs.push({ path: shown, text: loaded.text, encoding: loaded.encoding, severities: config.severities, host: config.host, kind: loaded.fileKind, guestOs: guestOsFor(candidate, resolver, cwd) });
    }
  }
  return out;
}

/** --verbose: what was linted, skipped and read as context, sorted by path, on standard error. */
function printListing(outcome: RunOutcome, skipped: readonly SkippedFile[], io: Io): void {
  const rows: [string, string][] = [
    ...[...outcome.linted()].map(({ path: p, kind }): [string, string] => [p, `linted   ${p} (${KIND_NAMES[kind]})`]),
    ...skipped.map(({ path: p, reason }): [string, string] => [p, `skipped  ${p}: ${reason}`]),
    ...outcome.context.read.map((p): [string, string] => [p, `context  ${p} (read for the cross-file rules only)`]),
    ...outcome.context.unreadable.map((line): [string, string] => [line, `context  ${line} (left out of the cross-file rules)`]),
  ];
  rows.sort((a, b) => comparePaths(a[0], b[0]));
  io.stderr(rows.map(([, line]) => `xlint: ${line}\n`).join(""));
}

const KIND_NAMES = { domain: "domain config", "xl-conf": "xl.conf", cpupool: "cpupool file" } as const;

/** Folder by folder, as a walk meets them. */
function comparePaths(a: string, b: string): number {
  const x = a.split(/[/\\]/);
  const y = b.split(/[/\\]/);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const p = x[i] as string;
    const q = y[i] as string;
    if (p !== q) return p < q ? -1 : 1;
  }
  return x.length - y.length;
}

function baselinePath(shown: string, base: string, cwd: string): string {
  return path.relative(base, path.resolve(cwd, shown)).split(path.sep).join("/");
}

function readBaselineFile(file: string): Baseline | string {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    return `--baseline ${file}: ${describeFsError(error)}`;
  }
  const read = readBaseline(text);
  return "error" in read ? `--baseline ${file}: ${read.error}` : read.baseline;
}

async function writeBaselineFile(file: string, diagnostics: readonly Diagnostic[], problems: readonly string[], io: Io): Promise<number> {
  const base = path.dirname(path.resolve(file));
  const recorded = diagnostics.filter((d) => d.rule !== SYNTAX).map((d) => ({ ...d, path: baselinePath(d.path, base, io.cwd) }));
  const baseline = createBaseline(recorded);
  const failed = await writeFileSafely(file, Buffer.from(`${JSON.stringify(baseline, null, 2)}\n`, "utf8"));
  for (const problem of problems) io.stderr(`xlint: ${problem}\n`);
  if (failed) return io.fail(`${file}: cannot write the baseline (${failed})`);
  const syntax = diagnostics.length - recorded.length;
  io.stderr(`xlint: recorded ${recorded.length} finding${recorded.length === 1 ? "" : "s"} in ${file}${syntax > 0 ? `; ${syntax} syntax error(s) cannot be recorded and will still be reported` : ""}\n`);
  return problems.length > 0 ? 2 : 0;
}

async function printDiff(linted: RunOutcome["linted"], fixing: FixState, problems: readonly string[], io: Io): Promise<number> {
  let fixes = 0;
  const parts: string[] = [];
  for (const [i, file] of [...linted()].entries()) {
    const change = fixing.fixed[i];
    const before = (fixing.inputs[i] as LintInput).text;
    if (!change || change.text === before) continue;
    fixes += change.count;
    parts.push(await unifiedDiff(file.path, before, change.text));
  }
  io.stdout(parts.join(""));
  io.stderr(`xlint: ${fixes} fix${fixes === 1 ? "" : "es"} in ${parts.length} file${parts.length === 1 ? "" : "s"}${fixes > 0 ? " (run with --fix to apply)" : ""}\n`);
  for (const problem of problems) io.stderr(`xlint: ${problem}\n`);
  if (problems.length > 0) return 2;
  return fixes > 0 ? 1 : 0;
}

/**
 * Writes fixed files (atomically, mode kept); standard input's fixed text goes
 * to standard output. A file that changed on disk since it was read is left
 * alone: writing would throw away what someone else just wrote.
 */
export async function writeFixes(fixing: FixState, stdout: (text: string) => void): Promise<string[]> {
  const problems: string[] = [];
  for (const [i, candidate] of fixing.candidates.entries()) {
    const change = fixing.fixed[i];
    const input = fixing.inputs[i] as LintInput;
    if (candidate.file === "-") {
      stdout(change?.text ?? input.text);
      continue;
    }
    if (!change || change.text === input.text) continue;
    const now = loadCandidate({ ...candidate, walked: false });
    if (now.kind !== "text" || now.text !== input.text) {
      problems.push(`${input.path}: changed while xlint ran; its fixes were not written (run xlint again)`);
      continue;
    }
    const failed = await writeFileSafely(candidate.file, encodeLike(change.text, input.encoding ?? "utf8"));
    if (failed) problems.push(`${candidate.file}: cannot write the fixes (${failed}); the file is unchanged`);
  }
  return problems;
}

export function encodeLike(text: string, encoding: LintInput["encoding"]): Buffer {
  return Buffer.from(text, encoding === "latin1" ? "latin1" : "utf8");
}

function chooseFormat(options: LintOptions, io: Io): FormatName {
  if (options.format) return options.format;
  if (io.env["GITHUB_ACTIONS"] === "true") return "github";
  return options.output === undefined && outputStream(io) ? "stylish" : "gcc";
}

function summaryLine(counts: RunCounts): string {
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;
  const skipped = counts.skipped > 0 ? `; ${counts.skipped} skipped (--verbose says why)` : "";
  return `${plural(counts.filesChecked, "file")} checked: ${plural(counts.errors, "error")}, ${plural(counts.warnings, "warning")}, ${plural(counts.infos, "info")}${skipped}\n`;
}
