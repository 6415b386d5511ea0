/**
 * Hover on a value: what xl makes of it, read with the parser's own readers.
 * Memory sizes (`memory`, `maxmem`, `shadow_memory`, … every catalog key in
 * MiB) in MiB and GiB; `cpus`/`cpus_soft` element by element and expanded to
 * the CPUs they select (on the host profile's CPUs when known, else when the
 * list names its CPUs outright); an enum value as xl matches it (exact, any
 * case, any prefix, or a later release) with the catalog's note on the
 * values; a boolean as xl reads it (any non-zero number is true); another
 * number when xl reads it differently from how it looks (`010` is 8). A value
 * a later assignment of the same key overrides says so.
 */
import { editorRange } from "./editor-positions";
import { compareXenVersions, optionByKey, type HostProfile, type OptionInfo } from "@xlint/linter";
import {
  detachedSpecText,
  evenCpuHost,
  parseCpuList,
  readMemoryMiB,
  readXlNumber,
  resolveCpuList,
  specTextOf,
  xlNumberOptionsFor,
  type Assignment,
  type CpuList,
  type CpuListElement,
  type NumberValue,
  type StringValue,
} from "@xlint/parser";
import type { Range } from "vscode-languageserver";
import { assignmentAtValue, type DocumentAnalysis } from "./document-analysis";

export interface HoverPart {
  readonly markdown: string;
  readonly range: Range;
}

type Atom = StringValue | NumberValue;

/** The hover of the value (or list item) under `offset`, when xlint has something to say about it. */
export function valueHover(analysis: DocumentAnalysis, offset: number, host: HostProfile): HoverPart | undefined {
  if (analysis.kind !== "domain") return undefined;
  const assignment = assignmentAtValue(analysis, offset);
  const option = assignment === undefined ? undefined : optionByKey(assignment.key.name);
  if (assignment === undefined || option === undefined) return undefined;
  const found = atomAt(assignment, offset);
  if (found === undefined) return undefined;
  const text = found.atom.kind === "string" ? found.atom.value : found.atom.raw;
  const lines = describe(option, assignment, found.atom, text, found.item, host);
  if (lines.length === 0) return undefined;
  const last = analysis.evaluation.settings.get(option.key)?.assignments.at(-1);
  if (last !== undefined && last !== assignment) lines.push("", `_A later assignment of \`${option.key}\` wins: xl never reads this one._`);
  return { markdown: [`**${option.key}** = \`${text}\``, "", ...lines].join("\n"), range: editorRange(analysis, found.atom.range) };
}

/** The atom under the cursor, and its index when it is a list item. */
function atomAt(assignment: Assignment, offset: number): { atom: Atom; item: number | undefined } | undefined {
  const value = assignment.value;
  const holds = (node: { range: { start: { offset: number }; end: { offset: number } } }): boolean => node.range.start.offset <= offset && offset <= node.range.end.offset;
  if (value === undefined || !holds(value)) return undefined;
  if (value.kind === "string" || value.kind === "number") return { atom: value, item: undefined };
  if (value.kind !== "list") return undefined;
  const index = value.items.findIndex(holds);
  const item = value.items[index];
  return item !== undefined && (item.kind === "string" || item.kind === "number") ? { atom: item, item: index } : undefined;
}

function describe(option: OptionInfo, assignment: Assignment, atom: Atom, text: string, item: number | undefined, host: HostProfile): string[] {
  const numberOptions = xlNumberOptionsFor(option.key, assignment.operator);
  if (option.unit === "MiB" && item === undefined) return memoryLines(text, numberOptions);
  if (option.spec === "cpulist") return cpuLines(option.key, atom, item, host);
  const isNumber = readXlNumber(text).value !== undefined;
  if (option.kind === "boolean" || (option.kind.startsWith("boolean-or-") && isNumber)) return booleanLines(text, numberOptions);
  if (option.values !== undefined && !(option.kind === "integer-or-enum" && isNumber)) return enumLines(option, text, host);
  if ((option.kind === "integer" || option.kind === "integer-or-enum") && item === undefined) return numberLines(text, numberOptions);
  return [];
}

function problemLines(problems: readonly { readonly message: string }[]): string[] {
  return problems.map((p) => `- ${p.message}`);
}

function memoryLines(text: string, options: ReturnType<typeof xlNumberOptionsFor>): string[] {
  const read = readMemoryMiB(text, options);
  if (read.mib === undefined) return problemLines(read.problems);
  return [`${read.mib} MiB = ${gib(read.mib)} GiB`, ...problemLines(read.problems)];
}

function gib(mib: bigint): string {
  const whole = mib / 1024n;
  const hundredths = ((mib % 1024n) * 100n + 512n) / 1024n;
  if (hundredths === 0n) return String(whole);
  if (hundredths === 100n) return String(whole + 1n);
  return `${whole}.${String(hundredths).padStart(2, "0").replace(/0$/, "")}`;
}

function booleanLines(text: string, options: ReturnType<typeof xlNumberOptionsFor>): string[] {
  const read = readXlNumber(text, options);
  if (read.value === undefined) return [...problemLines(read.problems), "Booleans are numbers to xl: `1` is true, `0` false (`yes` and `true` are not booleans)."];
  const truth = read.value !== 0n;
  const why = truth && read.value !== 1n ? " (any number other than 0 is true)" : "";
  return [`xl reads this as **${truth ? "true" : "false"}**${why}.`, ...problemLines(read.problems)];
}

function numberLines(text: string, options: ReturnType<typeof xlNumberOptionsFor>): string[] {
  const read = readXlNumber(text, options);
  if (read.value === undefined) return problemLines(read.problems);
  if (String(read.value) === text.trim()) return [];
  return [`xl reads this as ${read.value}.`, ...problemLines(read.problems)];
}

function atLeast(host: HostProfile, version: string): boolean {
  return compareXenVersions(host.xenVersion, version) >= 0;
}

function enumLines(option: OptionInfo, value: string, host: HostProfile): string[] {
  const values = option.values;
  if (values === undefined) return [];
  const note = values.note === undefined ? [] : ["", values.note];
  const removed = option.removedValues?.find((r) => r.value === value);
  if (removed !== undefined && atLeast(host, removed.since)) return [`Xen ${removed.since} and later refuse \`${value}\`: ${removed.note}`, ...note];
  const added = option.addedValues?.find((a) => a.value === value);
  if (added !== undefined) {
    return [atLeast(host, added.since) ? `A value of \`${option.key}\` since Xen ${added.since}.` : `Only Xen ${added.since} and later accept \`${value}\`; the Xen ${host.xenVersion} this file is checked for does not.`, ...note];
  }
  if (values.allowed.includes(value) || values.keywords?.includes(value) || values.alsoAccepted?.includes(value)) {
    return [`One of the values of \`${option.key}\`: ${values.allowed.map((v) => `\`${v}\``).join(", ")}.`, ...note];
  }
  if (values.match === "case-insensitive") {
    const folded = values.allowed.find((v) => v.toLowerCase() === value.toLowerCase());
    if (folded !== undefined) return [`xl ignores case here and reads this as \`${folded}\`.`, ...note];
  }
  if (values.match === "prefix") {
    const first = values.allowed.find((v) => v.startsWith(value));
    if (first !== undefined) return [`xl takes any beginning of a value and reads this as \`${first}\`.`, ...note];
  }
  return [`Not a value xl ${host.xenVersion} accepts for \`${option.key}\`: ${values.allowed.map((v) => `\`${v}\``).join(", ")}.`, ...note];
}

function cpuLines(key: string, atom: Atom, item: number | undefined, host: HostProfile): string[] {
  const spec = atom.kind === "string" ? specTextOf(atom) : detachedSpecText(atom.raw);
  const list = parseCpuList(spec, { affinity: key === "cpus_soft" ? "soft" : "hard" });
  const who = item === undefined ? "every vCPU" : `vCPU ${item}`;
  if (!list.valid) return problemLines(list.problems);
  const parts = list.elements.map(describeElement);
  const lines = [`For ${who}: ${parts.join(", then ")}.`];
  const cpus = expand(list, host);
  if (cpus !== undefined) lines.push("", cpus.length === 0 ? "That selects **no CPU**." : `That is CPU${cpus.length === 1 ? "" : "s"} **${compact(cpus)}** (${cpus.length}).`);
  else if (list.elements.some((e) => e.nodes || e.all)) lines.push("", "Which CPUs that is depends on the host's CPUs and NUMA nodes (the host profile does not say).");
  lines.push(...problemLines(list.problems));
  return lines;
}

function describeElement(element: CpuListElement): string {
  const unit = element.nodes ? "NUMA node" : "CPU";
  const first = element.first?.value;
  const last = element.last?.value;
  const what = element.all ? `all ${unit}s` : first === last ? `${unit} ${first}` : `${unit}s ${first} to ${last}`;
  const whole = element.nodes ? `the CPUs of ${what}` : what;
  return element.exclude ? `remove ${whole}` : `add ${whole}`;
}

/** The CPUs selected, when the list and the host profile tell them. */
function expand(list: CpuList, host: HostProfile): number[] | undefined {
  const usesNodes = list.elements.some((e) => e.nodes);
  if (host.cpus !== undefined && (!usesNodes || host.numaNodes === 1)) return resolveCpuList(list, evenCpuHost(host.cpus, 1));
  if (usesNodes || list.elements.some((e) => e.all)) return undefined;
  let highest = 0n;
  for (const e of list.elements) if (e.last !== undefined && e.last.value > highest) highest = e.last.value;
  // Plain CPU numbers select the same CPUs on any host big enough; past a few thousand the list is not worth spelling out.
  if (highest > 4095n) return undefined;
  return resolveCpuList(list, { cpuCount: Number(highest) + 1, nodes: [] });
}

/** `0, 1, 2, 5` → `0-2, 5`. */
function compact(cpus: readonly number[]): string {
  const runs: string[] = [];
  let start = cpus[0];
  for (let i = 1; i <= cpus.length; i++) {
    const here = cpus[i];
    const previous = cpus[i - 1] as number;
    if (here === previous + 1) continue;
    if (start !== undefined) runs.push(start === previous ? String(start) : `${start}-${previous}`);
    start = here;
  }
  return runs.join(", ");
}
