/**
 * Properties of every fix the rules offer, on every config of
 * ../shared/corpus and test-corpus and on mutants of them (the fidelity
 * mutants, fixed seed), each fix applied on its own:
 *   1. the result has no more syntax errors than the original;
 *   2. the settings xl reads change only for keys whose assignments the fix
 *      touches (the settings are compared as `xlint dump` prints them);
 *   3. the finding the fix belongs to is gone.
 * And for all fixes of a file applied together the way `--fix` does (lint,
 * apply, re-lint until nothing applies): a second round changes nothing.
 */
import { readFileSync } from "node:fs";
import { decodeFileBytes, evaluate, parse, settingsToJson, type ByteEncoding, type Range } from "@xlint/parser";
import { describe, expect, it } from "vitest";
import { corpusConfigs, testCorpus, walkFiles } from "../../parser/test/helpers";
import { allRules, applyEdits, applyFixes, DEFAULT_HOST, lintFiles, type Diagnostic, type Fix, type TextEdit } from "../src/index";
import { generateMutants } from "./fidelity/mutants";
import type { Base } from "./fidelity/mutation";
import { readReferenceKeys } from "./fidelity/reference-keys";
import { settingsOf } from "./fidelity/xl-text";

const MUTANTS = 1500;
const SEED = 0xf1c5_2026;

interface Sample {
  readonly id: string;
  readonly text: string;
  readonly encoding: ByteEncoding;
}

function samples(): Sample[] {
  const files = [...corpusConfigs().filter((f) => !/\/_(global-xl-conf|cpupool-conf)\//.test(f)), ...walkFiles(testCorpus, (f) => f.endsWith(".cfg"))];
  const out: Sample[] = files.map((file) => ({ id: file, ...decodeFileBytes(readFileSync(file)) }));
  const reference = readReferenceKeys();
  const keys = "keys" in reference ? reference.keys : [];
  const bases: Base[] = out.map((s) => ({ id: s.id, text: s.text, encoding: s.encoding, settings: settingsOf(s.text, s.encoding) }));
  for (const m of generateMutants(bases, keys, MUTANTS, SEED)) out.push({ id: m.id, text: m.text, encoding: m.encoding });
  return out;
}

function lint(text: string, encoding: ByteEncoding): readonly Diagnostic[] {
  return lintFiles([{ path: "f.cfg", text, encoding }], { rules: allRules, host: DEFAULT_HOST })[0]?.diagnostics ?? [];
}

function syntaxErrors(diagnostics: readonly Diagnostic[]): number {
  return diagnostics.filter((d) => d.rule === "syntax" && d.severity === "error").length;
}

/** The settings as `xlint dump` prints them, key by key (undefined when the text does not parse). */
function dumpedSettings(text: string, encoding: ByteEncoding): Map<string, string> | undefined {
  const parsed = parse(text, { encoding });
  const evaluation = evaluate(parsed.file);
  if ([...parsed.diagnostics, ...evaluation.diagnostics].some((d) => d.severity === "error")) return undefined;
  const json = JSON.parse(settingsToJson(evaluation, encoding)) as Record<string, unknown>;
  return new Map(Object.entries(json).map(([k, v]) => [k, JSON.stringify(v)]));
}

/** Keys with an assignment that meets one of the spans (touching counts). */
function keysMeeting(text: string, encoding: ByteEncoding, spans: readonly { start: number; end: number }[]): Set<string> {
  const keys = new Set<string>();
  for (const statement of parse(text, { encoding }).file.statements) {
    if (statement.kind !== "assignment") continue;
    const r: Range = statement.range;
    if (spans.some((s) => s.start <= r.end.offset && r.start.offset <= s.end)) keys.add(statement.key.name);
  }
  return keys;
}

/** Where each edit's new text lands in the fixed text. */
function spansAfter(edits: readonly TextEdit[]): { start: number; end: number }[] {
  let shift = 0;
  return [...edits]
    .sort((a, b) => a.start - b.start)
    .map((e) => {
      const span = { start: e.start + shift, end: e.start + shift + e.newText.length };
      shift += e.newText.length - (e.end - e.start);
      return span;
    });
}

function fixAll(text: string, encoding: ByteEncoding): string {
  let current = text;
  for (let pass = 0; pass < 10; pass++) {
    const { text: next, applied } = applyFixes(current, lint(current, encoding), { unsafe: true });
    if (applied.length === 0) break;
    current = next;
  }
  return current;
}

describe("fixes", () => {
  const all = samples();
  let fixesChecked = 0;
  const byRule = new Map<string, number>();

  it("keep the config readable, change only the settings they touch, and remove their finding", () => {
    const failures: string[] = [];
    for (const sample of all) {
      const before = lint(sample.text, sample.encoding);
      const beforeSettings = dumpedSettings(sample.text, sample.encoding);
      for (const d of before) {
        const fix: Fix | undefined = d.fix;
        if (!fix || fix.edits.length === 0) continue;
        fixesChecked++;
        byRule.set(d.rule, (byRule.get(d.rule) ?? 0) + 1);
        const after = applyEdits(sample.text, fix.edits);
        const afterFindings = lint(after, sample.encoding);
        const where = `${sample.id}: ${d.rule} "${fix.title}"`;
        if (syntaxErrors(afterFindings) > syntaxErrors(before)) failures.push(`${where}: adds a syntax error`);
        const afterSettings = dumpedSettings(after, sample.encoding);
        if (beforeSettings && afterSettings) {
          const allowed = new Set([...keysMeeting(sample.text, sample.encoding, fix.edits), ...keysMeeting(after, sample.encoding, spansAfter(fix.edits))]);
          for (const key of new Set([...beforeSettings.keys(), ...afterSettings.keys()])) {
            if (beforeSettings.get(key) !== afterSettings.get(key) && !allowed.has(key)) failures.push(`${where}: changes \`${key}\`, which it does not touch`);
          }
        }
        // Two findings can share a message (two disks with the same problem): count them.
        const same = (list: readonly Diagnostic[]): number => list.filter((a) => a.rule === d.rule && a.message === d.message).length;
        if (same(afterFindings) >= same(before)) failures.push(`${where}: the finding is still there`);
      }
    }
    console.log(`fix properties: ${fixesChecked} fixes on ${all.length} configs; by rule: ${[...byRule].sort((a, b) => b[1] - a[1]).map(([r, n]) => `${r} ${n}`).join(", ")}`);
    expect(failures.slice(0, 20)).toEqual([]);
    // The corpus and its mutants must exercise a good share of the fixable rules.
    expect(byRule.size).toBeGreaterThanOrEqual(15);
  }, 300_000);

  it("applied together until none is left, are stable: a second round changes nothing", () => {
    const unstable: string[] = [];
    let changed = 0;
    for (const sample of all) {
      const once = fixAll(sample.text, sample.encoding);
      if (once !== sample.text) changed++;
      if (fixAll(once, sample.encoding) !== once) unstable.push(sample.id);
    }
    console.log(`fix rounds: ${changed} of ${all.length} configs changed by fixing everything; ${unstable.length} unstable`);
    expect(changed).toBeGreaterThan(100);
    expect(unstable).toEqual([]);
  }, 300_000);
});
