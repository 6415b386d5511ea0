/**
 * Context facts kept for many runs. The language server lints the open
 * documents on every keystroke against the same thousands of other configs;
 * walking all of their facts each time (parsing each rule's JSON anew, twice
 * per duplicate rule) costs hundreds of milliseconds at 10,000 files. A
 * `PreparedContext` holds those facts once and, for a project rule that says
 * how its files relate (`ProjectRule.relatesBy`), indexes them by those keys,
 * so a run hands the rule only the context files that share a key with one of
 * the run's own files. Findings land only in the run's files, and a rule's
 * finding in a file depends only on the files sharing one of its keys, so the
 * findings are the same as with every context file; rules that do not say
 * how files relate still see them all.
 *
 * Pure, like the rest of the engine: facts in, facts out. Files are named by
 * path; setting a path again replaces its facts (and keeps its place in the
 * order, which decides which other uses a finding names first). A file linted
 * in a run replaces the context file of the same path for that run.
 */
import type { FileFacts } from "./file-pass";
import type { FactsEntry } from "./project-run";
import type { ProjectRule, Rule } from "./types";

interface PreparedFile {
  /** Place in the order files were first added: context is walked in this order. */
  readonly order: number;
  readonly facts: FileFacts;
}

/** A run's own file, as `entriesFor` needs it. */
export interface LintedFacts {
  readonly path: string;
  readonly facts: Readonly<Record<string, string>>;
}

export class PreparedContext {
  private readonly files = new Map<string, PreparedFile>();
  /** Per rule with `relatesBy`: key → the files whose facts have that key. */
  private readonly byKey = new Map<string, Map<string, Set<PreparedFile>>>();
  private readonly keyed: readonly ProjectRule[];
  private nextOrder = 0;

  constructor(rules: readonly Rule[]) {
    this.keyed = rules.filter((r): r is ProjectRule => r.scope === "project" && r.relatesBy !== undefined);
    for (const rule of this.keyed) this.byKey.set(rule.id, new Map());
  }

  get size(): number {
    return this.files.size;
  }

  has(path: string): boolean {
    return this.files.has(path);
  }

  get(path: string): FileFacts | undefined {
    return this.files.get(path)?.facts;
  }

  paths(): IterableIterator<string> {
    return this.files.keys();
  }

  /** Adds a file's facts, or replaces those of a file of the same path. */
  set(facts: FileFacts): void {
    const old = this.files.get(facts.path);
    if (old !== undefined) this.unindex(old);
    const file: PreparedFile = { order: old?.order ?? this.nextOrder++, facts };
    this.files.set(facts.path, file);
    this.index(file, (keys, key) => {
      let set = keys.get(key);
      if (set === undefined) keys.set(key, (set = new Set()));
      set.add(file);
    });
  }

  delete(path: string): boolean {
    const old = this.files.get(path);
    if (old === undefined) return false;
    this.unindex(old);
    this.files.delete(path);
    return true;
  }

  clear(): void {
    this.files.clear();
    for (const keys of this.byKey.values()) keys.clear();
  }

  /**
   * The context files a project rule must see beside `linted` (the run's own
   * files), in order: for a rule with `relatesBy`, those sharing a key with a
   * linted file; for another, every file with facts for it. A context file
   * of the same path as a linted one is left out (the linted one replaces it).
   */
  entriesFor(rule: ProjectRule, linted: readonly LintedFacts[]): FactsEntry[] {
    const lintedPaths = new Set(linted.map((l) => l.path));
    // No file beside the linted ones (an editor with its folder's only config open): nothing to choose, and no facts to read for it.
    let others = this.files.size;
    for (const path of lintedPaths) if (this.files.has(path)) others--;
    if (others === 0) return [];
    const keys = this.byKey.get(rule.id);
    let chosen: PreparedFile[];
    if (keys === undefined || rule.relatesBy === undefined) {
      chosen = [];
      for (const file of this.files.values()) if (file.facts.facts[rule.id] !== undefined) chosen.push(file);
    } else {
      const found = new Set<PreparedFile>();
      for (const own of linted) {
        const facts = own.facts[rule.id];
        if (facts === undefined) continue;
        for (const key of rule.relatesBy(JSON.parse(facts) as unknown)) for (const file of keys.get(key) ?? []) found.add(file);
      }
      chosen = [...found].sort((a, b) => a.order - b.order);
    }
    const entries: FactsEntry[] = [];
    for (const file of chosen) if (!lintedPaths.has(file.facts.path)) entries.push({ index: -1, path: file.facts.path, kind: file.facts.kind, facts: file.facts.facts });
    return entries;
  }

  private unindex(file: PreparedFile): void {
    this.index(file, (keys, key) => {
      const set = keys.get(key);
      if (set === undefined) return;
      set.delete(file);
      if (set.size === 0) keys.delete(key);
    });
  }

  private index(file: PreparedFile, visit: (keys: Map<string, Set<PreparedFile>>, key: string) => void): void {
    for (const rule of this.keyed) {
      const facts = file.facts.facts[rule.id];
      const keys = this.byKey.get(rule.id);
      if (facts === undefined || keys === undefined || rule.relatesBy === undefined) continue;
      for (const key of rule.relatesBy(JSON.parse(facts) as unknown)) visit(keys, key);
    }
  }
}
