import { describe, expect, it } from "vitest";
import { analyzeDocument } from "../src/features/document-analysis";
import { hoverAt } from "../src/features/hover";

function hoverText(text: string, fileName: string, offset: number): string | undefined {
  const hover = hoverAt(analyzeDocument(text, fileName), offset);
  if (hover === null) return undefined;
  const contents = hover.contents;
  return typeof contents === "object" && "value" in contents ? contents.value : undefined;
}

describe("hoverAt", () => {
  it("shows a key's docs: type, default, guest types, release", () => {
    const text = 'name = "g"\nmemory = 1024\n';
    const shown = hoverText(text, "g.cfg", text.indexOf("memory") + 2);
    expect(shown).toContain("**memory**");
    expect(shown).toContain("integer (MiB)");
    expect(shown).toMatch(/Default: /);
    expect(shown).toContain("Applies to: PV, PVH, HVM");
    expect(shown).toContain("Since: Xen 4.17 or earlier");
  });

  it("covers the key's range, the cursor after its last letter included", () => {
    const text = "vcpus = 2\n";
    const hover = hoverAt(analyzeDocument(text, "g.cfg"), 5);
    expect(hover?.range).toEqual({ start: { line: 0, character: 0 }, end: { line: 0, character: 5 } });
  });

  it("says when a key is deprecated", () => {
    const text = 'builder = "hvm"\n';
    expect(hoverText(text, "g.cfg", 1)).toContain("**Deprecated**");
  });

  it("names the release of a key added after 4.17", () => {
    const text = "altp2m = 1\n";
    const since = hoverText(text, "g.cfg", 1);
    expect(since).toMatch(/Since: Xen/);
  });

  it("uses xl.conf's keys in xl.conf", () => {
    const text = 'autoballoon = "off"\n';
    expect(hoverText(text, "xl.conf", 2)).toContain("xl.conf");
  });

  it("says nothing on a value it cannot add to, or on a key xlint does not know", () => {
    const text = 'kernel = "/boot/vmlinuz"\nmemroy = 1\n';
    expect(hoverText(text, "g.cfg", text.indexOf("/boot"))).toBeUndefined();
    expect(hoverText(text, "g.cfg", text.indexOf("memroy") + 1)).toBeUndefined();
  });
});
