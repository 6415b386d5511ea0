import { DEFAULT_HOST, lintText, type Diagnostic as Finding, type HostProfile } from "@xlint/linter";
import type { Hover } from "vscode-languageserver";
import { describe, expect, it } from "vitest";
import { analyzeDocument } from "../src/features/document-analysis";
import { hoverAt, type HoverContext } from "../src/features/hover";

/** Hovers where `|` stands in `marked`. */
function hover(marked: string, context: Omit<HoverContext, "host"> & { host?: Partial<HostProfile> } = {}): Hover | null {
  const offset = marked.indexOf("|");
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  return hoverAt(analyzeDocument(text, "g.cfg"), offset, { ...context, host: { ...DEFAULT_HOST, ...context.host } });
}

function textOf(result: Hover | null): string | undefined {
  const contents = result?.contents;
  return typeof contents === "object" && contents !== null && "value" in contents ? contents.value : undefined;
}

const shown = (marked: string, context: Parameters<typeof hover>[1] = {}): string | undefined => textOf(hover(marked, context));
const at = (line: number, start: number, end: number) => ({ start: { line, character: start }, end: { line, character: end } });

describe("hover in a disk spec", () => {
  it("decodes a positional vdev, over the field's range", () => {
    const marked = 'disk = [ "phy:/dev/vg/a,xv|da,w" ]\n';
    expect(hover(marked)?.range).toEqual(at(0, 24, 28));
    const text = shown(marked);
    expect(text).toContain("positional field: the vdev");
    expect(text).toContain("`xvda` → device number **51712** (0xca00)");
    expect(text).toContain("Major 202 (Xen virtual disk), minor 0: xvda.");
  });

  it("names the disk a numeric vdev stands for", () => {
    const text = shown('disk = [ "/img,raw,0x3|01,w" ]\n');
    expect(text).toContain("`0x301` → device number **769** (0x301)");
    expect(text).toContain("The number of **hda1**.");
    expect(shown('disk = [ "vdev=xv|dq,target=/img" ]\n')).toContain("device number **268439552** (0x10001000)");
  });

  it("maps the field back through escapes in the string", () => {
    // `\\` is one backslash to xl: the spec is one character shorter than the file's text.
    const marked = 'disk = [ "/a\\\\b,raw,xv|da" ]\n';
    expect(hover(marked)?.range).toEqual(at(0, 20, 24));
    expect(textOf(hover(marked))).toContain("device number **51712**");
  });

  it("says why libxl refuses a vdev", () => {
    expect(shown('disk = [ "/img,raw,xvd|a0,w" ]\n')).toMatch(/libxl refuses the vdev `xvda0`: partition `0` starts with 0/);
  });

  it("reads access, format and devtype as xl does", () => {
    expect(shown('disk = [ "phy:/dev/vg/a,xvda,|w" ]\n')).toContain("**read-write**");
    expect(shown('disk = [ "/img,,xvda,r|o" ]\n')).toContain("**read-only**");
    const empty = hover('disk = [ "/img,|,xvda" ]\n');
    expect(textOf(empty)).toContain("An empty format: xl reads it as **raw**.");
    expect(empty?.range).toEqual(at(0, 15, 16));
    const format = hover('disk = [ "form|at=qcow2,vdev=xvda,target=/i" ]\n');
    expect(format?.range).toEqual(at(0, 10, 22));
    expect(textOf(format)).toContain("Format **qcow2**.");
    expect(shown('disk = [ "/i.iso,raw,hdc,devtype=cd|rom" ]\n')).toContain("**CD-ROM**");
  });

  it("explains flags and deprecated prefixes", () => {
    const prefix = hover('disk = [ "ph|y:/dev/vg/a,xvda,w" ]\n');
    expect(prefix?.range).toEqual(at(0, 10, 14));
    expect(textOf(prefix)).toMatch(/strips and ignores/);
    expect(shown('disk = [ "/img,raw,xvda,w,no-dis|card" ]\n')).toContain("flag `no-discard`");
  });

  it("repeats the parser's words on what xl does not understand", () => {
    expect(shown('disk = [ "/img,raw,xvda,fo|o=bar" ]\n')).toMatch(/not understood by xl[\s\S]*foo=/);
  });
});

describe("hover in a vif spec", () => {
  it("reads a MAC and says what kind of address it is", () => {
    const marked = 'vif = [ "mac=00:16:3E:12:|34:56,bridge=xenbr0" ]\n';
    expect(hover(marked)?.range).toEqual(at(0, 9, 30));
    expect(shown(marked)).toContain("xl reads **00:16:3e:12:34:56**: in Xen's range `00:16:3e`.");
    expect(shown('vif = [ "mac=03:00:00:00:|00:01" ]\n')).toMatch(/locally administered; a group \(multicast\) address/);
  });

  it("turns a rate into bytes per interval", () => {
    expect(shown('vif = [ "rate=10M|B/s" ]\n')).toContain("10000000 bytes per second: up to 500000 bytes every 50000 µs.");
  });

  it("checks a bridge against the host profile", () => {
    expect(shown('vif = [ "bridge=br|1" ]\n', { host: { bridges: ["xenbr0"] } })).toContain("Not a bridge of the host profile (`xenbr0`).");
    expect(shown('vif = [ "bridge=xen|br0" ]\n', { host: { bridges: ["xenbr0"] } })).toContain("A bridge of the host.");
  });

  it("explains types, flags and unknown items", () => {
    expect(shown('vif = [ "type=io|emu" ]\n')).toContain("An **emulated** card plus a PV interface");
    expect(shown('vif = [ "bridge=xenbr0,untr|usted" ]\n')).toContain("flag `untrusted`");
    expect(shown('vif = [ "brige=x|enbr0" ]\n')).toMatch(/not understood by xl[\s\S]*not a vif setting xl knows/);
  });
});

describe("hover in a pci spec", () => {
  it("decodes the device address and explains the flags", () => {
    const address = hover('pci = [ "0000:03:0|0.0@5,seize=1" ]\n');
    expect(address?.range).toEqual(at(0, 9, 23));
    expect(textOf(address)).toContain("Domain 0000, bus 03, device 00, function 0; virtual slot 0x05 in the guest.");
    expect(shown('pci = [ "03:00.0,sei|ze=1" ]\n')).toMatch(/`seize=`[\s\S]*atoi/);
  });
});

describe("hover on findings", () => {
  const text = 'name = "g"\nmemory = 512\ndisk = [ "/img,xvda,w" ]\n';
  const findings = lintText(text, { path: "g.cfg" }).diagnostics;

  it("adds the message and the rule linked to its page where a finding is", () => {
    const offset = text.indexOf("xvda") + 1;
    const finding = findings.find((f) => f.range.start.offset <= offset && offset <= f.range.end.offset) as Finding;
    expect(finding).toBeDefined();
    const result = hoverAt(analyzeDocument(text, "g.cfg"), offset, { findings, docsBase: "https://example.org/rules/" });
    const value = textOf(result);
    expect(value).toContain(`**Error:** ${finding.message}`);
    expect(value).toContain(`[\`${finding.rule}\`](https://example.org/rules/${finding.rule}.md)`);
    // The spec's docs follow the finding, and keep their range.
    expect(value?.indexOf(finding.message)).toBeLessThan(value?.indexOf("positional field") ?? -1);
  });

  it("shows a finding's help, and the finding alone where there are no docs", () => {
    const base = findings[0] as Finding;
    const helped: Finding = { ...base, range: { start: { offset: 0, line: 0, column: 0 }, end: { offset: 4, line: 0, column: 4 } }, help: "Why it matters and what to do." };
    const value = textOf(hoverAt(analyzeDocument("# a comment\n", "g.cfg"), 2, { findings: [helped] }));
    expect(value).toContain("Why it matters and what to do.");
    expect(value).toContain(`\`${base.rule}\``);
    expect(hoverAt(analyzeDocument("# a comment\n", "g.cfg"), 2, { findings: [helped] })?.range).toEqual(at(0, 0, 4));
    expect(hoverAt(analyzeDocument("# a comment\n", "g.cfg"), 6, { findings: [helped] })).toBeNull();
  });
});
