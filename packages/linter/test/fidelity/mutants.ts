/**
 * Builds the mutants: each one is a config xl accepts with one mutation
 * applied, chosen by weight from the families below. Mutant `i` depends only
 * on the seed and `i`, so a larger count keeps the first mutants the same.
 */
import type { ByteEncoding } from "@xlint/parser";
import type { Base, Mutator } from "./mutation";
import { mutateCombo } from "./mutate-combos";
import { mutateCpus, mutateDeviceList, mutateMisc, mutatePci, mutateVnuma, mutateViridian } from "./mutate-devices";
import { mutateDisk } from "./mutate-disk";
import { appendKey, deleteKey, flipType, setAnyKey, setEnum } from "./mutate-keys";
import { mutateVif } from "./mutate-vif";
import { mutantSeed, Rng, type Weighted } from "./rng";
import { applyChanges, describeChange } from "./xl-text";

/**
 * Family weights, tuned so that roughly a third to a half of the mutants are
 * refused by xl while every family still gets a few dozen mutants.
 */
const FAMILIES: Weighted<Mutator> = [
  [9, setAnyKey],
  [4, appendKey],
  [6, deleteKey],
  [10, setEnum],
  [7, flipType],
  [15, mutateDisk],
  [12, mutateVif],
  [4, mutatePci],
  [3, mutateCpus],
  [3, mutateVnuma],
  [2, mutateViridian],
  [5, mutateDeviceList],
  [2, mutateMisc],
  [16, mutateCombo],
];

export interface Mutant {
  /** `mutant-0042`. */
  readonly id: string;
  /** The config it was made from. */
  readonly base: string;
  readonly operator: string;
  /** The changes, one line each (`disk = [ … ]`, `(removed) kernel`). */
  readonly changes: readonly string[];
  readonly text: string;
  readonly encoding: ByteEncoding;
}

export function generateMutants(bases: readonly Base[], keys: readonly string[], count: number, seed: number): Mutant[] {
  if (bases.length === 0) return [];
  const mutants: Mutant[] = [];
  for (let i = 0; i < count; i++) {
    const rng = new Rng(mutantSeed(seed, i));
    const base = rng.pick(bases);
    // A mutation that happens to change nothing (a value equal to the old one) is drawn again.
    for (let attempt = 0; attempt < 5; attempt++) {
      const mutation = rng.weighted(FAMILIES)({ base, rng, keys });
      const text = applyChanges(base.text, base.encoding, mutation.changes);
      if (text === base.text && attempt < 4) continue;
      mutants.push({
        id: `mutant-${String(i).padStart(4, "0")}`,
        base: base.id,
        operator: mutation.operator,
        // `asType` removes `builder` just in case; saying so where there was none would only be noise.
        changes: mutation.changes.filter((c) => c.kind !== "delete" || base.settings.has(c.key)).map(describeChange),
        text,
        encoding: base.encoding,
      });
      break;
    }
  }
  return mutants;
}
