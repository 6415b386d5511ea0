/**
 * The `xlint` command: reads the command line and runs one of the commands
 * (lint, fmt, dump, rules, explain). Exit codes: 0 clean, 1 findings (or a
 * file fmt would change), 2 usage, input or internal error. Internal errors
 * print one line; --debug (or XLINT_DEBUG=1) adds the stack trace.
 */
import { allRules, ruleById, ruleDocMarkdown } from "@xlint/linter";
import { evaluate, parse, settingsToJson, decodeFileBytes } from "@xlint/parser";
import { readFileSync } from "node:fs";
import { parseCommandLine, USAGE } from "./args";
import { describeFsError } from "@xlint/files";
import { runExplain } from "./explain-command";
import { runFmt } from "./fmt-command";
import { processIo, type Io } from "./io";
import { runLint } from "./lint-command";
import { VERSION } from "./version";
import { serveAsWorker, WORKER_FLAG } from "./worker-pool";

function listRules(json: boolean, io: Io): number {
  if (json) {
    const rows = allRules.map((r) => ({ id: r.id, severity: r.severity, category: r.category, fixable: r.fixable, scope: r.scope, summary: r.summary }));
    io.stdout(JSON.stringify(rows, null, 2) + "\n");
    return 0;
  }
  const width = Math.max(...allRules.map((r) => r.id.length));
  io.stdout(allRules.map((r) => `${r.id.padEnd(width)}  ${r.severity.padEnd(7)}  ${r.summary}\n`).join(""));
  return 0;
}

function explain(args: readonly string[], io: Io): number {
  if (args.length !== 1) return io.fail("explain takes exactly one RULE (`xlint rules` lists them)");
  const rule = ruleById(args[0] as string);
  if (!rule) return io.fail(`unknown rule \`${args[0]}\`; \`xlint rules\` lists them`);
  io.stdout(ruleDocMarkdown(rule));
  return 0;
}

/** The settings exactly as libxlu stores them; only the parser's verdict matters here, not the rules. */
function dump(args: readonly string[], io: Io): number {
  if (args.length !== 1) return io.fail("dump takes exactly one FILE");
  const file = args[0] as string;
  let bytes: Uint8Array;
  try {
    bytes = file === "-" ? io.readStdin() : readFileSync(file);
  } catch (error) {
    return io.fail(`${file}: ${describeFsError(error)}`);
  }
  const { text, encoding } = decodeFileBytes(bytes);
  const parsed = parse(text, { encoding });
  const evaluation = evaluate(parsed.file);
  const errors = [...parsed.diagnostics, ...evaluation.diagnostics].filter((d) => d.severity === "error");
  if (errors.length > 0) {
    errors.sort((a, b) => a.range.start.offset - b.range.start.offset);
    for (const d of errors) io.stderr(`${file}:${d.range.start.line + 1}:${d.range.start.column + 1}: ${d.message}\n`);
    return 1;
  }
  io.stdout(settingsToJson(evaluation, encoding));
  return 0;
}

async function main(argv: readonly string[], io: Io): Promise<number> {
  const parsed = parseCommandLine(argv);
  if (typeof parsed === "string") return io.fail(parsed);
  debug = debug || parsed.debug;
  const { command } = parsed;
  switch (command.name) {
    case "help":
      io.stdout(`${USAGE}\n`);
      return 0;
    case "version":
      io.stdout(`${VERSION}\n`);
      return 0;
    case "rules":
      return listRules(command.json, io);
    case "explain":
      return explain(command.args, io);
    case "dump":
      if (command.explain) {
        if (command.args.length !== 1) return io.fail("dump --explain takes exactly one FILE");
        return runExplain(command.args[0] as string, { config: command.config, stdinFilename: command.stdinFilename }, io);
      }
      return dump(command.args, io);
    case "fmt":
      return runFmt(command.options, command.check, io);
    case "lint":
      return runLint(command.options, io);
  }
}

let debug = process.env["XLINT_DEBUG"] === "1";

/** The bundle also runs as a worker thread of --jobs (worker-pool.ts); the flag alone does not make one. */
const isWorker = process.argv.includes(WORKER_FLAG) && !process.getBuiltinModule("node:worker_threads").isMainThread;
const io = processIo();

function internalError(error: unknown): void {
  if (debug) io.stderr(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  io.stderr(`xlint: internal error: ${error instanceof Error ? error.message : String(error)}${debug ? "" : " (run with --debug for details)"}\n`);
  process.exitCode = 2;
}

if (isWorker) {
  serveAsWorker();
} else {
  // A closed pipe (`xlint … | head`) is not an error worth a message.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    internalError(error);
  });

  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    internalError,
  );
}
