/**
 * Caches of what rules compute from one file (decoded settings, parsed disk
 * and vif specs, …), shared by all the rules of that file. They are
 * dropped as soon as the file's rules have run: a run over thousands of
 * files would otherwise keep every file's readings alive until the end, and
 * the garbage collector would spend a third of the run walking them. A
 * project rule that asks again recomputes (and its readings go with the run).
 */
import type { Evaluation } from "@xlint/parser";

const caches: WeakMap<Evaluation, unknown>[] = [];

/** A cache keyed by the file's evaluation, emptied by `forgetFileCaches`. */
export function fileCache<V>(): WeakMap<Evaluation, V> {
  const cache = new WeakMap<Evaluation, V>();
  caches.push(cache as WeakMap<Evaluation, unknown>);
  return cache;
}

/** Drops every cached reading of one file. */
export function forgetFileCaches(evaluation: Evaluation): void {
  for (const cache of caches) cache.delete(evaluation);
}
