/**
 * One file's own pass: parse, evaluate, run the file rules, collect the facts
 * project rules need, apply the file's severities and suppression comments.
 * What it returns is plain data with no reference to the file's text or
 * syntax tree, so a run over many files keeps only this much of each (and a
 * worker thread can send it to the main one).
 */
import { evaluate, parse, type ByteEncoding, type Evaluation, type LineIndex, type ParseResult } from "@xlint/parser";
import { forgetFileCaches } from "./file-caches";
import { inferGuestOs, type GuestOsInfo, type StatedGuestOs } from "./guest-os";
import { resolveGuestType, type GuestTypeInfo } from "./guest-type";
import { resolveArch, type ArchInfo } from "./host-arch";
import type { EffectiveHost, HostProfile } from "./host";
import { detachString, factRange, plainDiagnostic } from "./plain";
import { severityFor, SYNTAX, type RulePlan } from "./plan";
import { findSuppressor, readSuppressions, type SuppressedRule, type Suppression } from "./suppressions";
import type { ProjectReport } from "./project-run";
import type { Diagnostic, FactSource, FileKind, Report, Rule, Severity, SeveritySetting } from "./types";

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
  /** The guest OS stated for this file (xlint.json `guests`); a `# xlint-guest-os:` comment in the file wins over it. */
  readonly guestOs?: StatedGuestOs;
}

export interface PassOptions {
  /** Keep the text of every line a finding (or a fact) starts on, for reports that show source. */
  readonly sourceLines?: boolean;
}

/**
 * A file's facts: by project rule id, the JSON text of what the rule
 * collected. Text rather than objects: one compact string per rule and file
 * is what a run of 100,000 files can afford to hold (a few hundred bytes per
 * file instead of a few dozen small objects), it is new (JSON.stringify shares
 * nothing with the file's text), and it crosses a worker thread as it is. The
 * project rules parse their own part when they run (see runProjectRules).
 */
export type FactsByRule = Record<string, string>;

/** A file that only serves as context for project rules: its facts, nothing else. */
export interface FileFacts {
  readonly path: string;
  readonly kind: FileKind;
  readonly facts: FactsByRule;
}

export interface FilePass extends FileFacts {
  /** Findings of the file rules, with severities and suppressions applied. */
  readonly diagnostics: Diagnostic[];
  /** How many findings inline comments hid so far. */
  readonly suppressed: number;
  /** With `sourceLines`: 0-based line → its text (without the line break). */
  readonly sourceLines?: Map<number, string>;
  /**
   * Set when a suppression comment names a project rule and hid nothing yet:
   * it may still hide a project finding, so the check for unused
   * suppressions waits for the project rules, and the text stays until then.
   * Such comments are rare; every other file keeps no text.
   */
  readonly deferred?: DeferredSuppressions;
}

export interface DeferredSuppressions {
  readonly text: string;
  readonly encoding: ByteEncoding | undefined;
  /** Which entries (suppressions' rule names, counted in file order) file findings used. */
  readonly used: readonly number[];
}

interface Parsed {
  readonly parsed: ParseResult;
  readonly source: FactSource;
}

/** What xlint assumes of a file before any rule runs: the arch, the guest type, the guest OS (`xlint dump --explain` prints them). */
export interface FileAssumptions {
  readonly arch: ArchInfo;
  readonly host: EffectiveHost;
  readonly guest: GuestTypeInfo;
  readonly guestOs: GuestOsInfo;
}

/** Works out a file's assumptions from its parse; `profile` is the host profile that applies to it. */
export function fileAssumptions(parsed: ParseResult, evaluation: Evaluation, input: Pick<LintInput, "guestOs">, profile: HostProfile): FileAssumptions {
  const setting = (key: string) => evaluation.settings.get(key);
  const arch = resolveArch(setting, profile);
  // Rules read the arch the config is meant for as the host's.
  const host: EffectiveHost = arch.arch === profile.arch ? (profile as EffectiveHost) : { ...profile, arch: arch.arch };
  const guest = resolveGuestType(setting, host);
  const guestOs = inferGuestOs(setting, { stated: input.guestOs, comments: parsed.file.comments, lines: parsed.lines });
  return { arch, host, guest, guestOs };
}

/** A file's text already parsed and evaluated (of `LintInput.text` with its encoding), for a caller that reads the parse too. */
export interface ParsedText {
  readonly parse: ParseResult;
  readonly evaluation: Evaluation;
}

function read(input: LintInput, plan: RulePlan, sourceLines: Map<number, string> | undefined, given?: ParsedText): Parsed {
  const parsed = given?.parse ?? parse(input.text, { encoding: input.encoding ?? "utf8" });
  const evaluation = given?.evaluation ?? evaluate(parsed.file);
  const { arch, host, guest, guestOs } = fileAssumptions(parsed, evaluation, input, input.host ?? plan.host);
  const source: FactSource = {
    path: input.path,
    kind: input.kind ?? "domain",
    parse: parsed,
    evaluation,
    guest,
    guestOs,
    arch,
    host,
    setting: (key) => evaluation.settings.get(key),
    keep: (range) => {
      const kept = factRange(range);
      if (sourceLines) keepLine(sourceLines, parsed, kept[1]);
      return kept;
    },
  };
  return { parsed, source };
}

function collectFacts(source: FactSource, plan: RulePlan): FactsByRule {
  const facts: FactsByRule = {};
  for (const rule of plan.projectRulesFor(source.kind)) {
    const found = rule.collect(source);
    if (found !== undefined) facts[rule.id] = JSON.stringify(found);
  }
  return facts;
}

/**
 * The facts of a file that is not linted itself (another config of the
 * repository). `parsed`: the input's text already parsed (the language
 * server's index reads the same parse for its symbols), so it is not parsed twice.
 */
export function factsOfFile(input: LintInput, plan: RulePlan, parsed?: ParsedText): FileFacts {
  const { source } = read(input, plan, undefined, parsed);
  const facts = collectFacts(source, plan);
  forgetFileCaches(source.evaluation);
  return { path: input.path, kind: source.kind, facts };
}

/** `given`: the input's text already parsed (the language server's analysis of an open document), so it is not parsed twice. */
export function passFile(input: LintInput, plan: RulePlan, options: PassOptions = {}, given?: ParsedText): FilePass {
  const sourceLines = options.sourceLines ? new Map<number, string>() : undefined;
  const { parsed, source } = read(input, plan, sourceLines, given);
  const pending: { rule: Rule; report: Report }[] = [];
  let current: Rule | undefined;
  const context = { ...source, text: input.text, report: (report: Report) => void pending.push({ rule: current as Rule, report }) };
  for (const rule of plan.fileRulesFor(source.kind, input.severities)) {
    current = rule;
    rule.check(context);
  }
  const facts = collectFacts(source, plan);
  forgetFileCaches(source.evaluation);

  const suppressions = readSuppressions(parsed.file.comments, parsed.lines);
  const used = new Set<SuppressedRule>();
  const kept: Diagnostic[] = [];
  let suppressed = 0;
  for (const { rule, report } of pending) {
    const outcome = configure(rule.id, rule.severity, report, input.severities, suppressions);
    if (outcome === "off") continue;
    if ("suppressor" in outcome) {
      used.add(outcome.suppressor);
      suppressed++;
      continue;
    }
    kept.push(plainDiagnostic(input.path, rule.id, outcome.severity, report, parsed.lines));
  }
  const waiting = suppressions.some((s) => s.rules.some((r) => plan.projectIds.has(r.id) && !used.has(r)));
  if (!waiting) kept.push(...suppressionFindings(input, plan, suppressions, used, parsed.lines));
  if (sourceLines) for (const d of kept) keepLine(sourceLines, parsed, d.range.start.line);
  return {
    path: input.path,
    kind: source.kind,
    facts,
    diagnostics: kept,
    suppressed,
    sourceLines,
    deferred: waiting ? { text: input.text, encoding: input.encoding, used: entryIndices(suppressions, used) } : undefined,
  };
}

/**
 * Ends a file's pass once the project rules have run: their findings get the
 * file's severities and, for a file with deferred suppressions, its comments,
 * which are then checked for use. Returns the findings sorted by position.
 */
export function completeFile(
  pass: FilePass,
  severities: ReadonlyMap<string, SeveritySetting> | undefined,
  project: readonly { readonly rule: Rule; readonly report: ProjectReport }[],
  plan: RulePlan,
): { diagnostics: Diagnostic[]; suppressed: number } {
  const diagnostics = [...pass.diagnostics];
  let suppressed = pass.suppressed;
  if (pass.deferred) {
    // Read the comments again: suppressions refer to the parse, which was not kept.
    const parsed = parse(pass.deferred.text, { encoding: pass.deferred.encoding ?? "utf8" });
    const suppressions = readSuppressions(parsed.file.comments, parsed.lines);
    const entries = suppressions.flatMap((s) => s.rules);
    const used = new Set<SuppressedRule>(pass.deferred.used.map((i) => entries[i] as SuppressedRule));
    for (const { rule, report } of project) {
      const outcome = configure(rule.id, rule.severity, report, severities, suppressions);
      if (outcome === "off") continue;
      if ("suppressor" in outcome) {
        used.add(outcome.suppressor);
        suppressed++;
      } else {
        diagnostics.push(plainDiagnostic(pass.path, rule.id, outcome.severity, report, undefined));
      }
    }
    const input = { path: pass.path, text: pass.deferred.text, severities };
    diagnostics.push(...suppressionFindings(input, plan, suppressions, used, parsed.lines));
    if (pass.sourceLines) for (const d of diagnostics) keepLine(pass.sourceLines, parsed, d.range.start.line);
  } else {
    // No comment of this file names a project rule, so none can hide these findings.
    for (const { rule, report } of project) {
      const outcome = configure(rule.id, rule.severity, report, severities, []);
      if (outcome !== "off" && "severity" in outcome) diagnostics.push(plainDiagnostic(pass.path, rule.id, outcome.severity, report, undefined));
    }
  }
  diagnostics.sort((a, b) => a.range.start.offset - b.range.start.offset || a.rule.localeCompare(b.rule));
  return { diagnostics, suppressed };
}

type Outcome = "off" | { readonly severity: Severity } | { readonly suppressor: SuppressedRule };

/** A finding's fate: dropped (rule off), hidden by a comment, or kept with its severity. */
function configure(
  ruleId: string,
  ruleSeverity: Severity,
  report: Omit<Report, "fix">,
  severities: ReadonlyMap<string, SeveritySetting> | undefined,
  suppressions: readonly Suppression[],
): Outcome {
  const isSyntaxError = ruleId === SYNTAX && (report.severity ?? ruleSeverity) === "error";
  if (isSyntaxError) return { severity: "error" };
  const configured = severities?.get(ruleId);
  if (configured === "off") return "off";
  const suppressor = findSuppressor(suppressions, ruleId, report.range.start.line);
  if (suppressor) return { suppressor };
  return { severity: configured ?? report.severity ?? ruleSeverity };
}

function suppressionFindings(
  input: { readonly path: string; readonly text: string; readonly severities?: ReadonlyMap<string, SeveritySetting> },
  plan: RulePlan,
  suppressions: readonly Suppression[],
  used: ReadonlySet<SuppressedRule>,
  lines: LineIndex,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const rule of plan.suppressionRules) {
    const setting = severityFor(rule, input.severities);
    if (setting === "off") continue;
    rule.check({
      path: input.path,
      text: input.text,
      suppressions,
      used,
      knownRuleIds: plan.knownIds,
      report: (report) => out.push(plainDiagnostic(input.path, rule.id, setting, report, lines)),
    });
  }
  return out;
}

function entryIndices(suppressions: readonly Suppression[], used: ReadonlySet<SuppressedRule>): number[] {
  const out: number[] = [];
  suppressions.flatMap((s) => s.rules).forEach((entry, i) => {
    if (used.has(entry)) out.push(i);
  });
  return out;
}

/** Notes the text of a 0-based line (a fresh string: a slice would keep the whole text). */
function keepLine(lines: Map<number, string>, parsed: ParseResult, line: number): void {
  if (lines.has(line)) return;
  const text = parsed.text;
  const start = parsed.lines.lineStart(line);
  const newline = text.indexOf("\n", start);
  const raw = text.slice(start, newline === -1 ? text.length : newline);
  lines.set(line, detachString(raw.endsWith("\r") ? raw.slice(0, -1) : raw));
}

