/**
 * The shape of every finding's text. A finding's `message` is the line people
 * scan in a Problems panel or a compiler-style log: one short sentence saying
 * what is wrong. The why and the what-to-do go into `help`. This lints every
 * rule's documented examples, test-corpus and ../shared/corpus (read where it
 * lies) and checks each finding against the rules of WRITING-RULES.md
 * ("Messages"), with one test per rule so that every offender is listed under
 * its rule.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { decodeFileBytes } from "@xlint/parser";
import { describe, expect, it } from "vitest";
import { corpusConfigs, testCorpus, walkFiles } from "../../parser/test/helpers";
import { allRules, DEFAULT_HOST, detectConfigKind, exampleFileName, lintFiles, readConfigText, type Diagnostic, type LintInput } from "../src/index";

/** The longest message, counting each backtick-quoted part as at most QUOTED_BUDGET characters. */
const MAX_MESSAGE = 100;
/** A quoted user value (a path, a whole disk spec) may be long; the words around it may not. */
const QUOTED_BUDGET = 24;

const knownRules = new Set(allRules.map((r) => r.id));

/** Where a finding came from, to name it in a failure. */
interface Seen {
  readonly source: string;
  readonly diagnostic: Diagnostic;
}

function examplesFindings(): Seen[] {
  const out: Seen[] = [];
  for (const rule of allRules) {
    for (const example of [...rule.docs.invalid, ...rule.docs.valid]) {
      const inputs = [
        { path: exampleFileName(example), text: example.config, kind: example.kind },
        ...Object.entries(example.otherFiles ?? {}).map(([p, text]) => ({ path: p, text })),
      ];
      for (const result of lintFiles(inputs, { rules: allRules, host: { ...DEFAULT_HOST, ...example.host } })) {
        for (const d of result.diagnostics) out.push({ source: `${rule.id} example`, diagnostic: d });
      }
    }
  }
  return out;
}

function inputOf(file: string, folderConfig: ReturnType<typeof readConfigText> | undefined): LintInput | undefined {
  const { text, encoding } = decodeFileBytes(readFileSync(file));
  const kind = detectConfigKind(path.basename(file), text) ?? (file.endsWith(".cfg") ? "domain" : undefined);
  if (kind === undefined) return undefined;
  const config = folderConfig?.config;
  return { path: file, text, encoding, kind, severities: config?.rules, host: { ...DEFAULT_HOST, ...config?.host } };
}

/** Each folder of files linted together (so the cross-file rules speak), with its xlint.json when it has one. */
function folderFindings(files: readonly string[], label: (file: string) => string): Seen[] {
  const byFolder = new Map<string, string[]>();
  for (const file of files) byFolder.set(path.dirname(file), [...(byFolder.get(path.dirname(file)) ?? []), file]);
  const out: Seen[] = [];
  for (const [folder, members] of byFolder) {
    const configFile = path.join(folder, "xlint.json");
    const config = members.includes(configFile) ? readConfigText(readFileSync(configFile, "utf8"), knownRules) : undefined;
    const inputs = members.filter((f) => f !== configFile).flatMap((f) => inputOf(f, config) ?? []);
    for (const result of lintFiles(inputs, { rules: allRules, host: inputs[0]?.host ?? DEFAULT_HOST })) {
      for (const d of result.diagnostics) out.push({ source: label(result.path), diagnostic: d });
    }
  }
  return out;
}

const seen: Seen[] = [
  ...examplesFindings(),
  ...folderFindings(walkFiles(testCorpus, (f) => /\.cfg$|\/xlint\.json$/.test(f)), (f) => path.relative(path.dirname(testCorpus), f)),
  ...folderFindings(corpusConfigs(), (f) => `corpus/${path.relative(path.dirname(path.dirname(f)), f)}`),
];

/** The message's length with each quoted part counted as at most QUOTED_BUDGET characters. */
function weighedLength(message: string): number {
  return message.replace(/`[^`]*`/g, (quoted) => quoted.slice(0, QUOTED_BUDGET)).length;
}

const normalised = (text: string): string => text.replace(/[.\s]+$/, "").toLowerCase();

/** What is wrong with one finding's text, or nothing. */
function shapeProblems(d: Pick<Diagnostic, "message" | "help">): string[] {
  const problems: string[] = [];
  const { message, help } = d;
  if (message.trim() === "") problems.push("empty message");
  if (/[\r\n]/.test(message)) problems.push("message spans lines");
  if (weighedLength(message) > MAX_MESSAGE) problems.push(`message is ${message.length} characters (${weighedLength(message)} counting quoted parts up to ${QUOTED_BUDGET}; at most ${MAX_MESSAGE})`);
  if (/\.$/.test(message) && !/\.\.\.$|…$/.test(message)) problems.push("message ends with a period (it is one sentence; the help carries the rest)");
  if (message !== message.trim()) problems.push("message has surrounding spaces");
  if (help !== undefined) {
    if (help.trim() === "") problems.push("empty help");
    if (/[\r\n]/.test(help)) problems.push("help spans lines");
    if (/\.\.$/.test(help) || /[^.]\.\s*\.$/.test(help)) problems.push("help ends with a doubled period");
    if (!/[.!?)`]$/.test(help)) problems.push("help does not end a sentence");
    if (normalised(help).startsWith(normalised(message))) problems.push("help repeats the message");
  }
  return problems;
}

describe("the shape of every finding's message and help", () => {
  it("sees findings of most rules", () => {
    const rules = new Set(seen.map((s) => s.diagnostic.rule));
    // Every rule has invalid examples (rule-docs.test.ts), so every rule is seen.
    expect(allRules.filter((r) => !rules.has(r.id)).map((r) => r.id)).toEqual([]);
  });

  it("flags the shapes it is meant to flag", () => {
    expect(shapeProblems({ message: "`memory` is a number written as a string" })).toEqual([]);
    expect(shapeProblems({ message: "a\nb" })).toContain("message spans lines");
    expect(shapeProblems({ message: "x".repeat(101) })[0]).toMatch(/^message is 101 characters/);
    expect(shapeProblems({ message: `\`${"/very/long/path/".repeat(20)}\` does not exist` })).toEqual([]);
    expect(shapeProblems({ message: "Bad value." })).toContain("message ends with a period (it is one sentence; the help carries the rest)");
    expect(shapeProblems({ message: "bad value", help: "Bad value." })).toContain("help repeats the message");
    expect(shapeProblems({ message: "bad value", help: "Use a good one.." })).toContain("help ends with a doubled period");
  });

  for (const rule of allRules) {
    it(`${rule.id}: every message is one short line and every help adds to it`, () => {
      const offenders = new Map<string, string>();
      for (const { source, diagnostic } of seen) {
        if (diagnostic.rule !== rule.id) continue;
        const problems = shapeProblems(diagnostic);
        const key = `${diagnostic.message}${diagnostic.help === undefined ? "" : ` || help: ${diagnostic.help}`}`;
        if (problems.length > 0 && !offenders.has(key)) offenders.set(key, `${source}: ${problems.join("; ")}\n    message: ${diagnostic.message}`);
      }
      expect([...offenders.values()]).toEqual([]);
    });
  }
});
