/**
 * Seeded choices for the mutation generators, so that every machine and every
 * run builds the same mutants (mutant `i` depends only on the seed and `i`).
 * The generator itself is the one the parser's tests use.
 */
export { caseSeed as mutantSeed, Rng, type Weighted } from "../../../parser/test/random";
