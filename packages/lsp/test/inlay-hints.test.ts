import { describe, expect, it } from "vitest";
import { analyzeDocument } from "../src/features/document-analysis";
import { gib, inlayHints } from "../src/features/inlay-hints";
import { rangeOf } from "./text-places";

const hintsOf = (text: string, range?: Parameters<typeof inlayHints>[1]) => inlayHints(analyzeDocument(text, "g.cfg"), range).map((h) => ({ position: h.position, label: h.label }));

describe("inlayHints", () => {
  it("decodes each disk's vdev: a number to its device, a name to its number", () => {
    const text = 'type = "hvm"\ndisk = [ "/srv/a.img,raw,0x301,w", "phy:/dev/vg/b,xvda,w", "vdev=hdb,target=/srv/c.img", "/srv/d.img,raw,bogus,w" ]\n';
    expect(hintsOf(text)).toEqual([
      { position: rangeOf(text, "0x301").end, label: "→ hda1" },
      { position: rangeOf(text, "xvda").end, label: `→ ${(202 << 8) | 0}` },
      { position: rangeOf(text, "hdb").end, label: `→ ${(3 << 8) | 64}` },
    ]);
  });

  it("gives memory and maxmem in GiB, as xl reads the number", () => {
    const text = 'type = "pvh"\nmemory = 1536\nmaxmem = "0x1000"\nmemory = 0777\nvideoram = 8\nmaxmem = 512M\n';
    expect(hintsOf(text)).toEqual([
      { position: rangeOf(text, "1536").end, label: "1.5 GiB" },
      { position: rangeOf(text, '"0x1000"').end, label: "4 GiB" },
      { position: rangeOf(text, "0777").end, label: `${gib(0o777n)} GiB` },
    ]);
    expect([gib(512n), gib(1000n), gib(1024n * 64n), gib(0n), gib(1n)]).toEqual(["0.5", "0.98", "64", "0", "0"]);
  });

  it("shows the guest type xl builds when `type` is absent", () => {
    const byDefault = 'memory = 512\nname = "g"\n';
    expect(hintsOf(byDefault)).toContainEqual({ position: rangeOf(byDefault, 'name = "g"').end, label: 'type = "pv"' });
    const byBuilder = 'name = "g"\nbuilder = "hvm"\n';
    expect(hintsOf(byBuilder)).toEqual([{ position: rangeOf(byBuilder, '"hvm"').end, label: 'type = "hvm"' }]);
    expect(hintsOf('type = "pvh"\nname = "g"\n')).toEqual([]);
    expect(hintsOf("")).toEqual([]);
  });

  it("answers only inside the requested range, with UTF-16 columns", () => {
    const text = 'type = "pv"\nname = "🦊"; memory = 2048\nmaxmem = 4096\n';
    expect(hintsOf(text, { start: { line: 1, character: 0 }, end: { line: 1, character: 40 } })).toEqual([{ position: rangeOf(text, "2048").end, label: "2 GiB" }]);
    expect(rangeOf(text, "2048").end.character).toBe(26);
  });
});
