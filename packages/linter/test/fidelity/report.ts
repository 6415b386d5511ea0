/**
 * The fidelity report: figures per group, miss categories, per-operator
 * counts and every failing case (as JSON for tooling), and a compact text
 * version for the test log with a few examples per figure.
 */
import type { Exemption } from "./exemptions";
import { categoriesOf, figuresOf, missOf, normalise, tally, type Case, type Figures, type Miss } from "./figures";

export interface CaseRecord {
  readonly id: string;
  readonly group: Case["group"];
  readonly base?: string;
  readonly operator?: string;
  readonly changes?: readonly string[];
  /** Mutants only: corpus files can be opened where they are. */
  readonly text?: string;
  readonly xlExit: number | null;
  readonly xlMessages: readonly string[];
  readonly categories: readonly string[];
  readonly findings: readonly string[];
}

export interface OperatorRow {
  readonly operator: string;
  readonly mutants: number;
  readonly rejected: number;
  readonly warned: number;
  readonly accepted: number;
  readonly noVerdict: number;
  readonly misses: Readonly<Record<Miss, number>>;
}

export interface FidelityReport {
  readonly seed: number;
  readonly mutantCount: number;
  /** Each exemption: rule, problem, kind and the Xen source that decides it. */
  readonly exemptions: readonly { rule: string; problem: string; kind: string; source: string }[];
  readonly thresholds: Readonly<Record<string, number>>;
  /** How many mutants (the first ones) count toward `gated`, the figures the thresholds hold on. */
  readonly gatedMutants: number;
  readonly figures: { readonly corpus: Figures; readonly mutants: Figures; readonly combined: Figures; readonly gated: Figures };
  /** Miss categories, largest first: A by xl's normalised reason, B and D by rule id, C by xl's normalised warning. */
  readonly categories: Readonly<Record<Miss, readonly [string, number][]>>;
  readonly operators: readonly OperatorRow[];
  readonly failures: Readonly<Record<Miss, readonly CaseRecord[]>>;
  readonly noVerdict: readonly CaseRecord[];
}

export interface ReportInput {
  readonly cases: readonly Case[];
  readonly exempt: readonly Exemption[];
  readonly seed: number;
  readonly mutantCount: number;
  readonly gatedMutants: number;
  readonly thresholds: Readonly<Record<string, number>>;
}

function findingLine(f: Case["findings"][number]): string {
  return `${f.line}: ${f.severity} [${f.rule}] ${f.message}`;
}

function recordOf(c: Case, categories: readonly string[]): CaseRecord {
  return {
    id: c.id,
    group: c.group,
    base: c.base,
    operator: c.operator,
    changes: c.changes,
    text: c.group === "mutant" ? c.text : undefined,
    xlExit: c.xl.exit,
    xlMessages: c.xl.messages,
    categories,
    findings: c.findings.map(findingLine),
  };
}

function operatorRows(cases: readonly Case[], exempt: readonly Exemption[]): OperatorRow[] {
  const rows = new Map<string, { mutants: number; rejected: number; warned: number; accepted: number; noVerdict: number; misses: Record<Miss, number> }>();
  for (const c of cases) {
    if (c.group !== "mutant" || !c.operator) continue;
    const row = rows.get(c.operator) ?? { mutants: 0, rejected: 0, warned: 0, accepted: 0, noVerdict: 0, misses: { a: 0, b: 0, c: 0, d: 0 } };
    row.mutants++;
    if (c.xl.verdict === "no-verdict") row.noVerdict++;
    else row[c.xl.verdict]++;
    const miss = missOf(c, exempt);
    if (miss) row.misses[miss]++;
    rows.set(c.operator, row);
  }
  return [...rows].map(([operator, row]) => ({ operator, ...row })).sort((x, y) => x.operator.localeCompare(y.operator));
}

export function buildReport(input: ReportInput): FidelityReport {
  const { cases, exempt } = input;
  const failures: Record<Miss, CaseRecord[]> = { a: [], b: [], c: [], d: [] };
  const categories: Record<Miss, string[]> = { a: [], b: [], c: [], d: [] };
  for (const c of cases) {
    const miss = missOf(c, exempt);
    if (!miss) continue;
    const cats = categoriesOf(c, miss, exempt);
    categories[miss].push(...cats);
    failures[miss].push(recordOf(c, cats));
  }
  return {
    seed: input.seed,
    mutantCount: input.mutantCount,
    gatedMutants: input.gatedMutants,
    exemptions: exempt.map((e) => ({ rule: e.rule, problem: e.problem.source, kind: e.kind, source: e.source })),
    thresholds: input.thresholds,
    figures: {
      corpus: figuresOf(cases.filter((c) => c.group === "corpus"), exempt),
      mutants: figuresOf(cases.filter((c) => c.group === "mutant"), exempt),
      combined: figuresOf(cases, exempt),
      gated: figuresOf(cases.filter((c) => c.group === "corpus" || (c.index ?? Infinity) < input.gatedMutants), exempt),
    },
    categories: { a: tally(categories.a), b: tally(categories.b), c: tally(categories.c), d: tally(categories.d) },
    operators: operatorRows(cases, exempt),
    failures,
    noVerdict: cases.filter((c) => c.xl.verdict === "no-verdict").map((c) => recordOf(c, c.xl.messages.map(normalise))),
  };
}

const clip = (line: string, width = 180): string => (line.length > width ? `${line.slice(0, width - 1)}…` : line);

/** One example in at most 15 lines: what it is, what changed, what xl said, what xlint said. */
function formatExample(r: CaseRecord): string[] {
  const head = r.group === "mutant" ? `${r.id} (${r.operator}, from ${r.base})` : r.id;
  const lines = [`  • ${head}`];
  for (const change of (r.changes ?? []).slice(0, 4)) lines.push(`      ${clip(change.replace(/\n/g, "\\n"))}`);
  const xl = r.xlMessages.length > 0 ? r.xlMessages.slice(0, 4) : ["(nothing)"];
  lines.push(...xl.map((m, i) => `    ${i === 0 ? "xl:   " : "      "}${clip(m)}`));
  const ours = r.findings.length > 0 ? r.findings.slice(0, 5) : ["(no findings)"];
  lines.push(...ours.map((f, i) => `    ${i === 0 ? "xlint:" : "      "} ${clip(f)}`));
  return lines.slice(0, 15);
}

/** Up to `max` examples, one per category first, so that one big category does not hide the others. */
function examples(records: readonly CaseRecord[], max: number): CaseRecord[] {
  const chosen: CaseRecord[] = [];
  const seen = new Set<string>();
  for (const r of records) {
    const key = r.categories.join(" | ");
    if (seen.has(key)) continue;
    seen.add(key);
    chosen.push(r);
    if (chosen.length === max) return chosen;
  }
  for (const r of records) {
    if (chosen.length === max) break;
    if (!chosen.includes(r)) chosen.push(r);
  }
  return chosen;
}

function figureLine(name: string, f: Figures): string {
  return (
    `  ${name.padEnd(11)} ${String(f.configs).padStart(5)} configs (rejected ${f.rejected}, accepted ${f.accepted}, warned ${f.warned}, no verdict ${f.noVerdict})  ` +
    `A ${f.a.percent}% (${f.a.hits}/${f.a.total})  B ${f.b.hits} false errors / ${f.b.total} (${f.b.percent}%)  C ${f.c.percent}% (${f.c.hits}/${f.c.total})  ` +
    `D ${f.d.hits} undocumented errors / ${f.d.total} warned configs with errors`
  );
}

export function formatReport(report: FidelityReport, jsonPath: string, maxExamples = 10): string {
  const out: string[] = [];
  const { corpus, mutants, combined, gated } = report.figures;
  out.push(`fidelity: xlint against xl-oracle check --deep (seed ${report.seed}, ${report.mutantCount} mutants); full report: ${jsonPath}`);
  out.push(figureLine("corpus", corpus), figureLine("mutants", mutants), figureLine("combined", combined));
  if (report.mutantCount !== report.gatedMutants) out.push(figureLine(`corpus+${report.gatedMutants}`, gated));
  const thresholds = Object.entries(report.thresholds).map(([k, v]) => `${k}=${v}`).join(", ");
  out.push(`  thresholds (on the corpus and the first ${report.gatedMutants} mutants): ${thresholds}; ${report.exemptions.length} exemptions, each one rule's one problem`);
  const sections: [Miss, string][] = [
    ["a", "A misses (xl refuses, xlint has no error), by xl's reason"],
    ["b", "B false errors (xl accepts silently), by rule"],
    ["c", "C misses (xl warns, xlint silent), by xl's warning"],
    ["d", "D undocumented errors (xl warns; no exemption says why it is an error), by rule"],
  ];
  for (const [miss, title] of sections) {
    const cats = report.categories[miss];
    out.push("", `${title}: ${report.failures[miss].length} configs`);
    for (const [cat, n] of cats.slice(0, miss === "a" ? 15 : 10)) out.push(`  ${String(n).padStart(5)}  ${clip(cat, 150)}`);
    if (cats.length > (miss === "a" ? 15 : 10)) out.push(`         … ${cats.length - (miss === "a" ? 15 : 10)} more categories in the JSON report`);
    const chosen = examples(report.failures[miss], maxExamples);
    if (chosen.length > 0) out.push(`  examples:`);
    for (const r of chosen) out.push(...formatExample(r));
  }
  return out.join("\n");
}
