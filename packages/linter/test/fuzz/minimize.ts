/**
 * Shrinks a failing input so a fixture shows the bug and little else: drops
 * chunks of lines, then of characters, halving the chunk size, keeping each
 * drop after which the input still fails the same way. Characters are code
 * points, so a UTF-8 text never gets half a surrogate pair. Stops after
 * `budget` tries; what it has by then is still a failing input.
 */
function shrink(units: string[], fails: (text: string) => boolean, budget: { left: number }): string[] {
  let current = units;
  for (let size = Math.max(1, current.length >> 1); budget.left > 0; size >>= 1) {
    for (let at = 0; at < current.length && budget.left > 0; ) {
      budget.left--;
      const candidate = [...current.slice(0, at), ...current.slice(at + size)];
      if (fails(candidate.join(""))) current = candidate;
      else at += size;
    }
    if (size === 1) break;
  }
  return current;
}

export function minimize(text: string, fails: (text: string) => boolean, tries = 3000): string {
  const budget = { left: tries };
  const lines = shrink(text.split(/(?<=\n)/), fails, budget).join("");
  return shrink([...lines], fails, budget).join("");
}
