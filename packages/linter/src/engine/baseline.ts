/**
 * A baseline lets a repository of legacy configs adopt xlint without fixing
 * everything first: the findings recorded in it are hidden, new ones are not.
 * Entries match on file, rule and message — never on line numbers, so editing
 * a file above an old finding does not bring it back. A count per entry means
 * a second identical finding in the same file is still reported.
 */
import type { Diagnostic } from "./types";

export interface BaselineEntry {
  readonly path: string;
  readonly rule: string;
  readonly message: string;
  readonly count: number;
}

export interface Baseline {
  readonly version: 1;
  readonly entries: readonly BaselineEntry[];
}

const keyOf = (path: string, rule: string, message: string): string => JSON.stringify([path, rule, message]);

/** Records every finding (paths as given, normally relative to the baseline file). */
export function createBaseline(diagnostics: readonly Diagnostic[]): Baseline {
  const counts = new Map<string, BaselineEntry>();
  for (const d of diagnostics) {
    const key = keyOf(d.path, d.rule, d.message);
    const previous = counts.get(key);
    counts.set(key, { path: d.path, rule: d.rule, message: d.message, count: (previous?.count ?? 0) + 1 });
  }
  const entries = [...counts.values()].sort(
    (a, b) => a.path.localeCompare(b.path) || a.rule.localeCompare(b.rule) || a.message.localeCompare(b.message),
  );
  return { version: 1, entries };
}

/** Reads a baseline file's JSON; returns a message instead of throwing. */
export function readBaseline(text: string): { baseline: Baseline } | { error: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { error: `not valid JSON (${(e as Error).message})` };
  }
  if (typeof data !== "object" || data === null || (data as { version?: unknown }).version !== 1) {
    return { error: 'not an xlint baseline (expected {"version": 1, "entries": [...]})' };
  }
  const entries = (data as { entries?: unknown }).entries;
  if (!Array.isArray(entries)) return { error: 'a baseline needs an "entries" list' };
  const out: BaselineEntry[] = [];
  for (const [i, e] of entries.entries()) {
    const entry = e as Partial<BaselineEntry>;
    if (typeof entry.path !== "string" || typeof entry.rule !== "string" || typeof entry.message !== "string") {
      return { error: `entry ${i + 1} needs "path", "rule" and "message" strings` };
    }
    const count = typeof entry.count === "number" && entry.count >= 1 ? Math.floor(entry.count) : 1;
    out.push({ path: entry.path, rule: entry.rule, message: entry.message, count });
  }
  return { baseline: { version: 1, entries: out } };
}

/**
 * Splits findings into those the baseline does not cover and how many it hid.
 * `pathOf` maps a finding to the path form used in the baseline.
 */
export function applyBaseline<D extends Diagnostic>(
  diagnostics: readonly D[],
  baseline: Baseline,
  pathOf: (d: D) => string = (d) => d.path,
): { kept: D[]; hidden: number } {
  const remaining = new Map<string, number>();
  for (const e of baseline.entries) {
    const key = keyOf(e.path, e.rule, e.message);
    remaining.set(key, (remaining.get(key) ?? 0) + e.count);
  }
  const kept: D[] = [];
  let hidden = 0;
  for (const d of diagnostics) {
    const key = keyOf(pathOf(d), d.rule, d.message);
    const left = remaining.get(key) ?? 0;
    if (left > 0) {
      remaining.set(key, left - 1);
      hidden++;
    } else {
      kept.push(d);
    }
  }
  return { kept, hidden };
}
