/**
 * The command line, read with Node's own `util.parseArgs` (strict: an
 * unknown flag is a usage error, never silently ignored). No dependency is
 * needed for this, and it keeps `xlint`'s start-up fast.
 */
import { parseArgs } from "node:util";
import { FORMAT_NAMES, type FormatName } from "./report/types";

export const USAGE = `usage: xlint [options] [PATH|GLOB|-]...      (no PATH: the current folder)
       xlint fmt [--check] [--diff] [PATH|GLOB|-]...
       xlint dump [--explain] FILE
       xlint rules [--json]
       xlint explain RULE

Lints Xen xl domain configuration files. Directories are searched for domain configs (*.cfg, *.xl, …, and
extensionless files recognised by their content), xl.conf and cpupool files, leaving out what .gitignore and
xlint.json's "ignore" exclude. A file named explicitly is always linted. "-" reads standard input.

Output:
  -f, --format NAME        stylish (default on a terminal), gcc (default otherwise), json, sarif, github
                           (default when GITHUB_ACTIONS=true)
  -o, --output FILE        write the report to FILE instead of standard output
  -q, --quiet              report errors only
      --max-warnings N     exit 1 when there are more than N warnings
      --color, --no-color  force or disable colours (default: on for a terminal, off with NO_COLOR)
Fixes:
      --fix                apply safe fixes, then report what is left
      --unsafe-fixes       also apply fixes that may change behaviour (with --fix or --diff)
      --diff               print the fixes as a unified diff instead of writing them; exit 1 if there are any
Configuration:
      --config FILE        use this xlint.json instead of searching upward from each file
      --rule RULE=SEVERITY set a rule's severity (off, info, warning, error); repeatable
      --baseline FILE      hide the findings recorded in FILE
      --write-baseline FILE  record the current findings in FILE (and exit 0)
      --stdin-filename P   the path standard input stands for (config lookup, messages)
Repository:
      --no-repo-context    cross-file rules (duplicate MAC, name, UUID, disk) compare the given files only, not
                           also the repository's other configs (found up to the xlint.json with "root": true,
                           else the git work tree)
Host facts:
      --host-bridges A,B   the bridges that exist on the host
      --host-from-system   read this machine's OS, arch, bridges, xl.conf (and, with xl, CPUs, NUMA nodes, CPU pools)
      --xl-conf FILE       read vif.default.bridge and vif.default.script from this xl.conf
Other:
  -j, --jobs N             lint in N threads (default: one per CPU for runs of 5,000 files or more)
  -v, --verbose            list every file linted, every file skipped (and why) and the repository's other
                           configs read for the cross-file rules, on standard error
      --explain            with dump: print the guest type, guest OS and arch xlint assumes for FILE, and why
      --debug              show stack traces of internal errors
  -h, --help               show this help
      --version            show the version

Exit codes: 0 no errors (and warnings within --max-warnings), 1 errors found (fmt --check: a file would change;
--diff: there are fixes), 2 usage or input problem.`;

export interface LintOptions {
  readonly paths: readonly string[];
  readonly format: FormatName | undefined;
  readonly output: string | undefined;
  readonly quiet: boolean;
  readonly maxWarnings: number | undefined;
  readonly color: boolean | undefined;
  readonly fix: boolean;
  readonly unsafeFixes: boolean;
  readonly diff: boolean;
  readonly config: string | undefined;
  readonly rules: readonly string[];
  readonly baseline: string | undefined;
  readonly writeBaseline: string | undefined;
  readonly stdinFilename: string | undefined;
  readonly hostBridges: string | undefined;
  readonly hostFromSystem: boolean;
  readonly xlConf: string | undefined;
  /** Threads for linting; undefined: decided by the size of the run. */
  readonly jobs: number | undefined;
  readonly verbose: boolean;
  /** Read the repository's other configs as context for the cross-file rules. */
  readonly repoContext: boolean;
}

export type Command =
  | { readonly name: "lint"; readonly options: LintOptions }
  | { readonly name: "fmt"; readonly options: LintOptions; readonly check: boolean }
  | { readonly name: "dump"; readonly args: readonly string[]; readonly explain: boolean; readonly config?: string; readonly stdinFilename?: string }
  | { readonly name: "rules"; readonly json: boolean }
  | { readonly name: "explain"; readonly args: readonly string[] }
  | { readonly name: "help" }
  | { readonly name: "version" };

export interface ParsedCommandLine {
  readonly command: Command;
  readonly debug: boolean;
}

const OPTIONS = {
  format: { type: "string", short: "f" },
  output: { type: "string", short: "o" },
  quiet: { type: "boolean", short: "q" },
  "max-warnings": { type: "string" },
  color: { type: "boolean" },
  "no-color": { type: "boolean" },
  fix: { type: "boolean" },
  "unsafe-fixes": { type: "boolean" },
  diff: { type: "boolean" },
  check: { type: "boolean" },
  config: { type: "string" },
  rule: { type: "string", multiple: true },
  baseline: { type: "string" },
  "write-baseline": { type: "string" },
  "stdin-filename": { type: "string" },
  "host-bridges": { type: "string" },
  "host-from-system": { type: "boolean" },
  "xl-conf": { type: "string" },
  jobs: { type: "string", short: "j" },
  verbose: { type: "boolean", short: "v" },
  "no-repo-context": { type: "boolean" },
  json: { type: "boolean" },
  explain: { type: "boolean" },
  debug: { type: "boolean" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean" },
} as const;

const SUBCOMMANDS = new Set(["fmt", "dump", "rules", "explain"]);

/** Reads argv (without node and the script); a string is a usage error to print. */
export function parseCommandLine(argv: readonly string[]): ParsedCommandLine | string {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: OPTIONS });
  } catch (error) {
    return usageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  const debug = values.debug === true;
  if (values.help) return { command: { name: "help" }, debug };
  if (values.version) return { command: { name: "version" }, debug };

  const first = positionals[0];
  const sub = first !== undefined && SUBCOMMANDS.has(first) ? first : undefined;
  const rest = sub ? positionals.slice(1) : [...positionals];
  if (sub === "dump") {
    const explain = values.explain === true;
    return { command: { name: "dump", args: rest, explain, ...(values.config !== undefined ? { config: values.config } : {}), ...(values["stdin-filename"] !== undefined ? { stdinFilename: values["stdin-filename"] } : {}) }, debug };
  }
  if (values.explain) return usageError("--explain belongs to `xlint dump`");
  if (sub === "rules") return { command: { name: "rules", json: values.json === true }, debug };
  if (sub === "explain") return { command: { name: "explain", args: rest }, debug };

  if (values.json) return usageError("--json belongs to `xlint rules`; use --format json to lint");
  if (values.check && sub !== "fmt") return usageError("--check belongs to `xlint fmt`");
  if (values.color && values["no-color"]) return usageError("--color and --no-color contradict each other");
  const format = values.format;
  if (format !== undefined && !(FORMAT_NAMES as readonly string[]).includes(format)) {
    return usageError(`--format ${format}: choose one of ${FORMAT_NAMES.join(", ")}`);
  }
  let maxWarnings: number | undefined;
  if (values["max-warnings"] !== undefined) {
    const n = Number(values["max-warnings"]);
    if (!/^\d+$/.test(values["max-warnings"]) || !Number.isSafeInteger(n)) return usageError(`--max-warnings ${values["max-warnings"]}: give a whole number, 0 or more`);
    maxWarnings = n;
  }
  let jobs: number | undefined;
  if (values.jobs !== undefined) {
    const n = Number(values.jobs);
    if (!/^\d+$/.test(values.jobs) || !Number.isSafeInteger(n) || n < 1) return usageError(`--jobs ${values.jobs}: give a whole number, 1 or more`);
    jobs = n;
  }
  if (values["unsafe-fixes"] && !values.fix && !values.diff) return usageError("--unsafe-fixes goes with --fix or --diff");
  if (values.fix && values.diff) return usageError("--fix writes the fixes and --diff only shows them: choose one");
  if (values["write-baseline"] && (values.fix || values.diff)) return usageError("--write-baseline records findings; run it without --fix or --diff");
  // Linting only reads, so no PATH means the current folder; fmt rewrites files, so it wants them named.
  if (rest.length === 0 && sub === "fmt") return usageError("fmt needs a PATH (. for the current folder, - for standard input)");
  if (rest.length === 0) rest.push(".");
  if (rest.filter((p) => p === "-").length > 1) return usageError("- (standard input) can be given once");
  if (values["stdin-filename"] !== undefined && !rest.includes("-")) return usageError("--stdin-filename names standard input: give - as a PATH too");

  const options: LintOptions = {
    paths: rest,
    format: format as FormatName | undefined,
    output: values.output,
    quiet: values.quiet === true,
    maxWarnings,
    color: values.color ? true : values["no-color"] ? false : undefined,
    fix: values.fix === true,
    unsafeFixes: values["unsafe-fixes"] === true,
    diff: values.diff === true,
    config: values.config,
    rules: values.rule ?? [],
    baseline: values.baseline,
    writeBaseline: values["write-baseline"],
    stdinFilename: values["stdin-filename"],
    hostBridges: values["host-bridges"],
    hostFromSystem: values["host-from-system"] === true,
    xlConf: values["xl-conf"],
    jobs,
    verbose: values.verbose === true,
    repoContext: values["no-repo-context"] !== true,
  };
  if (sub === "fmt") {
    if (values.fix || values.format || values.baseline || values["write-baseline"] || values.jobs || values["no-repo-context"]) {
      return usageError("fmt takes --check, --diff and PATHs (and --stdin-filename, --verbose)");
    }
    return { command: { name: "fmt", options, check: values.check === true }, debug };
  }
  return { command: { name: "lint", options }, debug };
}

function usageError(message: string): string {
  return `${message.replace(/\.$/, "")}\nRun \`xlint --help\` for usage.`;
}
