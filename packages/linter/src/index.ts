/**
 * @xlint/linter: the knowledge base of xl's options and the rule engine.
 * Pure: it takes text (and host facts) and returns findings; reading files,
 * finding config files and printing are the callers' job.
 */
import type { ByteEncoding } from "@xlint/parser";
import { lintFiles, type FileResult } from "./engine/run";
import type { StatedGuestOs } from "./engine/guest-os";
import type { HostProfile } from "./engine/host";
import type { Diagnostic, FileKind, SeveritySetting } from "./engine/types";
import { allRules } from "./rules";

export * from "./engine";
export { allRules, ruleById } from "./rules";

export interface LintTextOptions {
  readonly path?: string;
  readonly encoding?: ByteEncoding;
  readonly severities?: ReadonlyMap<string, SeveritySetting>;
  readonly host?: HostProfile;
  /** A domain config (the default), an xl.conf or a cpupool file. */
  readonly kind?: FileKind;
  /** The guest OS stated for the file, as xlint.json's `guests` would (a `# xlint-guest-os:` comment wins). */
  readonly guestOs?: StatedGuestOs;
}

/** Lints one file on its own with every rule (project rules see just this file). */
export function lintText(text: string, options: LintTextOptions = {}): FileResult {
  const input = { path: options.path ?? "<text>", text, encoding: options.encoding, severities: options.severities, kind: options.kind, guestOs: options.guestOs };
  return lintFiles([input], { rules: allRules, host: options.host })[0] as FileResult;
}

/** Whether xl would refuse a file with these findings (every `error` is a refusal or a sure failure). */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}
export * from "./catalog";
