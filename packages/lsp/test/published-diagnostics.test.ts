import type { Diagnostic } from "vscode-languageserver";
import { describe, expect, it } from "vitest";
import { PublishedDiagnostics } from "../src/workspace/published-diagnostics";

const finding = (line: number, message = "MAC is also used"): Diagnostic => ({ range: { start: { line, character: 0 }, end: { line, character: 4 } }, message, code: "duplicate-mac" });

describe("PublishedDiagnostics", () => {
  it("pushes a document again only when its diagnostics or its version changed", () => {
    const published = new PublishedDiagnostics();
    const first = published.update("file:///a.cfg", 1, [finding(3)]);
    expect(first).toMatchObject({ changed: true, push: true });
    // Another document changed; this one's findings did not: nothing to send.
    expect(published.update("file:///a.cfg", 1, [finding(3)])).toEqual({ changed: false, versionChanged: false, push: false, resultId: first.resultId });
    // Its own text changed (a new version) with the same findings: sent, so the client sees the version, same result id.
    expect(published.update("file:///a.cfg", 2, [finding(3)])).toEqual({ changed: false, versionChanged: true, push: true, resultId: first.resultId });
    // Another file made its findings change without its text changing: a cross-file change.
    const crossFile = published.update("file:///a.cfg", 2, []);
    expect(crossFile).toMatchObject({ changed: true, versionChanged: false, push: true });
    expect(crossFile.resultId).not.toBe(first.resultId);
    published.forget("file:///a.cfg");
    expect(published.resultIdOf("file:///a.cfg")).toBeUndefined();
    expect(published.update("file:///a.cfg", 2, []).push).toBe(true);
  });
});
