/**
 * The `xlint` command.
 *   xlint [PATH...]      lint files and directories (syntax for now)
 *   xlint dump FILE      the settings as xl stores them, as JSON
 * Exit codes: 0 clean, 1 errors found (or the file does not parse), 2 usage or I/O error.
 */
import { parseArgs } from "node:util";
import { hasErrors, lintText } from "@xlint/linter";
import { settingsToJson } from "@xlint/parser";
import { expandPaths, readConfig } from "./files";
import { formatGcc } from "./output";

const USAGE = `usage: xlint [--quiet] PATH...
       xlint dump FILE

Lints Xen xl domain configuration files (directories are searched for *.cfg and *.xl).
  dump FILE   print the settings exactly as xl reads them, as JSON
  --quiet     print errors only
  --help      show this help
  --version   show the version`;

const VERSION = "0.1.0";

function fail(message: string): number {
  process.stderr.write(`xlint: ${message}\n`);
  return 2;
}

function dump(args: string[]): number {
  if (args.length !== 1) return fail("dump takes exactly one FILE\n" + USAGE);
  const file = args[0] as string;
  const read = readConfig(file);
  if (!read.ok) return fail(`${file}: ${read.error}`);
  const result = lintText(read.text, { encoding: read.encoding });
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) {
    for (const d of errors) process.stderr.write(`${file}:${d.range.start.line + 1}:${d.range.start.column + 1}: ${d.message}\n`);
    return 1;
  }
  process.stdout.write(settingsToJson(result.evaluation, read.encoding));
  return 0;
}

function lint(paths: string[], quiet: boolean): number {
  if (paths.length === 0) return fail("no PATH given\n" + USAGE);
  const { files, errors } = expandPaths(paths);
  for (const e of errors) process.stderr.write(`xlint: ${e}\n`);
  let errorCount = 0;
  let warningCount = 0;
  const out: string[] = [];
  for (const file of files) {
    const read = readConfig(file);
    if (!read.ok) {
      errors.push(file);
      process.stderr.write(`xlint: ${file}: ${read.error}\n`);
      continue;
    }
    for (const d of lintText(read.text, { encoding: read.encoding }).diagnostics) {
      if (d.severity === "error") errorCount++;
      else if (d.severity === "warning") warningCount++;
      if (quiet && d.severity !== "error") continue;
      out.push(formatGcc(file, d));
    }
  }
  if (out.length > 0) process.stdout.write(out.join("\n") + "\n");
  const fileWord = files.length === 1 ? "file" : "files";
  process.stderr.write(`${files.length} ${fileWord} checked: ${errorCount} errors, ${warningCount} warnings\n`);
  if (errors.length > 0) return 2;
  return errorCount > 0 ? 1 : 0;
}

function main(argv: string[]): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        quiet: { type: "boolean", short: "q" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean" },
      },
    });
  } catch (error) {
    return fail(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(USAGE + "\n");
    return 0;
  }
  if (values.version) {
    process.stdout.write(VERSION + "\n");
    return 0;
  }
  if (positionals[0] === "dump") return dump(positionals.slice(1));
  return lint(positionals, values.quiet === true);
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  // Never a stack trace for users: one line, exit 2 (XLINT_DEBUG=1 shows it).
  if (process.env["XLINT_DEBUG"]) console.error(error);
  process.stderr.write(`xlint: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
}
