import { SymbolKind } from "vscode-languageserver";
import { describe, expect, it } from "vitest";
import { analyzeDocument } from "../src/features/document-analysis";
import { documentSymbols } from "../src/features/document-symbols";
import { rangeOf } from "./text-places";

const TEXT = [
  "# web guest",
  'name = "wéb01"',
  "memory = 1024",
  'vif = [ "mac=00:16:3E:00:00:01,bridge=xenbr0",',
  '        "bridge=br1", "model=e1000" ]',
  'disk = [ "phy:/dev/vg/web,xvda,w", "format=raw,vdev=0x301,target=/srv/a.img", ",,hdc:cdrom,r" ]',
  'cpus = [ "0-3", "4" ]',
  "",
].join("\n");

describe("documentSymbols", () => {
  const symbols = documentSymbols(analyzeDocument(TEXT, "web.cfg"));

  it("gives one symbol per assignment, the key as its selection", () => {
    expect(symbols.map((s) => [s.name, s.kind, s.detail])).toEqual([
      ["name", SymbolKind.String, '"wéb01"'],
      ["memory", SymbolKind.Number, "1024"],
      ["vif", SymbolKind.Array, "[3 items]"],
      ["disk", SymbolKind.Array, "[3 items]"],
      ["cpus", SymbolKind.Array, "[2 items]"],
    ]);
    expect(symbols[0]?.selectionRange).toEqual(rangeOf(TEXT, "name"));
    expect(symbols[0]?.range).toEqual(rangeOf(TEXT, 'name = "wéb01"'));
    expect(symbols[2]?.range).toEqual({ start: rangeOf(TEXT, "vif").start, end: rangeOf(TEXT, '"model=e1000" ]').end });
  });

  it("names vifs by MAC and bridge, disks by vdev and target, other items by their text", () => {
    expect(symbols[2]?.children?.map((c) => c.name)).toEqual(["00:16:3e:00:00:01 (xenbr0)", "bridge br1", "model=e1000"]);
    expect(symbols[2]?.children?.[1]?.range).toEqual(rangeOf(TEXT, '"bridge=br1"'));
    expect(symbols[3]?.children?.map((c) => c.name)).toEqual(["xvda → /dev/vg/web", "0x301 → /srv/a.img", "hdc → (empty)"]);
    expect(symbols[3]?.children?.[0]?.detail).toBe("phy:/dev/vg/web,xvda,w");
    expect(symbols[4]?.children?.map((c) => c.name)).toEqual(["0-3", "4"]);
  });

  it("keeps every assignment, broken ones included, and never names a symbol with nothing", () => {
    const text = 'memory = 512\nmemory = 1024\nkernel =\nvif = [ "" ]\n';
    const found = documentSymbols(analyzeDocument(text, "g.cfg"));
    expect(found.map((s) => s.name)).toEqual(["memory", "memory", "kernel", "vif"]);
    expect(found[2]?.detail).toBeUndefined();
    expect(found[3]?.children?.[0]?.name).toBe("#1");
  });
});
