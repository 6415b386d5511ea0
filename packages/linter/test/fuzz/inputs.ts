/**
 * Fuzz case `index` of a run with `seed`: a starting text (a corpus file or
 * rule example, a fidelity mutant of an accepted one, a generated config, or
 * a soup of dictionary tokens), then a few grammar-aware mutations, decoded
 * the way the CLI decodes a file, linted as the starting file's kind (now and
 * then as another) for one of the fuzz hosts. It depends only on the seed,
 * the index and the pool, so a finding can be made again from its numbers.
 */
import { decodeFileBytes } from "@xlint/parser";
import { generatedInput } from "../../../parser/test/format-inputs";
import { caseSeed, Rng } from "../../../parser/test/random";
import { generateMutants } from "../fidelity/mutants";
import type { FileKind } from "../../src/index";
import type { FuzzCase, HostName } from "./checks";
import { mutateOnce, tokenSoup, type MutationContext } from "./mutate";
import { utf8Bytes, type FuzzPool } from "./sources";

export interface MadeCase extends FuzzCase {
  /** How it was made: the start, then each mutation. */
  readonly recipe: readonly string[];
}

const KINDS: readonly FileKind[] = ["domain", "xl-conf", "cpupool"];

function start(pool: FuzzPool, rng: Rng, context: MutationContext): { bytes: string; kind: FileKind; name: string } {
  const roll = rng.weighted<"source" | "mutant" | "generated" | "soup">([
    [55, "source"],
    [20, "mutant"],
    [15, "generated"],
    [10, "soup"],
  ]);
  if (roll === "mutant" && pool.bases.length > 0) {
    const mutant = generateMutants(pool.bases, pool.referenceKeys, 1, rng.int(2 ** 32))[0];
    if (mutant) {
      const bytes = mutant.encoding === "utf8" ? utf8Bytes(mutant.text) : mutant.text;
      return { bytes, kind: "domain", name: `mutant of ${mutant.base} (${mutant.operator})` };
    }
  }
  if (roll === "generated") return { bytes: generatedInput(rng), kind: "domain", name: "generated" };
  if (roll === "soup") return { bytes: tokenSoup(context), kind: "domain", name: "token soup" };
  const source = rng.pick(pool.sources);
  return { bytes: source.bytes, kind: source.kind, name: source.id };
}

export function makeCase(pool: FuzzPool, seed: number, index: number): MadeCase {
  const rng = new Rng(caseSeed(seed, index));
  const context: MutationContext = { rng, dictionary: pool.dictionary, sources: pool.sources };
  const first = start(pool, rng, context);
  const recipe = [first.name];
  let bytes = first.bytes;
  const steps = rng.weighted<number>([
    [10, 0],
    [40, 1],
    [25, 2],
    [15, 3],
    [7, 5],
    [3, 10],
  ]);
  for (let i = 0; i < steps; i++) {
    const step = mutateOnce(bytes, context);
    bytes = step.bytes;
    recipe.push(step.name);
  }
  const { text, encoding } = decodeFileBytes(Buffer.from(bytes, "latin1"));
  const kind = rng.chance(0.03) ? rng.pick(KINDS) : first.kind;
  const host = rng.weighted<HostName>([
    [5, "default"],
    [4, "known"],
    [1, "arm"],
  ]);
  return { text, encoding, kind, host, recipe };
}
