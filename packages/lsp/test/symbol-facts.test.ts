import { describe, expect, it } from "vitest";
import { analyzeDocument } from "../src/features/document-analysis";
import { symbolFactsOf } from "../src/features/symbol-facts";
import { offsetOf, positionAt } from "./text-places";

const factsOf = (text: string, fileName = "g.cfg") => symbolFactsOf(analyzeDocument(text, fileName));

/** A fact's place, in the shape the parser gives, for `needle` in `text`. */
function placeOf(text: string, needle: string, occurrence = 0) {
  const start = offsetOf(text, needle, occurrence);
  const s = positionAt(text, start);
  const e = positionAt(text, start + needle.length);
  return { startOffset: start, startLine: s.line, startColumn: s.character, endOffset: start + needle.length, endLine: e.line, endColumn: e.character };
}

describe("symbolFactsOf", () => {
  it("names the guest, its UUID, each vif's MAC and bridge and each disk's target, with places", () => {
    const text = [
      'name = "web01"',
      'uuid = "6A1F5C2E-0000-4000-8000-00000000ABCD"',
      'vif = [ "mac=00:16:3E:0A:0B:0C,bridge=xenbr0", "bridge=br1" ]',
      'disk = [ "phy:/dev/vg/web01,xvda,w", "format=raw,vdev=xvdb,target=/srv/data.img" ]',
      "",
    ].join("\n");
    expect(factsOf(text)).toEqual([
      { kind: "guest-name", value: "web01", place: placeOf(text, "web01") },
      { kind: "uuid", value: "6a1f5c2e-0000-4000-8000-00000000abcd", place: placeOf(text, "6A1F5C2E-0000-4000-8000-00000000ABCD") },
      { kind: "mac", value: "00:16:3e:0a:0b:0c", place: placeOf(text, "00:16:3E:0A:0B:0C"), item: 0 },
      { kind: "bridge", value: "xenbr0", place: placeOf(text, "xenbr0"), item: 0 },
      { kind: "bridge", value: "br1", place: placeOf(text, "br1"), item: 1 },
      { kind: "disk-target", value: "/dev/vg/web01", place: placeOf(text, "/dev/vg/web01"), item: 0 },
      { kind: "disk-target", value: "/srv/data.img", place: placeOf(text, "/srv/data.img"), item: 1 },
    ]);
  });

  it("gives a MAC as xl reads it, and none where xl picks a random one", () => {
    const text = 'vif = [ "mac=0:16:3e:1:2:3", "mac=00:00:00:00:00:00", "bridge=xenbr0" ]\n';
    const macs = factsOf(text).filter((f) => f.kind === "mac");
    expect(macs).toEqual([{ kind: "mac", value: "00:16:3e:01:02:03", place: placeOf(text, "0:16:3e:1:2:3"), item: 0 }]);
  });

  it("reads the settings xl keeps: the last `name`, the vifs after `+=`", () => {
    const text = 'name = "old"\nname = "new"\nvif = [ "bridge=a" ]\nvif += [ "bridge=b" ]\n';
    const facts = factsOf(text);
    expect(facts.filter((f) => f.kind === "guest-name").map((f) => f.value)).toEqual(["new"]);
    expect(facts.filter((f) => f.kind === "bridge").map((f) => [f.value, f.item])).toEqual([
      ["a", 0],
      ["b", 1],
    ]);
  });

  it("counts columns in UTF-16 code units after non-ASCII text", () => {
    const text = 'name = "🦊-fuchs"\n# é\nvif = [ "bridge=brü" ]\n';
    const facts = factsOf(text);
    expect(facts[0]).toMatchObject({ kind: "guest-name", value: "🦊-fuchs", place: { startColumn: 8, endColumn: 16 } });
    expect(facts[1]).toMatchObject({ kind: "bridge", value: "brü", place: placeOf(text, "brü") });
  });

  it("names nothing in xl.conf, and never throws on broken text", () => {
    expect(factsOf('name = "x"\n', "xl.conf")).toEqual([]);
    for (const text of ['vif = [ "mac=', 'disk = [ [ "a" ], "', "name = \u0000", 'name = "a" +', "vif = 'mac=zz:zz'\n", "disk = [ ',,,,,,,' ]"]) {
      expect(() => factsOf(text)).not.toThrow();
    }
    expect(factsOf("disk = [ ',,,,,,,' ]")).toEqual([]);
  });
});
