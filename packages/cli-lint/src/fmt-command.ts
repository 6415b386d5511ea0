/**
 * `xlint fmt [--check | --diff] PATH...`: rewrites configs into the one
 * canonical layout of the parser's formatter. A file the parser cannot read
 * is left untouched and reported (exit 2): a formatter must never damage
 * what it does not understand. Standard input's result goes to standard
 * output.
 */
import { allRules } from "@xlint/linter";
import { formatXl } from "@xlint/parser";
import type { LintOptions } from "./args";
import { ConfigResolver, discover } from "@xlint/files";
import { unifiedDiff } from "./diff";
import type { Io } from "./io";
import { displayPath, encodeLike } from "./lint-command";
import { loadCandidate } from "./lint-files";
import { writeFileSafely } from "./write";

export async function runFmt(options: LintOptions, check: boolean, io: Io): Promise<number> {
  const resolver = new ConfigResolver(new Set(allRules.map((r) => r.id)), options.config, { severities: new Map(), host: {} });
  const found = await discover(options.paths, {
    stdinFilename: options.stdinFilename,
    configIgnores: (file) => resolver.isIgnored(file),
    readStdin: io.readStdin,
  });
  const problems = [...found.problems];
  let changed = 0;
  let unchanged = 0;
  const diffs: string[] = [];
  for (const candidate of found.candidates) {
    const shown = displayPath(candidate.logicalPath, io.cwd);
    const loaded = loadCandidate(candidate);
    if (loaded.kind === "problem") problems.push(`${shown}: ${loaded.message}`);
    if (loaded.kind !== "text") {
      if (options.verbose && loaded.kind === "skip") io.stderr(`xlint: skipped  ${shown}: ${loaded.reason}\n`);
      continue;
    }
    const target = { file: candidate.file, text: loaded.text, encoding: loaded.encoding };
    const result = formatXl(target.text, { encoding: target.encoding });
    if (!result.ok) {
      problems.push(`${shown}:${result.line}:${result.column}: cannot format: ${result.reason}; the file is left as it is`);
      if (target.file === "-" && !check && !options.diff) io.stdout(target.text);
      continue;
    }
    if (!result.changed) unchanged++;
    else changed++;
    if (check) {
      if (result.changed) io.stdout(`${shown}\n`);
    } else if (options.diff) {
      if (result.changed) diffs.push(await unifiedDiff(shown, target.text, result.text));
    } else if (target.file === "-") {
      io.stdout(result.text);
    } else if (result.changed) {
      // Someone else's edit since it was read must not be overwritten.
      const now = loadCandidate({ ...candidate, walked: false });
      if (now.kind !== "text" || now.text !== target.text) {
        problems.push(`${shown}: changed while xlint ran; it was not reformatted (run xlint fmt again)`);
        continue;
      }
      const failed = await writeFileSafely(target.file, encodeLike(result.text, target.encoding));
      if (failed) problems.push(`${target.file}: cannot write (${failed}); the file is unchanged`);
    }
  }
  if (options.diff) io.stdout(diffs.join(""));
  const files = (n: number): string => `${n} file${n === 1 ? "" : "s"}`;
  const verb = check || options.diff ? "would be reformatted" : "reformatted";
  io.stderr(`xlint fmt: ${files(changed)} ${verb}, ${files(unchanged)} already formatted\n`);
  for (const problem of problems) io.stderr(`xlint: ${problem}\n`);
  if (problems.length > 0) return 2;
  return (check || options.diff) && changed > 0 ? 1 : 0;
}
