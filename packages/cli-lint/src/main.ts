/**
 * The `xlint` command.
 *   xlint [PATH...]      lint files and directories
 *   xlint dump FILE      the settings as xl stores them, as JSON
 * Exit codes: 0 clean, 1 errors found (or the file does not parse), 2 usage or I/O error.
 */
import { parseArgs } from "node:util";
import { allRules, lintFiles, ruleById, ruleDocMarkdown, type LintInput, type SeveritySetting } from "@xlint/linter";
import { ConfigResolver } from "./config-files";
import { readXlConf } from "./xl-conf";
import { evaluate, parse, settingsToJson } from "@xlint/parser";
import { expandPaths, readConfig } from "./files";
import { formatGcc } from "./output";

const USAGE = `usage: xlint [options] PATH...
       xlint dump FILE
       xlint rules [--json]
       xlint explain RULE

Lints Xen xl domain configuration files (directories are searched for *.cfg and *.xl).
  dump FILE                print the settings exactly as xl reads them, as JSON
  rules [--json]           list every rule (id, default severity, category, fix, summary)
  explain RULE             print a rule's documentation
  --config FILE            use this xlint.json instead of searching upward from each file
  --rule RULE=SEVERITY     override a rule's severity (off, info, warning, error); repeatable
  --host-bridges A,B       the bridges that exist on the host
  --xl-conf FILE           read the host's vif defaults (vif.default.bridge, …) from this xl.conf
  --quiet                  print errors only
  --help                   show this help
  --version                show the version`;

const SEVERITIES: readonly string[] = ["off", "info", "warning", "error"];

const VERSION = "0.1.0";

function fail(message: string): number {
  process.stderr.write(`xlint: ${message}\n`);
  return 2;
}

function listRules(json: boolean): number {
  if (json) {
    const rows = allRules.map((r) => ({ id: r.id, severity: r.severity, category: r.category, fixable: r.fixable, scope: r.scope, summary: r.summary }));
    process.stdout.write(JSON.stringify(rows, null, 2) + "\n");
    return 0;
  }
  const width = Math.max(...allRules.map((r) => r.id.length));
  for (const r of allRules) process.stdout.write(`${r.id.padEnd(width)}  ${r.severity.padEnd(7)}  ${r.summary}\n`);
  return 0;
}

function explain(args: string[]): number {
  if (args.length !== 1) return fail("explain takes exactly one RULE\n" + USAGE);
  const rule = ruleById(args[0] as string);
  if (!rule) return fail(`unknown rule \`${args[0]}\`; \`xlint rules\` lists them`);
  process.stdout.write(ruleDocMarkdown(rule));
  return 0;
}

function dump(args: string[]): number {
  if (args.length !== 1) return fail("dump takes exactly one FILE\n" + USAGE);
  const file = args[0] as string;
  const read = readConfig(file);
  if (!read.ok) return fail(`${file}: ${read.error}`);
  // dump shows what libxlu stores, so only the parser's verdict matters here, not the rules.
  const parsed = parse(read.text, { encoding: read.encoding });
  const evaluation = evaluate(parsed.file);
  const errors = [...parsed.diagnostics, ...evaluation.diagnostics].filter((d) => d.severity === "error");
  if (errors.length > 0) {
    errors.sort((a, b) => a.range.start.offset - b.range.start.offset);
    for (const d of errors) process.stderr.write(`${file}:${d.range.start.line + 1}:${d.range.start.column + 1}: ${d.message}\n`);
    return 1;
  }
  process.stdout.write(settingsToJson(evaluation, read.encoding));
  return 0;
}

interface LintFlags {
  readonly quiet: boolean;
  readonly config: string | undefined;
  readonly rules: readonly string[];
  readonly hostBridges: string | undefined;
  readonly xlConf: string | undefined;
}

function ruleOverrides(specs: readonly string[]): Map<string, SeveritySetting> | string {
  const known = new Set(allRules.map((r) => r.id));
  const out = new Map<string, SeveritySetting>();
  for (const spec of specs) {
    const [id = "", severity = ""] = spec.split("=");
    if (!known.has(id)) return `--rule ${spec}: unknown rule \`${id}\` (\`xlint rules\` lists them)`;
    if (!SEVERITIES.includes(severity)) return `--rule ${spec}: the severity must be off, info, warning or error`;
    out.set(id, severity as SeveritySetting);
  }
  return out;
}

function lint(paths: string[], flags: LintFlags): number {
  if (paths.length === 0) return fail("no PATH given\n" + USAGE);
  const severities = ruleOverrides(flags.rules);
  if (typeof severities === "string") return fail(severities);
  const bridges = flags.hostBridges?.split(",").map((b) => b.trim()).filter((b) => b !== "");
  const xlConf = flags.xlConf ? readXlConf(flags.xlConf) : {};
  if (typeof xlConf === "string") return fail(xlConf);
  const resolver = new ConfigResolver(new Set(allRules.map((r) => r.id)), flags.config, {
    severities,
    host: { ...xlConf, ...(bridges ? { bridges } : {}) },
  });
  const { files, errors } = expandPaths(paths, (file) => resolver.isIgnored(file));
  for (const e of errors) process.stderr.write(`xlint: ${e}\n`);
  const inputs: LintInput[] = [];
  for (const file of files) {
    const read = readConfig(file);
    if (!read.ok) {
      errors.push(file);
      process.stderr.write(`xlint: ${file}: ${read.error}\n`);
      continue;
    }
    const effective = resolver.forFile(file);
    inputs.push({ path: file, text: read.text, encoding: read.encoding, severities: effective.severities, host: effective.host });
  }
  for (const problem of resolver.problems) process.stderr.write(`xlint: ${problem}\n`);
  let errorCount = 0;
  let warningCount = 0;
  const out: string[] = [];
  for (const result of lintFiles(inputs, { rules: allRules })) {
    for (const d of result.diagnostics) {
      if (d.severity === "error") errorCount++;
      else if (d.severity === "warning") warningCount++;
      if (flags.quiet && d.severity !== "error") continue;
      out.push(formatGcc(result.path, d));
    }
  }
  if (out.length > 0) process.stdout.write(out.join("\n") + "\n");
  const fileWord = inputs.length === 1 ? "file" : "files";
  process.stderr.write(`${inputs.length} ${fileWord} checked: ${errorCount} errors, ${warningCount} warnings\n`);
  if (errors.length > 0 || resolver.problems.length > 0) return 2;
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
        config: { type: "string" },
        json: { type: "boolean" },
        rule: { type: "string", multiple: true },
        "host-bridges": { type: "string" },
        "xl-conf": { type: "string" },
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
  if (positionals[0] === "rules") return listRules(values.json === true);
  if (positionals[0] === "explain") return explain(positionals.slice(1));
  return lint(positionals, {
    quiet: values.quiet === true,
    config: values.config,
    rules: values.rule ?? [],
    hostBridges: values["host-bridges"],
    xlConf: values["xl-conf"],
  });
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  // Never a stack trace for users: one line, exit 2 (XLINT_DEBUG=1 shows it).
  if (process.env["XLINT_DEBUG"]) console.error(error);
  process.stderr.write(`xlint: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
}
