/**
 * Runs rules over a set of files: file rules one file at a time, then project
 * rules over all of them, then configuration (severities), inline
 * suppressions and the unused-suppression check.
 */
import { evaluate, parse, type ByteEncoding, type Evaluation, type ParseResult } from "@xlint/parser";
import { resolveGuestType, type GuestTypeInfo } from "./guest-type";
import { ruleAppliesTo } from "./file-kinds";
import { forgetFileCaches } from "./file-caches";
import { DEFAULT_HOST, type HostProfile } from "./host";
import { findSuppressor, readSuppressions, type SuppressedRule, type Suppression } from "./suppressions";
import type { Diagnostic, FileContext, FileKind, FileRule, ProjectFile, Report, Rule, Severity, SeveritySetting, SuppressionRule } from "./types";

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
  /** What the file is to xl; a domain config unless said otherwise (see `detectConfigKind`). */
  readonly kind?: FileKind;
}

export interface LintOptions {
  readonly rules: readonly Rule[];
  readonly host?: HostProfile;
  /** Called after each file's own rules ran (done of total), for progress displays. */
  readonly onFileChecked?: (done: number, total: number) => void;
}

export interface FileResult {
  readonly path: string;
  readonly kind: FileKind;
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

  const plans = new FileRulePlans(options.rules);
  for (const [index, state] of states.entries()) {
    const context = fileContext(state);
    for (const rule of plans.for(state)) {
      context.rule = rule;
      rule.check(context);
    }
    forgetFileCaches(state.evaluation);
    options.onFileChecked?.(index + 1, states.length);
  }
  for (const rule of options.rules) {
    if (rule.scope !== "project") continue;
    // Files of other kinds are not even context: a cpupool's `name` is no guest's name.
    const files = states.filter((s) => ruleAppliesTo(rule, s.kind));
    const active = new Set(files.filter((s) => severityFor(rule, s.input) !== "off"));
    if (active.size === 0) continue;
    rule.check({
      files,
      host,
      report: (path, report) => {
        const state = byPath.get(path);
        // Findings only land in files where the rule is on; the others still serve as context.
        if (state && active.has(state)) state.pending.push({ rule, report });
      },
    });
  }
  for (const state of states) forgetFileCaches(state.evaluation);
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
    kind: input.kind ?? "domain",
    host,
    text: input.text,
    parse: parsed,
    evaluation,
    guest,
    pending: [],
    suppressions: readSuppressions(parsed.file.comments, parsed.lines),
  };
}

/**
 * The file rules that run on a file: those of its kind that its
 * configuration does not turn off. Files share few combinations of kind and
 * severities (one per config file), so each list is worked out once.
 */
class FileRulePlans {
  private readonly bySeverities = new WeakMap<ReadonlyMap<string, SeveritySetting>, Map<FileKind, readonly FileRule[]>>();
  private readonly byKind = new Map<FileKind, readonly FileRule[]>();
  private readonly fileRules: readonly FileRule[];

  constructor(rules: readonly Rule[]) {
    this.fileRules = rules.filter((r): r is FileRule => r.scope === "file");
  }

  for(state: FileState): readonly FileRule[] {
    const severities = state.input.severities;
    let byKind = this.byKind;
    if (severities) {
      let found = this.bySeverities.get(severities);
      if (!found) {
        found = new Map();
        this.bySeverities.set(severities, found);
      }
      byKind = found;
    }
    let plan = byKind.get(state.kind);
    if (!plan) {
      // `syntax` runs on every kind of file (one grammar) and even when configured off: its errors are never hidden.
      plan = this.fileRules.filter((rule) => rule.id === SYNTAX || (ruleAppliesTo(rule, state.kind) && severityFor(rule, state.input) !== "off"));
      byKind.set(state.kind, plan);
    }
    return plan;
  }
}

/** One context per file; `rule` is set before each check, so reports know their rule. */
function fileContext(state: FileState): FileContext & { rule: Rule } {
  const context = {
    rule: undefined as unknown as Rule,
    path: state.path,
    kind: state.kind,
    text: state.text,
    parse: state.parse,
    evaluation: state.evaluation,
    guest: state.guest,
    host: state.host,
    setting: (key: string) => state.evaluation.settings.get(key),
    report: (report: Report) => {
      state.pending.push({ rule: context.rule, report });
    },
  };
  return context;
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
  return { path: state.path, kind: state.kind, parse: state.parse, evaluation: state.evaluation, guest: state.guest, diagnostics, suppressed };
}

function toDiagnostic(path: string, rule: string, severity: Severity, report: Report): Diagnostic {
  return { path, rule, severity, message: report.message, range: report.range, fix: report.fix, related: report.related ?? [] };
}
