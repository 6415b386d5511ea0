/**
 * The parser benchmark. Meant to run as an esbuild bundle under plain node
 * (see run.mjs), so it measures the code as it ships rather than tsx output.
 *
 *   (a) parse()                     lexer + grammar + AST, one ~10 MB file
 *   (b) parse() + evaluate()
 *   (c) xlLexer.tokenize()          chevrotain lexing alone
 *   (d) hand-written tokenizer      the baseline: counts tokens, no objects
 *   (d') hand-written tokenizer     the same, but allocating a token object each
 *   (e) parse() per file            the same text as ~2,500 files of ~4 KB
 *
 * It also splits (a) into its stages (lex, statement splitting, grammar,
 * positions) to show where the time goes, and writes bench/RESULTS.md.
 * With --only (case ids, and `stages` for the split), just those run and
 * nothing is written: for comparisons and --cpu-prof.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
// @ts-expect-error -- a plain .mjs helper without types, shared with bench/cli.mjs
import { writeSection } from "./sections.mjs";
import os from "node:os";
import { parseArgs } from "node:util";
import type { ConfigFile, Range, Value } from "../packages/parser/src/ast";
import { statementParser } from "../packages/parser/src/grammar";
import { evaluate, parse } from "../packages/parser/src/index";
import { lex } from "../packages/parser/src/lex";
import { splitStatements } from "../packages/parser/src/parse";
import { LineIndex } from "../packages/parser/src/positions";
import { xlLexer } from "../packages/parser/src/tokens";
import { countTokens, KIND_NAMES, tokenizeToObjects } from "./baseline-tokenizer";
import { generateCorpus, type Corpus } from "./generate";
import { mbPerSecond, measure, sinkValue, type Timing } from "./measure";

interface Options {
  readonly sizeMb: number;
  readonly fileKb: number;
  readonly seed: number;
  readonly warmup: number;
  readonly iterations: number;
  readonly only: ReadonlySet<string> | undefined;
  readonly results: string;
}

function readOptions(): Options {
  const { values } = parseArgs({
    options: {
      "size-mb": { type: "string", default: "10" },
      "file-kb": { type: "string", default: "4" },
      seed: { type: "string", default: "24301" },
      warmup: { type: "string", default: "2" },
      iterations: { type: "string", default: "7" },
      only: { type: "string" },
      results: { type: "string", default: "bench/RESULTS.md" },
    },
  });
  const iterations = Number(values.iterations);
  if (!(iterations >= 5)) throw new Error("--iterations must be at least 5 (the median needs enough runs)");
  return {
    sizeMb: Number(values["size-mb"]),
    fileKb: Number(values["file-kb"]),
    seed: Number(values.seed),
    warmup: Number(values.warmup),
    iterations,
    only: values.only === undefined ? undefined : new Set(values.only.split(",")),
    results: values.results,
  };
}

// ---------------------------------------------------------------------------
// Sanity checks: the input is valid, and the baseline sees the same tokens.

function fail(message: string): never {
  console.error(`bench: ${message}`);
  process.exit(1);
}

/** Each small file parses with zero diagnostics, and together they hold every assignment. */
function checkFilesParseCleanly(corpus: Corpus): void {
  let assignments = 0;
  corpus.files.forEach((file, i) => {
    const result = parse(file);
    if (result.diagnostics.length > 0) fail(`generated file #${i} has diagnostics: ${result.diagnostics[0]?.message}`);
    assignments += result.file.statements.filter((s) => s.kind === "assignment").length;
  });
  if (assignments !== corpus.statements) fail(`expected ${corpus.statements} assignments in the files, the parser found ${assignments}`);
}

/** The whole text parses with zero error diagnostics (zero diagnostics at all, in fact), and evaluates cleanly. */
function checkTextParsesCleanly(corpus: Corpus): void {
  const result = parse(corpus.text);
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) {
    const sample = errors.slice(0, 3).map((d) => `  line ${d.range.start.line + 1}: ${d.message}`);
    fail(`the generated file has ${errors.length} error diagnostics:\n${sample.join("\n")}`);
  }
  if (result.diagnostics.length > 0) fail(`the generated file has ${result.diagnostics.length} non-error diagnostics; keep the input clean`);
  const assignments = result.file.statements.filter((s) => s.kind === "assignment").length;
  if (assignments !== corpus.statements) fail(`expected ${corpus.statements} assignments, the parser found ${assignments}`);
  const evaluation = evaluate(result.file);
  if (evaluation.diagnostics.length > 0) fail(`evaluation reported ${evaluation.diagnostics.length} diagnostics`);
}

interface TokenCheck {
  /** Tokens chevrotain produces (whitespace is skipped by it, so not counted). */
  readonly tokens: number;
}

function checkTokenCounts(text: string): TokenCheck {
  const lexed = xlLexer.tokenize(text);
  if (lexed.errors.length > 0) fail(`chevrotain lexer reported ${lexed.errors.length} errors`);
  const byName = new Map<string, number>();
  const all = [...lexed.tokens, ...Object.values(lexed.groups).flat()];
  for (const t of all) byName.set(t.tokenType.name, (byName.get(t.tokenType.name) ?? 0) + 1);

  const counts = new Uint32Array(KIND_NAMES.length);
  const total = countTokens(text, counts);
  if (total !== all.length) fail(`token count mismatch: chevrotain ${all.length}, baseline ${total}`);
  KIND_NAMES.forEach((name, kind) => {
    if (name === "Whitespace") return;
    const ours = counts[kind] ?? 0;
    const theirs = byName.get(name) ?? 0;
    if (ours !== theirs) fail(`${name} count mismatch: chevrotain ${theirs}, baseline ${ours}`);
  });
  const objects = tokenizeToObjects(text).length;
  if (objects !== total) fail(`object tokenizer found ${objects} tokens, counting tokenizer ${total}`);
  return { tokens: total };
}

// ---------------------------------------------------------------------------
// Stage splits of parse(): each stage timed on its own, fed with the previous
// stage's output computed beforehand.

/** Every offset pair the AST asks LineIndex for (each node's range). */
function collectRanges(file: ConfigFile): Range[] {
  const ranges: Range[] = [file.range];
  const addValue = (value: Value | undefined): void => {
    if (!value) return;
    ranges.push(value.range);
    if (value.kind === "list") value.items.forEach(addValue);
  };
  for (const statement of file.statements) {
    ranges.push(statement.range);
    if (statement.kind !== "assignment") continue;
    ranges.push(statement.key.range, statement.operatorRange);
    addValue(statement.value);
  }
  for (const comment of file.comments) ranges.push(comment.range);
  return ranges;
}

interface Stage {
  readonly id: string;
  readonly label: string;
  readonly timing: Timing;
}

async function measureStages(text: string, options: Options): Promise<Stage[]> {
  const lexed = lex(text);
  const chunks = splitStatements(lexed.tokens).filter((c) => c.tokens.length > 0);
  const offsets = collectRanges(parse(text).file).flatMap((r) => [r.start.offset, r.end.offset]);
  const { warmup, iterations } = options;

  const stages: { id: string; label: string; work: () => number }[] = [];
  const add = (id: string, label: string, work: () => number): void => {
    stages.push({ id, label, work });
  };
  add("lex", "lex() — chevrotain tokenize + xlint's post-pass", () => lex(text).tokens.length);
  add("split", "splitStatements() — cut tokens into statements", () => splitStatements(lexed.tokens).length);
  add("grammar", "grammar — `parser.parseStatement(tokens)` per statement", () => {
    const parser = statementParser();
    let n = 0;
    for (const chunk of chunks) {
      if (parser.parseStatement(chunk.tokens).value) n++;
    }
    return n;
  });
  add("positions", `positions — new LineIndex + ${(offsets.length / 1e6).toFixed(2)} M position() calls`, () => {
    const lines = new LineIndex(text);
    let n = 0;
    for (const offset of offsets) n += lines.position(offset).line;
    return n;
  });
  const parsed = parse(text).file;
  add("evaluate", "`evaluate()` alone, on a parsed file (part of (b), not of (a))", () => evaluate(parsed).settings.size);
  const measured: Stage[] = [];
  for (const s of stages) measured.push({ id: s.id, label: s.label, timing: await measure(s.work, warmup, iterations) });
  return measured;
}

// ---------------------------------------------------------------------------
// The cases.

interface Case {
  readonly id: string;
  readonly label: string;
  readonly work: () => number;
}

interface CaseResult extends Case {
  readonly timing: Timing;
}

function defineCases(corpus: Corpus): Case[] {
  const { text, files } = corpus;
  return [
    { id: "a", label: "full `parse()` (lex + grammar + AST)", work: () => parse(text).file.statements.length },
    { id: "b", label: "`parse()` + `evaluate()`", work: () => evaluate(parse(text).file).settings.size },
    { id: "c", label: "chevrotain lexing alone (`xlLexer.tokenize`)", work: () => xlLexer.tokenize(text).tokens.length },
    { id: "d", label: "**baseline**: hand-written tokenizer, counting", work: () => countTokens(text, new Uint32Array(KIND_NAMES.length)) },
    { id: "d2", label: "hand-written tokenizer, one object per token (context)", work: () => tokenizeToObjects(text).length },
    {
      id: "e",
      label: `full \`parse()\` per file, ${files.length.toLocaleString("en-US")} files`,
      work: () => {
        let n = 0;
        for (const file of files) n += parse(file).file.statements.length;
        return n;
      },
    },
  ];
}

// ---------------------------------------------------------------------------
// Report.

interface Machine {
  readonly node: string;
  readonly nproc: string;
  readonly cpu: string;
  readonly os: string;
  /** 1, 5 and 15 minute load averages when the run started. */
  readonly load: string;
}

function describeMachine(loadAtStart: readonly number[]): Machine {
  let nproc: string;
  try {
    nproc = execFileSync("nproc", { encoding: "utf8" }).trim();
  } catch {
    nproc = `${os.availableParallelism()} (os.availableParallelism)`;
  }
  let cpu = os.cpus()[0]?.model ?? "unknown";
  try {
    const match = /^model name\s*:\s*(.+)$/m.exec(readFileSync("/proc/cpuinfo", "utf8"));
    if (match?.[1]) cpu = match[1].trim();
  } catch {
    // not Linux: keep os.cpus()'s answer
  }
  const load = loadAtStart.map((l) => l.toFixed(2)).join(" / ");
  return { node: process.version, nproc, cpu, os: `${os.type()} ${os.release()} ${os.arch()}`, load };
}

const fmtMs = (ms: number): string => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2));
const fmtRate = (rate: number): string => (rate >= 100 ? rate.toFixed(0) : rate.toFixed(1));
const fmtRatio = (ratio: number): string => `${ratio.toFixed(ratio >= 10 ? 1 : 2)}×`;

function renderReport(
  corpus: Corpus,
  tokens: TokenCheck,
  options: Options,
  results: CaseResult[],
  stages: Stage[],
  loadAtStart: readonly number[],
): string {
  const bytes = corpus.text.length;
  const machine = describeMachine(loadAtStart);
  const byId = new Map(results.map((r) => [r.id, r]));
  const full = byId.get("a") as CaseResult;
  const baseline = byId.get("d") as CaseResult;
  const ratio = full.timing.median / baseline.timing.median;
  const met = ratio <= 2;
  const lexerOnly = byId.get("c");
  const perFile = byId.get("e");
  const perFileRatio = perFile ? perFile.timing.median / baseline.timing.median : undefined;

  const rows = results.map((r) => {
    const rate = mbPerSecond(bytes, r.timing.median);
    const vs = r.timing.median / baseline.timing.median;
    const gcShare = `${fmtMs(r.timing.gcMedian)} (${((100 * r.timing.gcMedian) / r.timing.median).toFixed(0)} %)`;
    return `| (${r.id === "d2" ? "d′" : r.id}) | ${r.label} | ${fmtMs(r.timing.median)} | ${fmtMs(r.timing.min)}–${fmtMs(r.timing.max)} | ${gcShare} | ${fmtRate(rate)} | ${fmtRatio(vs)} |`;
  });
  const stageRow = (s: Stage): string =>
    `| ${s.label} | ${fmtMs(s.timing.median)} | ${fmtMs(s.timing.gcMedian)} | ` +
    `${s.id === "evaluate" ? "—" : `${((100 * s.timing.median) / full.timing.median).toFixed(0)} %`} | ${fmtRate(mbPerSecond(bytes, s.timing.median))} |`;
  const partsOfFull = stages.filter((s) => s.id !== "evaluate");
  const stageRows = partsOfFull.map(stageRow);
  const rest = full.timing.median - partsOfFull.reduce((sum, s) => sum + s.timing.median, 0);
  const restGc = full.timing.gcMedian - partsOfFull.reduce((sum, s) => sum + s.timing.gcMedian, 0);
  stageRows.push(
    `| the rest — AST objects, string decoding, comments, diagnostics bookkeeping | ${fmtMs(rest)} | ${fmtMs(restGc)} | ` +
      `${((100 * rest) / full.timing.median).toFixed(0)} % | |`,
  );
  stageRows.push(...stages.filter((s) => s.id === "evaluate").map(stageRow));

  const verdict = met
    ? `**Met.** Full parse takes ${fmtRatio(ratio)} the time of the minimal hand-written tokenizer.`
    : `**Not met.** Full parse takes ${fmtRatio(ratio)} the time of the minimal hand-written tokenizer ` +
      `(${fmtRate(mbPerSecond(bytes, full.timing.median))} MB/s against ${fmtRate(mbPerSecond(bytes, baseline.timing.median))} MB/s); ` +
      `it would need to be ${fmtRatio(ratio / 2)} faster. Chevrotain's lexer alone is already ` +
      (lexerOnly ? `${fmtRatio(lexerOnly.timing.median / baseline.timing.median)} the baseline.` : "") +
      (perFileRatio !== undefined ? ` Parsing the same text as small files (e) is ${fmtRatio(perFileRatio)} the baseline.` : "");

  return `# xlint parser benchmark

Generated by \`npm run bench\` (bench/run.mjs) — rerun it rather than editing this file.
Profiling notes and measured speed-up prototypes: [PROFILING.md](PROFILING.md).

- Date: ${new Date().toISOString()}
- Node: ${machine.node}
- \`nproc\`: ${machine.nproc}
- CPU: ${machine.cpu}
- OS: ${machine.os}
- Load average (1 / 5 / 15 min) at the start: ${machine.load} — other work on the machine makes the figures noisier

## Input

One generated xl config of ${(bytes / 1e6).toFixed(2)} MB (seed ${options.seed}):
${corpus.statements.toLocaleString("en-US")} assignments, ${tokens.tokens.toLocaleString("en-US")} tokens (whitespace not counted),
${(corpus.text.match(/\n/g) ?? []).length.toLocaleString("en-US")} lines; the same text also as ${corpus.files.length.toLocaleString("en-US")}
files of about ${(bytes / corpus.files.length / 1000).toFixed(1)} KB for (e). Every key carries a counter (\`memory_812\`), so
\`evaluate()\` stores one setting per key instead of overwriting a few dozen. The file parses with zero
diagnostics, and the baseline tokenizer finds the same number of tokens of each kind as chevrotain's lexer
(both checked by the run: the small files right after (e) is timed, the rest before the other cases).

## Figures

TypeScript bundled by esbuild (platform node, target node20, format esm) and run by node
${machine.node}. Median of ${options.iterations} timed runs after ${options.warmup} warm-up runs, a GC before each run.
MB = 10^6 bytes. "GC pauses" is the median time the main thread spent in garbage collection within
a timed run (from node's \`gc\` performance entries).

The cases run in the order (e), (d), (d′), (c), (a) with its stage split, (b). Order matters within one
process: V8 decides once per allocation site whether to allocate its objects straight into the old
generation, and the first workload decides. Small files first (the state of a linter run over many
files) keeps (e) honest, but then the big-file cases pay extra GC: in a process that only tokenizes,
(c) takes about 100 ms instead of the figure below. Run the small files after a big parse and (e) can
take up to 3× longer instead.

| | case | median ms | min–max ms | GC pauses ms | MB/s | time vs (d) |
|---|---|---:|---:|---:|---:|---:|
${rows.join("\n")}

**Ratio (a) / (d): ${fmtRatio(ratio)}** — full parse against the minimal hand-written tokenizer.${
    perFileRatio !== undefined ? `\nFor comparison, (e) / (d): ${fmtRatio(perFileRatio)} (the same bytes as separate ~4 KB files).` : ""
  }

## Goal

> full parse within 2× of the minimal hand-written tokenizer

${verdict}

## Where the time of (a) goes

Each stage timed on its own (median of ${options.iterations}, right after (a)), fed with the previous stage's
output. "The rest" is (a) minus the stages: building the AST, and the garbage collection caused by
everything a 10 MB parse keeps alive until it returns; it also absorbs any difference between isolated
and in-context timing.

| stage | median ms | GC pauses ms | share of (a) | MB/s |
|---|---:|---:|---:|---:|
${stageRows.join("\n")}
`;
}

// ---------------------------------------------------------------------------

async function main(): Promise<void> {
  const options = readOptions();
  const loadAtStart = os.loadavg();
  if ((loadAtStart[0] ?? 0) > 1) console.warn(`warning: load average ${(loadAtStart[0] ?? 0).toFixed(2)}; other work will disturb the figures`);
  const started = performance.now();
  const corpus = generateCorpus({ totalBytes: options.sizeMb * 1e6, fileBytes: options.fileKb * 1000, seed: options.seed });
  const bytes = corpus.text.length;
  console.log(
    `input: ${(bytes / 1e6).toFixed(2)} MB, ${corpus.files.length} files, ${corpus.statements} assignments ` +
      `(generated in ${(performance.now() - started).toFixed(0)} ms)`,
  );
  const selected = defineCases(corpus).filter((c) => !options.only || options.only.has(c.id));
  const results: CaseResult[] = [];
  const run = async (c: Case): Promise<void> => {
    const timing = await measure(c.work, options.warmup, options.iterations);
    results.push({ ...c, timing });
    console.log(
      `(${c.id}) ${c.label.replaceAll("*", "")}: ${fmtMs(timing.median)} ms median ` +
        `(GC ${fmtMs(timing.gcMedian)} ms), ${fmtRate(mbPerSecond(bytes, timing.median))} MB/s`,
    );
  };

  // Order matters in one process. V8 decides per allocation site whether to
  // allocate objects straight into the old generation ("pretenuring") when
  // many of them survive, as in a 10 MB parse; small-file parsing after that
  // can take up to 3× longer, and even the one-off check pass over the small
  // files made (e) flip between ~230 and 300–650 ms from run to run. So (e) is
  // timed first, in a fresh heap, and its files are checked right after;
  // then the tokenizers, then the big parses.
  const perFile = selected.find((c) => c.id === "e");
  if (perFile) await run(perFile);
  checkFilesParseCleanly(corpus);

  checkTextParsesCleanly(corpus);
  const tokens = checkTokenCounts(corpus.text);
  console.log(`checks passed: zero diagnostics, ${tokens.tokens} tokens in both lexers`);

  let stages: Stage[] = [];
  const runStages = async (): Promise<void> => {
    stages = await measureStages(corpus.text, options);
    for (const s of stages) console.log(`  stage ${s.id}: ${fmtMs(s.timing.median)} ms (GC ${fmtMs(s.timing.gcMedian)} ms)`);
  };
  const runOrder = ["d", "d2", "c", "a", "b"];
  for (const id of runOrder) {
    const c = selected.find((x) => x.id === id);
    if (!c) continue;
    await run(c);
    // The split of (a) runs right after (a), in the same heap state.
    if (id === "a" && (!options.only || options.only.has("stages"))) await runStages();
  }
  if (options.only?.has("stages") && !options.only.has("a")) await runStages();
  if (options.only) {
    console.log(`(--only given: RESULTS.md not written; sink ${sinkValue()})`);
    return;
  }

  const tableOrder = ["a", "b", "c", "d", "d2", "e"];
  results.sort((x, y) => tableOrder.indexOf(x.id) - tableOrder.indexOf(y.id));
  // The parser's part of RESULTS.md; bench/cli.mjs writes the command's part.
  writeSection(options.results, "parser", renderReport(corpus, tokens, options, results, stages, loadAtStart));
  const ratio = (results.find((r) => r.id === "a") as CaseResult).timing.median / (results.find((r) => r.id === "d") as CaseResult).timing.median;
  console.log(`ratio (a)/(d): ${fmtRatio(ratio)} — goal (≤ 2×) ${ratio <= 2 ? "met" : "NOT met"}`);
  console.log(`wrote ${options.results} (sink ${sinkValue()})`);
}

await main();
