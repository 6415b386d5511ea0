import { allRules, lintFiles } from "@xlint/linter";
import { DiagnosticSeverity, DiagnosticTag } from "vscode-languageserver";
import { describe, expect, it } from "vitest";
import { toLspDiagnostics } from "../src/features/diagnostics";
import { GUEST_A, GUEST_B } from "./fixtures";

const uris: Record<string, string> = { "a.cfg": "file:///ws/a.cfg", "b.cfg": "file:///ws/b.cfg" };
const options = { docsBase: "https://example.org/docs/rules/", uriOfPath: (p: string) => uris[p] };

function lintPair(a: string, b: string) {
  return lintFiles([{ path: "a.cfg", text: a }, { path: "b.cfg", text: b }], { rules: allRules });
}

describe("toLspDiagnostics", () => {
  it("names the rule, links its page and maps the severity", () => {
    const [a] = lintPair(GUEST_A, GUEST_B);
    const diagnostics = toLspDiagnostics(a?.diagnostics ?? [], options);
    const duplicateKey = diagnostics.find((d) => d.code === "duplicate-key");
    expect(duplicateKey).toMatchObject({
      severity: DiagnosticSeverity.Warning,
      source: "xlint",
      codeDescription: { href: "https://example.org/docs/rules/duplicate-key.md" },
      range: { start: { line: 2, character: 0 } },
    });
  });

  it("points a cross-file finding at the other file", () => {
    const [a] = lintPair(GUEST_A, GUEST_B);
    const mac = toLspDiagnostics(a?.diagnostics ?? [], options).find((d) => d.code === "duplicate-mac");
    expect(mac?.severity).toBe(DiagnosticSeverity.Error);
    expect(mac?.relatedInformation).toEqual([
      { location: { uri: "file:///ws/b.cfg", range: { start: { line: 3, character: 13 }, end: { line: 3, character: 30 } } }, message: expect.stringContaining("00:16:3e:00:00:01") },
    ]);
  });

  it("leaves out places whose document it does not know", () => {
    const [a] = lintPair(GUEST_A, GUEST_B);
    const mac = toLspDiagnostics(a?.diagnostics ?? [], { ...options, uriOfPath: () => undefined }).find((d) => d.code === "duplicate-mac");
    expect(mac?.relatedInformation).toBeUndefined();
  });

  it("tags deprecated settings and text that changes nothing", () => {
    const text = 'name = "g"\nmemory = 512\nkernel = "/boot/vmlinuz"\nbuilder = "generic"\n# xlint-disable-next-line unknown-key -- old\nvcpus = 1\n';
    const [result] = lintFiles([{ path: "a.cfg", text }], { rules: allRules });
    const diagnostics = toLspDiagnostics(result?.diagnostics ?? [], options);
    expect(diagnostics.find((d) => d.code === "deprecated-builder")?.tags).toEqual([DiagnosticTag.Deprecated]);
    expect(diagnostics.find((d) => d.code === "unused-suppression")?.tags).toEqual([DiagnosticTag.Unnecessary]);
    expect(diagnostics.find((d) => d.code === "duplicate-key")).toBeUndefined();
  });
});
