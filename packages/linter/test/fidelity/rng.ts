/**
 * Seeded choices for the mutation generators, so that every machine and every
 * run builds the same mutants (mutant `i` depends only on the seed and `i`).
 */
import { seededRandom } from "../../../parser/test/random";

/**
 * A well-mixed seed per mutant: mulberry32 advances its state by a constant,
 * so the plain `seed + i` would give overlapping streams for nearby mutants.
 */
export function mutantSeed(seed: number, index: number): number {
  let h = (seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export type Weighted<T> = readonly (readonly [weight: number, item: T])[];

export class Rng {
  private readonly next: () => number;

  constructor(seed: number) {
    this.next = seededRandom(seed);
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new Error("pick from an empty list");
    return item;
  }

  weighted<T>(table: Weighted<T>): T {
    const total = table.reduce((sum, [w]) => sum + w, 0);
    let roll = this.next() * total;
    for (const [w, item] of table) {
      roll -= w;
      if (roll < 0) return item;
    }
    const last = table[table.length - 1];
    if (last === undefined) throw new Error("weighted pick from an empty table");
    return last[1];
  }

  /** A shuffled copy (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  }
}
