/**
 * The vocabulary of the rule engine: what a rule is, what it reports, and
 * what it is given to look at. Rules are plain objects (one module each under
 * `src/rules/`), so tools can list them, print their docs and test their
 * examples without running them.
 */
import type { Evaluation, ParseResult, Range, Setting } from "@xlint/parser";
import type { GuestTypeInfo } from "./guest-type";
import type { GuestOsInfo } from "./guest-os";
import type { ArchInfo } from "./host-arch";
import type { EffectiveHost, HostProfile } from "./host";
import type { SuppressedRule, Suppression } from "./suppressions";

export type Severity = "error" | "warning" | "info";
export type SeveritySetting = Severity | "off";

/** What a finding is about; shown in docs and `xlint rules`. */
export type RuleCategory =
  | "syntax" // libxlu rejects the file
  | "correctness" // xl or libxl refuses the config, or it cannot work
  | "suspicious" // accepted, but almost certainly not what was meant
  | "guest-type" // does nothing, or is wrong, for the guest type
  | "host" // depends on the dom0 (bridges, defaults)
  | "deprecated" // still works, has a replacement
  | "compatibility" // differs between Xen versions or from xm
  | "suppression"; // about xlint's own comments

/**
 * What a file is to xl: a domain config (`xl create`), the host-wide
 * `/etc/xen/xl.conf` (read by every xl command), or a CPU pool definition
 * (`xl cpupool-create`). All three share libxlu's syntax but not their keys.
 */
export type FileKind = "domain" | "xl-conf" | "cpupool";

/** Whether a rule can offer fixes, and whether applying them can change meaning. */
export type Fixability = "safe" | "unsafe" | "none";

/** A replacement of the text between two offsets of the file. */
export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

export interface Fix {
  /** What the fix does, as a button label: "Replace `on-crash` with `on_crash`". */
  readonly title: string;
  /** `safe` keeps what the author meant; `unsafe` may change behaviour and needs `--unsafe-fixes`. */
  readonly safety: "safe" | "unsafe";
  readonly edits: readonly TextEdit[];
}

/** Another place that explains a finding, possibly in another file. */
export interface RelatedLocation {
  readonly path: string;
  readonly range: Range;
  readonly message: string;
}

/** One finding, after configuration has been applied. */
/** A text edit that also knows its line and column, so it can be shown without the file's text. */
export interface PlacedTextEdit extends TextEdit {
  readonly range: Range;
}

export interface PlacedFix extends Fix {
  readonly edits: readonly PlacedTextEdit[];
}

/**
 * One finding, after configuration has been applied. Plain data: it holds
 * no reference to the file's text or syntax tree, so a run can keep the
 * findings of many files (and send them between threads).
 */
export interface Diagnostic {
  readonly path: string;
  readonly rule: string;
  readonly severity: Severity;
  /** One short sentence saying what is wrong (under 100 characters): the line people scan. */
  readonly message: string;
  /** Why it matters and what to do, for a help line, a hover or a SARIF markdown message; absent when the message says it all. */
  readonly help?: string;
  readonly range: Range;
  readonly fix: PlacedFix | undefined;
  readonly related: readonly RelatedLocation[];
}

/** What a rule's check hands to `report`. */
export interface Report {
  readonly range: Range;
  /** What is wrong, in one short sentence (aim under 100 characters). */
  readonly message: string;
  /** Why it matters and what to do (see Diagnostic.help). */
  readonly help?: string;
  readonly fix?: Fix;
  readonly related?: readonly RelatedLocation[];
  /** For rules whose findings differ in weight (e.g. `syntax` warnings); defaults to the rule's severity. */
  readonly severity?: Severity;
}

export interface RuleExample {
  /** A complete config (or fragment) as it would appear in a file. */
  readonly config: string;
  /** What to notice, shown under the example. */
  readonly note?: string;
  /** For project rules: the other files of the run, by name. */
  readonly otherFiles?: Readonly<Record<string, string>>;
  /** Host facts the example assumes (bridges, …). */
  readonly host?: Partial<HostProfile>;
  /** What kind of file `config` is; defaults to a domain config. */
  readonly kind?: FileKind;
}

export interface RuleDocs {
  /** Markdown: what the rule finds, why it matters, what to do. */
  readonly description: string;
  /** Each must produce at least one finding of this rule. */
  readonly invalid: readonly RuleExample[];
  /** Each must produce no finding of this rule. */
  readonly valid: readonly RuleExample[];
}

interface RuleMeta {
  /** Stable kebab-case id; tools and suppressions depend on it. */
  readonly id: string;
  readonly severity: Severity;
  readonly category: RuleCategory;
  readonly fixable: Fixability;
  /** One line, shown in `xlint rules`. */
  readonly summary: string;
  readonly docs: RuleDocs;
  /**
   * The kinds of file the rule checks; domain configs only when absent, so
   * a domain rule never reports a missing `name` in xl.conf. Suppression
   * rules see every file whatever this says.
   */
  readonly kinds?: readonly FileKind[];
}

/** Everything a file rule may look at; all of it is already computed or cached. */
export interface FileContext {
  readonly path: string;
  readonly kind: FileKind;
  readonly text: string;
  readonly parse: ParseResult;
  readonly evaluation: Evaluation;
  readonly guest: GuestTypeInfo;
  /** The guest's OS, inferred or stated, with its evidence. */
  readonly guestOs: GuestOsInfo;
  /** Where the arch in `host.arch` came from (the host profile, the config's keys, or the x86 default). */
  readonly arch: ArchInfo;
  readonly host: EffectiveHost;
  /** The setting xl would read for `key`, if any. */
  setting(key: string): Setting | undefined;
  report(report: Report): void;
}

export interface FileRule extends RuleMeta {
  readonly scope: "file";
  check(context: FileContext): void;
}

/**
 * What a project rule's `collect` sees of one file: everything a file rule
 * sees except `report`, plus `keep`, through which every range that goes
 * into the facts must pass.
 */
export interface FactSource {
  readonly path: string;
  readonly kind: FileKind;
  readonly parse: ParseResult;
  readonly evaluation: Evaluation;
  readonly guest: GuestTypeInfo;
  /** The guest's OS, inferred or stated, with its evidence. */
  readonly guestOs: GuestOsInfo;
  /** Where the arch in `host.arch` came from (the host profile, the config's keys, or the x86 default). */
  readonly arch: ArchInfo;
  readonly host: EffectiveHost;
  setting(key: string): Setting | undefined;
  /**
   * A copy of `range` as plain numbers, safe to keep after the file is gone
   * (the parser's ranges refer to the file's text), and, when the run keeps
   * source lines for reports, the note that its line is needed.
   */
  keep(range: Range): FactRange;
}

/**
 * A range as facts keep it: start offset, line and column, then the same for
 * the end (0-based), in one small array rather than three objects: a run
 * holds several per file, for 100,000 files. `rangeOfFact` makes it a Range.
 */
export type FactRange = readonly [number, number, number, number, number, number];

/** One file's facts for one project rule. */
export interface ProjectFacts<F> {
  readonly path: string;
  readonly kind: FileKind;
  readonly facts: F;
}

export interface ProjectContext<F> {
  /**
   * The facts of every file of the run whose kind the rule checks (see
   * `kinds`) and whose `collect` found something, in run order: the files
   * being linted and, as context, the repository's other configs. Each walk
   * over it reads the facts anew, so that a rule holds only what it keeps:
   * walk once to count, once more to gather what repeats (`repeatedGroups`).
   */
  readonly files: Iterable<ProjectFacts<F>>;
  /**
   * Reports a finding in one of the files. Findings in files that are only
   * context (or where the rule is off) are dropped, so rules need not care.
   * Project findings carry no fix: the files' texts are gone when they run.
   */
  report(path: string, report: Omit<Report, "fix">): void;
}

/**
 * A rule across files. It never sees a file's text or syntax tree: at the end
 * of each file's own pass `collect` reduces the file to the small facts the
 * rule needs, and only those live on until `check` runs over all of them.
 * This keeps a run's memory flat in the number of files, lets files be read
 * in worker threads, and lets the repository's other configs serve as
 * context. Facts must be plain data (objects, arrays, strings, numbers,
 * booleans), with every range made by `FactSource.keep`.
 */
export interface ProjectRule<F = unknown> extends RuleMeta {
  readonly scope: "project";
  collect(file: FactSource): F | undefined;
  /**
   * Reports each use of a shared value against the others. A finding names
   * a bounded number of other places (`boundedOthers`), so the report of a
   * group of k uses grows as O(k), not O(k²).
   */
  check(context: ProjectContext<F>): void;
  /**
   * Optional: the keys through which a file's facts meet other files' (the
   * values a duplicate rule groups by, or anything coarser). Saying so
   * promises that a finding in a file depends only on the files sharing one
   * of its keys, which lets a `PreparedContext` hand the rule only those of
   * thousands of context files.
   */
  relatesBy?(facts: F): Iterable<string>;
}

/**
 * What the rule about suppression comments sees, after every other rule has
 * run and the comments have been matched against their findings.
 */
export interface SuppressionContext {
  readonly path: string;
  readonly text: string;
  readonly suppressions: readonly Suppression[];
  /** The rule names inside comments that hid at least one finding. */
  readonly used: ReadonlySet<SuppressedRule>;
  readonly knownRuleIds: ReadonlySet<string>;
  report(report: Report): void;
}

export interface SuppressionRule extends RuleMeta {
  readonly scope: "suppressions";
  check(context: SuppressionContext): void;
}

// A ProjectRule<F> is a ProjectRule<unknown>: `check` is a method, so its parameter is bivariant.
export type Rule = FileRule | ProjectRule | SuppressionRule;
