/**
 * `xlint [options] PATH...`: find the files, lint them in one run (so the
 * cross-file rules see them all), apply fixes and the baseline, print the
 * report, and decide the exit code.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { allRules, applyBaseline, createBaseline, lintFiles, readBaseline, ruleDocsUrl, SYNTAX, type Baseline, type Diagnostic, type LintInput } from "@xlint/linter";
import type { LintOptions } from "./args";
import { ConfigResolver } from "./config-files";
import { unifiedDiff } from "./diff";
import { describeFsError, discover, type Target } from "./discover";
import { fixTargets } from "./fix-run";
import { readSystemHost, realSystem } from "./host-system";
import { outputStream, type Io } from "./io";
import { Progress } from "./progress";
import { formatters } from "./report";
import { countRun, type RunCounts } from "./report/summary";
import type { FormatName, ReportedFile } from "./report/types";
import { VERSION } from "./version";
import { writeFileSafely } from "./write";
import { readXlConf } from "./xl-conf";

const SEVERITIES: readonly string[] = ["off", "info", "warning", "error"];

export async function runLint(options: LintOptions, io: Io): Promise<number> {
  const setup = await prepareRun(options, io);
  if (typeof setup === "string") return io.fail(setup);
  const { resolver } = setup;

  const progress = new Progress(io);
  const found = await discover(options.paths, {
    stdinFilename: options.stdinFilename,
    configIgnores: (file) => resolver.isIgnored(file),
    readStdin: io.readStdin,
  });
  let problems = [...found.problems];
  progress.update(`found ${found.targets.length} files`);

  let baseline: Baseline | undefined;
  if (options.baseline) {
    const read = readBaselineFile(options.baseline);
    if (typeof read === "string") return io.fail(read);
    baseline = read;
  }

  const targets = found.targets;
  const inputs = targets.map((t) => inputFor(t, resolver, io.cwd));
  problems.push(...resolver.problems);

  let fixed: Map<Target, { text: string; count: number }> = new Map();
  let results;
  if (options.fix || options.diff) {
    progress.update(`fixing ${targets.length} files`);
    const outcome = fixTargets(targets, inputs, { unsafe: options.unsafeFixes });
    fixed = outcome.fixed;
    results = outcome.results;
  } else {
    results = lintFiles(inputs, { rules: allRules, onFileChecked: (done, total) => progress.update(`linted ${done} of ${total} files`) });
  }
  progress.done();

  if (options.diff) return printDiff(targets, fixed, problems, io);
  if (options.fix) problems = [...problems, ...(await writeFixes(fixed, io))];

  if (options.writeBaseline) return await writeBaselineFile(options.writeBaseline, results.flatMap((r) => r.diagnostics), problems, io);

  let hidden = 0;
  const files: ReportedFile[] = results.map((result, i) => {
    const target = targets[i] as Target;
    let diagnostics: readonly Diagnostic[] = result.diagnostics;
    if (baseline) {
      const base = path.dirname(path.resolve(options.baseline as string));
      // Syntax errors stay: xl refuses such a file whatever the baseline says.
      const split = applyBaseline(diagnostics.filter((d) => d.rule !== SYNTAX), baseline, (d) => baselinePath(d.path, base, io.cwd));
      hidden += split.hidden;
      diagnostics = [...diagnostics.filter((d) => d.rule === SYNTAX), ...split.kept].sort((a, b) => a.range.start.offset - b.range.start.offset);
    }
    return { path: result.path, text: fixed.get(target)?.text ?? target.text, diagnostics, fixed: fixed.get(target)?.count ?? 0 };
  });

  const format = chooseFormat(options, io);
  const toFile = options.output !== undefined;
  const color = options.color ?? (!toFile && io.colorDefault(options.fix && targets.some((t) => t.file === "-") ? "stderr" : "stdout"));
  const text = formatters[format]({ files }, { color, quiet: options.quiet, docsUrl: ruleDocsUrl, version: VERSION, displayPath: (p) => p });
  const stdinFixed = options.fix && targets.some((t) => t.file === "-");
  if (toFile) {
    const written = await writeFileSafely(options.output as string, Buffer.from(text, "utf8"));
    if (written) problems.push(`${options.output}: cannot write the report (${written})`);
  } else if (stdinFixed) {
    // The fixed text goes to standard output (see writeFixes); the report to standard error.
    io.stderr(text);
  } else {
    io.stdout(text);
  }

  const counts = countRun(files);
  if (hidden > 0) io.stderr(`xlint: the baseline hid ${hidden} known finding${hidden === 1 ? "" : "s"}\n`);
  if (format === "gcc" && !toFile) io.stderr(summaryLine(files.length, counts));
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
    const system = readSystemHost(await realSystem());
    for (const note of system.notes) io.stderr(`xlint: --host-from-system: ${note}\n`);
    host = { ...host, ...system.host };
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

function inputFor(target: Target, resolver: ConfigResolver, cwd: string): LintInput {
  // Standard input without --stdin-filename takes its configuration from the working directory.
  const configPath = target.logicalPath === "<stdin>" ? path.join(cwd, "<stdin>") : target.logicalPath;
  const effective = resolver.forFile(configPath);
  return { path: displayPath(target.logicalPath, cwd), text: target.text, encoding: target.encoding, severities: effective.severities, host: effective.host, kind: target.kind };
}

/** Relative to the working directory when inside it, as people and CI annotations expect. */
export function displayPath(file: string, cwd: string): string {
  if (file === "<stdin>") return file;
  const relative = path.relative(cwd, path.resolve(cwd, file));
  return relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative) ? relative : path.resolve(cwd, file);
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

async function printDiff(targets: readonly Target[], fixed: ReadonlyMap<Target, { text: string; count: number }>, problems: readonly string[], io: Io): Promise<number> {
  let fixes = 0;
  const parts: string[] = [];
  for (const target of targets) {
    const change = fixed.get(target);
    if (!change || change.text === target.text) continue;
    fixes += change.count;
    parts.push(await unifiedDiff(displayPath(target.logicalPath, io.cwd), target.text, change.text));
  }
  io.stdout(parts.join(""));
  io.stderr(`xlint: ${fixes} fix${fixes === 1 ? "" : "es"} in ${parts.length} file${parts.length === 1 ? "" : "s"}${fixes > 0 ? " (run with --fix to apply)" : ""}\n`);
  for (const problem of problems) io.stderr(`xlint: ${problem}\n`);
  if (problems.length > 0) return 2;
  return fixes > 0 ? 1 : 0;
}

/** Writes fixed files (atomically, mode kept); standard input's fixed text goes to standard output. */
async function writeFixes(fixed: ReadonlyMap<Target, { text: string; count: number }>, io: Io): Promise<string[]> {
  const problems: string[] = [];
  for (const [target, change] of fixed) {
    if (target.file === "-") {
      io.stdout(change.text);
      continue;
    }
    if (change.text === target.text) continue;
    const failed = await writeFileSafely(target.file, encodeLike(change.text, target.encoding));
    if (failed) problems.push(`${target.file}: cannot write the fixes (${failed}); the file is unchanged`);
  }
  return problems;
}

export function encodeLike(text: string, encoding: Target["encoding"]): Buffer {
  return Buffer.from(text, encoding === "utf8" ? "utf8" : "latin1");
}

function chooseFormat(options: LintOptions, io: Io): FormatName {
  if (options.format) return options.format;
  if (io.env["GITHUB_ACTIONS"] === "true") return "github";
  return options.output === undefined && outputStream(io) ? "stylish" : "gcc";
}

function summaryLine(files: number, counts: RunCounts): string {
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;
  return `${plural(files, "file")} checked: ${plural(counts.errors, "error")}, ${plural(counts.warnings, "warning")}, ${plural(counts.infos, "info")}\n`;
}
