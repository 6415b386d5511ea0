/**
 * `xlint dump --explain FILE`: what xlint assumes of a config before any rule
 * runs, and why: the guest type xl will build, the guest OS, and the arch the
 * config is meant for, each with the line it comes from when there is one.
 * The host profile and the `guests` of xlint.json apply as in a lint run.
 *
 * The output is for people, but stable (tests and scripts may read it):
 *
 *   FILE
 *   guest type: pv (xl's default on x86: neither `type` nor `builder` is set)
 *   guest OS:   netbsd (inferred from the config)
 *     line 2: kernel `/netbsd-XEN3_DOMU.gz` is a NetBSD kernel name [strong]
 *   arch:       x86 (nothing says; x86 assumed)
 *
 * The text itself is the linter's `explainText` (the language server prints it too).
 */
import path from "node:path";
import { allRules, explainText, fileAssumptions } from "@xlint/linter";
import { decodeFileBytes, evaluate, parse } from "@xlint/parser";
import { readFileSync } from "node:fs";
import { ConfigResolver, describeFsError } from "@xlint/files";
import type { Io } from "./io";

export interface ExplainOptions {
  /** `--config FILE`: this xlint.json instead of the ones found upward from the file. */
  readonly config?: string;
  /** `--stdin-filename`: the path standard input stands for. */
  readonly stdinFilename?: string;
}

export function runExplain(file: string, options: ExplainOptions, io: Io): number {
  let bytes: Uint8Array;
  try {
    bytes = file === "-" ? io.readStdin() : readFileSync(file);
  } catch (error) {
    return io.fail(`${file}: ${describeFsError(error)}`);
  }
  const shown = file === "-" ? (options.stdinFilename ?? "<stdin>") : file;
  const resolver = new ConfigResolver(new Set(allRules.map((r) => r.id)), options.config, { severities: new Map(), host: {} });
  const configPath = path.resolve(file === "-" ? (options.stdinFilename ?? "<stdin>") : file);
  const effective = resolver.forFile(configPath);
  const stated = resolver.guestOsFor(configPath);
  for (const problem of resolver.problems) io.stderr(`xlint: ${problem}\n`);

  const { text, encoding } = decodeFileBytes(bytes);
  const parsed = parse(text, { encoding });
  const evaluation = evaluate(parsed.file);
  const assumptions = fileAssumptions(parsed, evaluation, { guestOs: stated }, effective.host);
  io.stdout(explainText(shown, text, assumptions));
  return 0;
}
