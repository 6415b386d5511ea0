import { describe, expect, it } from "vitest";
import { lintText, DEFAULT_HOST } from "../../src";

const findings = (text: string, rule: string, xenVersion = "4.17") =>
  lintText(text, { host: { ...DEFAULT_HOST, xenVersion } }).diagnostics.filter((d) => d.rule === rule);

describe("unknown-key", () => {
  it("suggests the nearest key and fixes it, unsafely, when there is one candidate", () => {
    const [d] = findings('memroy = 4096\n', "unknown-key");
    expect(d?.help).toContain("Did you mean `memory`?");
    // The rename makes the setting take effect: what xl builds changes.
    expect(d?.fix?.safety).toBe("unsafe");
    expect(d?.fix?.edits).toEqual([{ start: 0, end: 6, newText: "memory", range: { start: { offset: 0, line: 0, column: 0 }, end: { offset: 6, line: 0, column: 6 } } }]);
    expect(d?.range.start.column).toBe(0);
  });
  it("offers no fix when several keys are close, and none for far-off words", () => {
    const several = findings('vnclisen = "x"\nzzzzzz = 1\n', "unknown-key");
    expect(several).toHaveLength(2);
    expect(several[1]?.fix).toBeUndefined();
    expect(several[1]?.help).toContain("Check the spelling");
  });
  it("reports keys of newer releases against the configured release only", () => {
    expect(findings('virtio = [ "type=virtio,device22" ]\n', "unknown-key")[0]?.message).toContain("needs Xen 4.18");
    expect(findings('virtio = [ "type=virtio,device22" ]\n', "unknown-key", "4.18")).toEqual([]);
  });
  it("leaves xl.conf and xm keys to their own rules, and reports every assignment", () => {
    const text = 'autoballoon = 0\nvcpu_avail = 1\nmemroy = 1\nmemroy = 2\n';
    expect(findings(text, "unknown-key").map((d) => d.range.start.line)).toEqual([2, 3]);
    expect(findings(text, "xl-conf-key").map((d) => d.range.start.line)).toEqual([0]);
    expect(findings(text, "xm-only-key").map((d) => d.range.start.line)).toEqual([1]);
  });
  it("says nothing about keys xl reads", () => {
    expect(findings('name = "a"\ntype = "hvm"\nmemory = 1\nvif = []\non_crash = "destroy"\n', "unknown-key")).toEqual([]);
  });
});
