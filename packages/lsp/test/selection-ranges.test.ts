import type { Range, SelectionRange } from "vscode-languageserver";
import { describe, expect, it } from "vitest";
import { analyzeDocument } from "../src/features/document-analysis";
import { selectionRanges } from "../src/features/selection-ranges";
import { offsetOf, positionAt, rangeOf } from "./text-places";

/** The chain from the innermost range outwards. */
function chain(selection: SelectionRange | undefined): Range[] {
  const out: Range[] = [];
  for (let s = selection; s !== undefined; s = s.parent) out.push(s.range);
  return out;
}

const chainAt = (text: string, offset: number) => chain(selectionRanges(analyzeDocument(text, "g.cfg"), [offset])[0]);

describe("selectionRanges", () => {
  it("grows from a vif's field to its item, the string, the list and the assignment", () => {
    const text = 'name = "g"\nvif = [ "mac=00:16:3e:00:00:01,bridge=xenbr0",\n        "bridge=br1" ]\n';
    expect(chainAt(text, offsetOf(text, "xenbr0") + 2)).toEqual([
      rangeOf(text, "xenbr0"),
      rangeOf(text, "bridge=xenbr0"),
      rangeOf(text, "mac=00:16:3e:00:00:01,bridge=xenbr0"),
      rangeOf(text, '"mac=00:16:3e:00:00:01,bridge=xenbr0"'),
      { start: rangeOf(text, "[").start, end: rangeOf(text, "]").end },
      { start: rangeOf(text, "vif").start, end: rangeOf(text, "]").end },
    ]);
  });

  it("selects a disk's vdev, then its positional item, then the spec", () => {
    const text = "disk = [ 'phy:/dev/vg/a,xvda,w' ]\n";
    expect(chainAt(text, offsetOf(text, "xvda") + 1).slice(0, 3)).toEqual([rangeOf(text, "xvda"), rangeOf(text, "phy:/dev/vg/a,xvda,w"), rangeOf(text, "'phy:/dev/vg/a,xvda,w'")]);
  });

  it("selects a word of a plain string, and a key", () => {
    const text = 'extra = "console=hvc0 root=/dev/xvda1"\n';
    expect(chainAt(text, offsetOf(text, "root") + 1)).toEqual([
      rangeOf(text, "root=/dev/xvda1"),
      rangeOf(text, "console=hvc0 root=/dev/xvda1"),
      rangeOf(text, '"console=hvc0 root=/dev/xvda1"'),
      rangeOf(text, 'extra = "console=hvc0 root=/dev/xvda1"'),
    ]);
    expect(chainAt(text, 2)).toEqual([rangeOf(text, "extra"), rangeOf(text, 'extra = "console=hvc0 root=/dev/xvda1"')]);
  });

  it("counts UTF-16 columns after non-ASCII text, and answers every position", () => {
    const text = 'name = "🦊"; vif = [ "bridge=brü" ]\n# end\n';
    expect(chainAt(text, offsetOf(text, "brü") + 1)[0]).toEqual(rangeOf(text, "brü"));
    expect(rangeOf(text, "brü").start.character).toBe(29);
    expect(chainAt(text, offsetOf(text, "end"))).toEqual([rangeOf(text, "# end")]);
    const end = text.length;
    expect(chainAt(text, end)).toEqual([{ start: positionAt(text, end), end: positionAt(text, end) }]);
  });

  it("gives each range inside its parent", () => {
    const text = 'disk = [ "format=raw, vdev=xvda, target=/srv/a b.img" ]\n';
    for (let offset = 0; offset <= text.length; offset++) {
      const ranges = chainAt(text, offset);
      for (let i = 1; i < ranges.length; i++) {
        const [inner, outer] = [ranges[i - 1] as Range, ranges[i] as Range];
        const within = (p: Range["start"], q: Range["start"]) => p.line < q.line || (p.line === q.line && p.character <= q.character);
        expect(within(outer.start, inner.start) && within(inner.end, outer.end)).toBe(true);
        expect(inner).not.toEqual(outer);
      }
    }
  });
});
