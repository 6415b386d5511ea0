import { SymbolKind } from "vscode-languageserver";
import { describe, expect, it } from "vitest";
import { analyzeDocument } from "../src/features/document-analysis";
import { openDocumentsView } from "../src/features/open-documents-view";
import { workspaceSymbols } from "../src/features/workspace-symbols";
import { EMPTY_WORKSPACE } from "../src/workspace/workspace-view";
import { rangeOf } from "./text-places";

const WEB = 'name = "Web01"\nvif = [ "mac=00:16:3E:00:00:01,bridge=xenbr0" ]\ndisk = [ "/srv/xen/web01.img,raw,xvda,w" ]\n';
const DB = 'name = "db01"\nvif = [ "mac=00:16:3e:00:00:02,bridge=xenbr0" ]\ndisk = [ "phy:/dev/vg/db01,xvda,w" ]\n';

const view = openDocumentsView(() => [
  { uri: "file:///c/web.cfg", path: "web.cfg", analysis: () => analyzeDocument(WEB, "web.cfg") },
  { uri: "file:///c/db.cfg", path: "db.cfg", analysis: () => analyzeDocument(DB, "db.cfg") },
]);

describe("workspaceSymbols", () => {
  it("finds guests, MACs and disk targets of every file, ignoring case", () => {
    const found = workspaceSymbols(view, "WEB");
    expect(found).toEqual([
      { name: "Web01", kind: SymbolKind.Module, location: { uri: "file:///c/web.cfg", range: rangeOf(WEB, "Web01") }, containerName: "web.cfg" },
      { name: "/srv/xen/web01.img", kind: SymbolKind.File, location: { uri: "file:///c/web.cfg", range: rangeOf(WEB, "/srv/xen/web01.img") }, containerName: "Web01 (web.cfg)" },
    ]);
    expect(workspaceSymbols(view, "00:16:3E").map((s) => [s.name, s.location.uri])).toEqual([
      ["00:16:3e:00:00:01", "file:///c/web.cfg"],
      ["00:16:3e:00:00:02", "file:///c/db.cfg"],
    ]);
  });

  it("leaves bridges and UUIDs out (they name no one thing), and answers an empty query with everything", () => {
    expect(workspaceSymbols(view, "xenbr")).toEqual([]);
    expect(workspaceSymbols(view, "").length).toBe(6);
  });

  it("returns at most `limit` symbols", () => {
    expect(workspaceSymbols(view, "", 4).length).toBe(4);
    expect(workspaceSymbols(EMPTY_WORKSPACE, "")).toEqual([]);
  });
});
