import { describe, expect, it } from "vitest";
import { analyzeDocument } from "../src/features/document-analysis";
import { openDocumentsView } from "../src/features/open-documents-view";
import { referencesAt } from "../src/features/references";
import { EMPTY_WORKSPACE } from "../src/workspace/workspace-view";
import { offsetOf, rangeOf } from "./text-places";

const WEB = 'name = "wéb01"\nvif = [ "mac=00:16:3E:00:00:01,bridge=xenbr0", "mac=00:16:3e:00:00:09,bridge=xenbr0" ]\ndisk = [ "/srv/shared.img,raw,xvda,w" ]\n';
const DB = 'name = "db01"\nvif = [ "bridge=xenbr0,mac=0:16:3e:0:0:1" ]\ndisk = [ "/srv/shared.img,raw,xvda,r" ]\n';
const OTHER = 'name = "wéb01"\nvif = [ "bridge=br1" ]\n';

const docs = { "file:///c/web.cfg": WEB, "file:///c/db.cfg": DB, "file:///c/other.cfg": OTHER } as const;
const view = openDocumentsView(() => Object.entries(docs).map(([uri, text]) => ({ uri, path: uri.slice(10), analysis: () => analyzeDocument(text, "g.cfg") })));

const refs = (needle: string, includeDeclaration = true, occurrence = 0) =>
  referencesAt({ analysis: analyzeDocument(WEB, "web.cfg"), uri: "file:///c/web.cfg", offset: offsetOf(WEB, needle, occurrence) + 1, workspace: view, includeDeclaration });

describe("referencesAt", () => {
  it("finds a MAC wherever xl reads the same address, in this file and the others", () => {
    expect(refs("00:16:3E:00:00:01")).toEqual([
      { uri: "file:///c/web.cfg", range: rangeOf(WEB, "00:16:3E:00:00:01") },
      { uri: "file:///c/db.cfg", range: rangeOf(DB, "0:16:3e:0:0:1") },
    ]);
  });

  it("finds bridges, names and disk targets, leaving out the place asked about when asked to", () => {
    expect(refs("xenbr0", false)).toEqual([
      { uri: "file:///c/web.cfg", range: rangeOf(WEB, "xenbr0", 1) },
      { uri: "file:///c/db.cfg", range: rangeOf(DB, "xenbr0") },
    ]);
    expect(refs("wéb01")).toEqual([
      { uri: "file:///c/web.cfg", range: rangeOf(WEB, "wéb01") },
      { uri: "file:///c/other.cfg", range: rangeOf(OTHER, "wéb01") },
    ]);
    expect(refs("/srv/shared.img")?.map((l) => l.uri)).toEqual(["file:///c/web.cfg", "file:///c/db.cfg"]);
  });

  it("answers null off a value that names something, and reads only this file without a workspace", () => {
    expect(refs("name")).toBeNull();
    expect(refs("xvda")).toBeNull();
    const alone = referencesAt({ analysis: analyzeDocument(WEB, "web.cfg"), uri: "file:///c/web.cfg", offset: offsetOf(WEB, "xenbr0"), workspace: EMPTY_WORKSPACE, includeDeclaration: true });
    expect(alone).toEqual([
      { uri: "file:///c/web.cfg", range: rangeOf(WEB, "xenbr0") },
      { uri: "file:///c/web.cfg", range: rangeOf(WEB, "xenbr0", 1) },
    ]);
  });
});
