/**
 * The findings of a fuzz run: grouped by signature (one bug, however many
 * inputs hit it), each kept with the lowest-index input that shows it, so a
 * run's fixtures do not depend on which thread got there first. Saving writes
 * one fixture per signature the folder does not hold yet, shrunk first.
 */
import { runCase, violationSignature, type FuzzCase, type Violation } from "./checks";
import { readFixtures, writeFixture } from "./findings";
import type { MadeCase } from "./inputs";

export interface Found {
  readonly index: number;
  /** Undefined for a case whose thread was stopped (hang) or died: it is made again from its index. */
  readonly made: MadeCase | undefined;
  readonly violations: readonly Violation[];
}

interface Group {
  count: number;
  first: Found;
}

export type Shrinker = (c: FuzzCase, signature: string) => Promise<{ text: string; violations: Violation[] } | undefined>;

export class FindingLog {
  private readonly groups = new Map<string, Group>();
  /** Inputs with at least one violation. */
  inputs = 0;

  add(found: Found): void {
    this.inputs++;
    for (const signature of new Set(found.violations.map(violationSignature))) {
      const group = this.groups.get(signature);
      if (!group) this.groups.set(signature, { count: 1, first: found });
      else {
        group.count++;
        if (found.index < group.first.index) group.first = found;
      }
    }
  }

  get size(): number {
    return this.groups.size;
  }

  /** Signatures with their input counts and first index, in order of that index. */
  summary(): { signature: string; count: number; index: number }[] {
    return [...this.groups]
      .map(([signature, g]) => ({ signature, count: g.count, index: g.first.index }))
      .sort((a, b) => a.index - b.index || a.signature.localeCompare(b.signature));
  }

  /**
   * Writes a fixture for each signature that no fixture in `dir` still shows; returns the names
   * written. A fixture that passes now is a fixed bug, so a new input with its signature is a
   * variant the fix missed, and gets a fixture of its own.
   */
  async save(dir: string, seed: number, remake: (index: number) => MadeCase, shrink: Shrinker): Promise<string[]> {
    const known = new Set<string>();
    for (const fixture of readFixtures(dir)) {
      // Hangs are not replayed here, in the thread that has no watchdog: one on record counts as open.
      const open = fixture.meta.signatures.filter((sig) => /^(time|crash):/.test(sig));
      open.forEach((sig) => known.add(sig));
      if (open.length === fixture.meta.signatures.length) continue;
      for (const v of runCase(fixture.case).violations) known.add(violationSignature(v));
    }
    const written: string[] = [];
    const coveredIndices = new Set<number>();
    for (const { signature, index } of this.summary()) {
      if (known.has(signature) || coveredIndices.has(index)) continue;
      const found = (this.groups.get(signature) as Group).first;
      const made = found.made ?? remake(index);
      let text = made.text;
      let violations = found.violations;
      // A time or crash finding is about the thread, which shrinking in-process cannot see.
      if (!/^(time|crash):/.test(signature)) {
        const shrunk = await shrink(made, signature);
        if (shrunk && shrunk.violations.some((v) => violationSignature(v) === signature)) ({ text, violations } = shrunk);
      }
      const name = `${signature.slice(0, signature.indexOf(":"))}-s${seed}-i${index}`;
      const { recipe, kind, host, encoding } = made;
      const signatures = [...new Set([signature, ...violations.map(violationSignature)])];
      writeFixture(dir, name, { text, encoding, kind, host }, { seed, index, recipe, kind, host, encoding, signatures, violations, originalLength: made.text.length });
      coveredIndices.add(index);
      written.push(name);
    }
    return written;
  }
}
