/**
 * "Did you mean": the known keys closest to an unknown one. xl reports no
 * unknown keys at all (§1.7), so a misspelt key is silently ignored; these
 * suggestions turn that silence into a fix.
 */

/**
 * Edit distance where swapping two neighbouring letters costs one edit,
 * as typists make that mistake (`memroy`). This is the optimal string
 * alignment variant, which is enough for single keys.
 */
export function damerauLevenshtein(a: string, b: string): number {
  const width = b.length + 1;
  // Three rolling rows: the one before the previous is needed for swaps.
  let before = new Array<number>(width).fill(0);
  let previous = Array.from({ length: width }, (_, j) => j);
  let current = new Array<number>(width).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, (before[j - 2] ?? 0) + 1);
      }
      current[j] = best;
    }
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length] ?? 0;
}

/** How people miswrite xl keys that no edit distance should punish: case and `-` for `_`. */
export function normaliseKey(key: string): string {
  return key.toLowerCase().replace(/-/g, "_");
}

/**
 * The most edits a suggestion may need: none for one- or two-letter keys
 * (anything would match), then one per three letters, at most two.
 */
export function maxEditsFor(key: string): number {
  return Math.min(2, Math.floor(key.length / 3));
}

/** The candidates closest to `unknown`, best first, at most `limit` of them. */
export function closestKeys(unknown: string, candidates: Iterable<string>, limit: number): string[] {
  const wanted = normaliseKey(unknown);
  const budget = maxEditsFor(wanted);
  const scored: { key: string; distance: number }[] = [];
  for (const key of candidates) {
    if (key === unknown) continue;
    // Each edit changes the length by one at most: a key whose length is further off than the budget cannot be close enough.
    if (Math.abs(key.length - wanted.length) > budget) continue;
    const distance = damerauLevenshtein(wanted, key);
    if (distance <= budget) scored.push({ key, distance });
  }
  scored.sort(
    (x, y) =>
      x.distance - y.distance ||
      Math.abs(x.key.length - wanted.length) - Math.abs(y.key.length - wanted.length) ||
      x.key.localeCompare(y.key),
  );
  return scored.slice(0, Math.max(0, limit)).map((s) => s.key);
}

/**
 * "Did you mean" for a word that must be one of a few values (a guest type,
 * an enum value, a scheduler): the one candidate closest to it, case folded,
 * within the word's budget (`maxEditsFor`). Undefined when none is that
 * close, or when two are equally close: a fix built on it guesses the
 * author's intent, so it guesses only when the guess is clear.
 */
export function closestValue(word: string, candidates: Iterable<string>): string | undefined {
  const wanted = word.trim().toLowerCase();
  const budget = maxEditsFor(wanted);
  let best: string | undefined;
  let bestDistance = Infinity;
  let tie = false;
  for (const candidate of candidates) {
    const folded = candidate.toLowerCase();
    if (Math.abs(folded.length - wanted.length) > budget) continue; // too far by length alone (see closestKeys)
    const distance = damerauLevenshtein(wanted, folded);
    if (distance > budget) continue;
    if (distance < bestDistance) {
      [best, bestDistance, tie] = [candidate, distance, false];
    } else if (distance === bestDistance && candidate !== best) {
      tie = true;
    }
  }
  return tie ? undefined : best;
}
