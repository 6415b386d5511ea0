/**
 * The first step of a lint run, per file: read it, tell whether it is an xl
 * config, and run its own pass (or, for the repository's other configs, only
 * collect the facts cross-file rules need). The same function runs in this
 * thread or in worker threads (worker-pool.ts), so the output does not depend
 * on how many there are.
 */
import path from "node:path";
import { allRules, classifyConfigFile, factsOfFile, passFile, RulePlan, type FileFacts, type FileKind, type FilePass, type HostProfile, type SeveritySetting, type StatedGuestOs } from "@xlint/linter";
import type { ByteEncoding } from "@xlint/parser";
import { readCandidate } from "@xlint/files";

/** The configuration of a group of files (one xlint.json chain), as it crosses to a worker. */
export interface RunConfig {
  readonly severities: ReadonlyMap<string, SeveritySetting>;
  readonly host: HostProfile;
}

export interface WorkItem {
  /** The path to read (`-`: `stdin` holds the text). */
  readonly file: string;
  /** The path findings are reported under. */
  readonly path: string;
  /** Found by a walk or a pattern: skipped unless it looks like an xl config. */
  readonly walked: boolean;
  /** Another config of the repository: only its facts are wanted. */
  readonly context: boolean;
  readonly config: number;
  /** The guest OS xlint.json's `guests` state for this file. */
  readonly guestOs?: StatedGuestOs;
  readonly stdin?: { readonly text: string; readonly encoding: ByteEncoding };
}

export type ItemResult =
  | { readonly kind: "pass"; readonly pass: FilePass }
  | { readonly kind: "facts"; readonly facts: FileFacts }
  | { readonly kind: "skip"; readonly reason: string }
  | { readonly kind: "problem"; readonly message: string };

export interface ItemEnvironment {
  readonly plan: RulePlan;
  readonly configs: readonly RunConfig[];
  readonly sourceLines: boolean;
}

export function itemEnvironment(configs: readonly RunConfig[], sourceLines: boolean): ItemEnvironment {
  return { plan: new RulePlan(allRules, undefined), configs, sourceLines };
}

/** A candidate's text and kind, or why it is skipped or cannot be read. */
export type Loaded =
  | { readonly kind: "text"; readonly text: string; readonly encoding: ByteEncoding; readonly fileKind: FileKind }
  | { readonly kind: "skip"; readonly reason: string }
  | { readonly kind: "problem"; readonly message: string };

/** Reads a file (or takes standard input's text) and decides what kind of xl file it is. */
export function loadCandidate(candidate: { readonly file: string; readonly logicalPath: string; readonly walked: boolean; readonly stdin?: WorkItem["stdin"] }): Loaded {
  const read = candidate.stdin ? ({ kind: "text", ...candidate.stdin } as const) : readCandidate(candidate.file, candidate.walked);
  if (read.kind !== "text") return read;
  const classified = classifyConfigFile(path.basename(candidate.logicalPath), read.text);
  if (classified.kind !== undefined) return { ...read, fileKind: classified.kind };
  // A file named on the command line is linted whatever it looks like.
  if (!candidate.walked) return { ...read, fileKind: "domain" };
  return { kind: "skip", reason: `not an xl config: ${classified.reason}` };
}

export function processItem(item: WorkItem, env: ItemEnvironment): ItemResult {
  const loaded = loadCandidate({ file: item.file, logicalPath: item.stdin ? item.path : item.file, walked: item.walked, stdin: item.stdin });
  if (loaded.kind !== "text") return loaded;
  const config = env.configs[item.config] as RunConfig;
  const input = { path: item.path, text: loaded.text, encoding: loaded.encoding, severities: config.severities, host: config.host, kind: loaded.fileKind, guestOs: item.guestOs };
  try {
    if (item.context) return { kind: "facts", facts: factsOfFile(input, env.plan) };
    return { kind: "pass", pass: passFile(input, env.plan, { sourceLines: env.sourceLines }) };
  } catch (error) {
    // The linter is not meant to throw; if it does, the file is reported and the run goes on.
    return { kind: "problem", message: `internal error while linting: ${error instanceof Error ? error.message : String(error)}` };
  }
}
