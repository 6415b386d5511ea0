import { allRules, lintFiles } from "@xlint/linter";
import { TextDocument } from "vscode-languageserver-textdocument";
import { describe, expect, it } from "vitest";
import { toLspDiagnostics } from "../src/features/diagnostics";
import { EditorLines } from "../src/features/positions";

const options = (text: string) => ({ docsBase: "file:///docs/", uriOfPath: () => undefined, lines: EditorLines.of(text) });

describe("positions in a document with a lone carriage return", () => {
  it("places every finding where the editor shows its text", () => {
    // xl refuses the lone \r; editors start a new line there, the parser does not.
    const text = 'name = "g"\rmemory = x\nvcpus = 1\nbogus_key = 1\n';
    const document = TextDocument.create("file:///a.cfg", "xl", 1, text);
    const findings = lintFiles([{ path: "a.cfg", text }], { rules: allRules })[0]?.diagnostics ?? [];
    expect(findings.length).toBeGreaterThan(1);
    const diagnostics = toLspDiagnostics(findings, options(text));
    diagnostics.forEach((d, i) => {
      const finding = findings[i];
      expect(d.range.start).toEqual(document.positionAt(finding?.range.start.offset ?? -1));
      expect(d.range.end).toEqual(document.positionAt(finding?.range.end.offset ?? -1));
    });
    // The point of it: the parser puts `bogus_key` on line 2, the editor on line 3.
    const unknown = diagnostics.find((d) => d.code === "unknown-key");
    expect(unknown?.range.start).toEqual({ line: 3, character: 0 });
  });

  it("costs nothing without one: the parser's lines are the editor's", () => {
    expect(EditorLines.of("a=1\r\nb=2\n")).toBeUndefined();
    expect(EditorLines.of("a=1\nb=2")).toBeUndefined();
  });

  it("agrees with the editor's own line counting at every offset", () => {
    const text = "a\r\rb\r\nc\n\rd😀\re";
    const lines = EditorLines.of(text);
    const document = TextDocument.create("file:///a.cfg", "xl", 1, text);
    for (let offset = 0; offset <= text.length; offset++) {
      if (text[offset - 1] === "\r" && text[offset] === "\n") continue; // between \r and \n is no place an editor can name
      expect(lines?.position(offset), `offset ${offset}`).toEqual(document.positionAt(offset));
    }
  });
});

describe("hover ranges in a document with a lone carriage return", () => {
  it("cover the key, the value and the finding where the editor shows them", async () => {
    const { analyzeDocument } = await import("../src/features/document-analysis");
    const { hoverAt } = await import("../src/features/hover");
    const text = 'name = "g"\rvcpus = 2\nmemory = 512\nbogus_key = 1\n';
    const document = TextDocument.create("file:///a.cfg", "xl", 1, text);
    const analysis = analyzeDocument(text, "a.cfg");
    const findings = lintFiles([{ path: "a.cfg", text }], { rules: allRules })[0]?.diagnostics ?? [];
    const at = (needle: string) => text.indexOf(needle);
    const expectRange = (offset: number, start: number, end: number) => {
      const hover = hoverAt(analysis, offset, { findings });
      expect(hover?.range).toEqual({ start: document.positionAt(start), end: document.positionAt(end) });
    };
    expectRange(at("memory") + 1, at("memory"), at("memory") + "memory".length);
    expectRange(at("512") + 1, at("512"), at("512") + 3);
    const unknown = findings.find((f) => f.rule === "unknown-key");
    expect(unknown).toBeDefined();
    expectRange(at("bogus_key") + 1, unknown?.range.start.offset ?? -1, unknown?.range.end.offset ?? -1);
  });
});
