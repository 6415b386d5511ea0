/**
 * How xl's C code cuts the vif, pci, cpus and rdm specs: `strtok` splitting,
 * where empty pieces vanish. (The glibc number readers that then read the
 * pieces are in `c-numbers.ts`.)
 */

/** A piece of a spec as `strtok` returns it, with its place in the spec. */
export interface SpecPiece {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/**
 * Splits `text` at `delimiter` like repeated `strtok` calls: runs of
 * delimiters act as one and empty pieces are never returned.
 */
export function splitLikeStrtok(text: string, delimiter: string): SpecPiece[] {
  const pieces: SpecPiece[] = [];
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf(delimiter, start);
    if (end < 0) end = text.length;
    if (end > start) pieces.push({ text: text.slice(start, end), start, end });
    start = end + 1;
  }
  return pieces;
}
