/** The vocabulary shared by the mutation generators. */
import type { ByteEncoding, Setting } from "@xlint/parser";
import type { Rng } from "./rng";
import { append, del, set, stringItemsOf, xlString, xlStrings, type Change } from "./xl-text";

/** A config xl accepts, which mutations start from. */
export interface Base {
  /** Path relative to the repository (or the shared folder). */
  readonly id: string;
  readonly text: string;
  readonly encoding: ByteEncoding;
  readonly settings: ReadonlyMap<string, Setting>;
}

export interface Mutation {
  /** `family/operator`, e.g. `disk/access`: what was done, for per-operator counts. */
  readonly operator: string;
  readonly changes: readonly Change[];
}

export interface MutationContext {
  readonly base: Base;
  readonly rng: Rng;
  /** The keys xl 4.17 reads (reference, Appendix A). */
  readonly keys: readonly string[];
}

export type Mutator = (context: MutationContext) => Mutation;

/** An xl string literal. */
export const q = xlString;

/** Makes the guest this type, dropping `builder` so that the two cannot contradict. */
export function asType(type: "pv" | "pvh" | "hvm"): Change[] {
  return [del("builder"), set("type", q(type))];
}

/** Sometimes makes the guest HVM first: most keys below are read only for HVM guests (reference §6.2). */
export function maybeHvm(context: MutationContext, chance = 0.7): Change[] {
  return context.rng.chance(chance) ? asType("hvm") : [];
}

/** A new list for `key` with `item` in it: replaces one existing item, adds one, or starts the list. */
export function withListItem(context: MutationContext, key: string, item: string): Change[] {
  const { rng, base } = context;
  const setting = base.settings.get(key);
  const items = stringItemsOf(setting);
  if (setting?.value.kind !== "list" || items.length === 0) return [set(key, xlStrings([item]))];
  const roll = rng.int(3);
  if (roll === 0) {
    const replaced = [...items];
    replaced[rng.int(items.length)] = item;
    return [set(key, xlStrings(replaced))];
  }
  if (roll === 1) return [append(key, xlStrings([item]))];
  return [set(key, xlStrings([...items, item]))];
}
