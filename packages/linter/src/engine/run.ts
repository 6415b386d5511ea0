/**
 * Runs rules over a set of files: file rules one file at a time, then project
 * rules over all of them, then configuration (severities), inline
 * suppressions and the unused-suppression check.
 */
import { evaluate, parse, type ByteEncoding, type Evaluation, type ParseResult } from "@xlint/parser";
import { resolveGuestType, type GuestTypeInfo } from "./guest-type";
import { DEFAULT_HOST, type HostProfile } from "./host";
import { findSuppressor, readSuppressions, type SuppressedRule, type Suppression } from "./suppressions";
import type { Diagnostic, FileContext, ProjectFile, Report, Rule, Severity, SeveritySetting, SuppressionRule } from "./types";

/** The id of the rule for everything libxlu rejects; its errors can be neither hidden nor downgraded. */
export const SYNTAX = "syntax";

export interface LintInput {
  readonly path: string;
  readonly text: string;
  readonly encoding?: ByteEncoding;
  /** Severities from the configuration that applies to this file (nearest config merged). */
  readonly severities?: ReadonlyMap<string, SeveritySetting>;
  /** Host facts from this file's configuration; defaults to the run's. */
  readonly host?: HostProfile;
}

export interface LintOptions {
  readonly rules: readonly Rule[];
  readonly host?: HostProfile;
}

export interface FileResult {
  readonly path: string;
  readonly parse: ParseResult;
  readonly evaluation: Evaluation;
  readonly guest: GuestTypeInfo;
  /** Sorted by position. */
  readonly diagnostics: readonly Diagnostic[];
  /** How many findings inline comments hid. */
  readonly suppressed: number;
}

interface Pending {
  readonly rule: Rule;
  readonly report: Report;
}

interface FileState extends ProjectFile {
  readonly input: LintInput;
  readonly pending: Pending[];
  readonly suppressions: Suppression[];
}

export function lintFiles(inputs: readonly LintInput[], options: LintOptions): FileResult[] {
  const host = options.host ?? DEFAULT_HOST;
  const states = inputs.map((input) => prepare(input, input.host ?? host));
  const byPath = new Map(states.map((s) => [s.path, s]));

  for (const state of states) {
    for (const rule of options.rules) {
      // `syntax` runs even when configured off: its errors are never hidden.
      if (rule.scope !== "file" || (severityFor(rule, state.input) === "off" && rule.id !== SYNTAX)) continue;
      rule.check(fileContext(state, rule, state.input.host ?? host));
    }
  }
  for (const rule of options.rules) {
    if (rule.scope !== "project") continue;
    const active = states.filter((s) => severityFor(rule, s.input) !== "off");
    if (active.length === 0) continue;
    rule.check({
      files: states,
      host,
      report: (path, report) => {
        const state = byPath.get(path);
        // Findings only land in files where the rule is on; the others still serve as context.
        if (state && active.includes(state)) state.pending.push({ rule, report });
      },
    });
  }
  const knownIds = new Set(options.rules.map((r) => r.id));
  const suppressionRules = options.rules.filter((r) => r.scope === "suppressions");
  return states.map((state) => finish(state, suppressionRules, knownIds));
}

function prepare(input: LintInput, host: HostProfile): FileState {
  const parsed = parse(input.text, { encoding: input.encoding ?? "utf8" });
  const evaluation = evaluate(parsed.file);
  const guest = resolveGuestType((key) => evaluation.settings.get(key), host);
  return {
    input,
    path: input.path,
    text: input.text,
    parse: parsed,
    evaluation,
    guest,
    pending: [],
    suppressions: readSuppressions(parsed.file.comments, parsed.lines),
  };
}

function fileContext(state: FileState, rule: Rule, host: HostProfile): FileContext {
  return {
    path: state.path,
    text: state.text,
    parse: state.parse,
    evaluation: state.evaluation,
    guest: state.guest,
    host,
    setting: (key) => state.evaluation.settings.get(key),
    report: (report) => state.pending.push({ rule, report }),
  };
}

function severityFor(rule: Rule, input: LintInput): SeveritySetting {
  return input.severities?.get(rule.id) ?? rule.severity;
}

function finish(state: FileState, suppressionRules: readonly SuppressionRule[], knownIds: ReadonlySet<string>): FileResult {
  const used = new Set<SuppressedRule>();
  const diagnostics: Diagnostic[] = [];
  let suppressed = 0;
  for (const { rule, report } of state.pending) {
    const isSyntaxError = rule.id === SYNTAX && (report.severity ?? rule.severity) === "error";
    const configured = state.input.severities?.get(rule.id);
    let severity: Severity;
    if (isSyntaxError) severity = "error";
    else if (configured === "off") continue;
    else severity = configured ?? report.severity ?? rule.severity;
    if (!isSyntaxError) {
      const suppressor = findSuppressor(state.suppressions, rule.id, report.range.start.line);
      if (suppressor) {
        used.add(suppressor);
        suppressed++;
        continue;
      }
    }
    diagnostics.push(toDiagnostic(state.path, rule.id, severity, report));
  }
  for (const rule of suppressionRules) {
    const setting = severityFor(rule, state.input);
    if (setting === "off") continue;
    rule.check({
      path: state.path,
      text: state.text,
      suppressions: state.suppressions,
      used,
      knownRuleIds: knownIds,
      report: (report) => diagnostics.push(toDiagnostic(state.path, rule.id, setting, report)),
    });
  }
  diagnostics.sort((a, b) => a.range.start.offset - b.range.start.offset || a.rule.localeCompare(b.rule));
  return { path: state.path, parse: state.parse, evaluation: state.evaluation, guest: state.guest, diagnostics, suppressed };
}

function toDiagnostic(path: string, rule: string, severity: Severity, report: Report): Diagnostic {
  return { path, rule, severity, message: report.message, range: report.range, fix: report.fix, related: report.related ?? [] };
}
