import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ConfigResolver } from "@xlint/files";
import { allRules } from "@xlint/linter";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { analyzeDocument } from "../src/features/document-analysis";
import { DocumentPaths } from "../src/workspace/document-paths";
import { indexView } from "../src/workspace/index-view";
import { lintOpenDocuments } from "../src/workspace/lint-open-documents";
import { WorkspaceIndex } from "../src/workspace/workspace-index";
import { GUEST_A, GUEST_B } from "./fixtures";

const GUEST_C = ['name = "gamma"', "memory = 512", 'kernel = "/boot/vmlinuz"', 'vif = [ "mac=00:16:3e:00:00:03,bridge=xenbr0" ]', ""].join("\n");

let root: string;
const write = (relative: string, text: string): string => {
  const file = path.join(root, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
};
const resolver = () => new ConfigResolver(new Set(allRules.map((r) => r.id)), undefined, { severities: new Map(), host: {} });

function newIndex(): { index: WorkspaceIndex; paths: DocumentPaths } {
  const paths = new DocumentPaths([root]);
  return { index: new WorkspaceIndex({ paths, resolver }), paths };
}
const indexed = (index: WorkspaceIndex): string[] => [...index.files()].map((f) => f.path).sort();
const macFindings = (index: WorkspaceIndex, paths: DocumentPaths, text: string) =>
  (lintOpenDocuments([{ uri: pathToFileURL(path.join(root, "open.cfg")).href, version: 1, text }], paths, allRules, undefined, index.context)[0]?.findings ?? []).filter(
    (f) => f.rule === "duplicate-mac",
  );

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), "xlint-index-"));
  write("guests/beta.cfg", GUEST_B);
  write("guests/gamma.cfg", GUEST_C);
  write("xl.conf", 'autoballoon = "off"\n');
  write("README.md", "# not a config\n");
  write("notes", "Shopping list: milk, eggs.\n");
  write("node_modules/pkg/x.cfg", GUEST_B);
  write(".hidden/y.cfg", GUEST_B);
  write(".gitignore", "build/\n");
  write("build/out.cfg", GUEST_B);
  write("xlint.json", '{ "ignore": ["old/**"] }\n');
  write("old/legacy.cfg", GUEST_B);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe("WorkspaceIndex", () => {
  it("indexes the configs `xlint DIR` would lint, and nothing else", async () => {
    const { index } = newIndex();
    await index.build([root]);
    expect(indexed(index)).toEqual(["guests/beta.cfg", "guests/gamma.cfg", "xl.conf"]);
    const beta = index.get(path.join(root, "guests/beta.cfg"));
    expect(beta?.uri).toBe(pathToFileURL(path.join(root, "guests/beta.cfg")).href);
    expect(beta?.symbols.some((s) => s.kind === "mac" && s.value === "00:16:3e:00:00:01")).toBe(true);
    expect(beta?.symbols.some((s) => s.kind === "guest-name" && s.value === "beta")).toBe(true);
  });

  it("gives an open document the unopened configs as context, with places the server can turn into their URIs", async () => {
    const { index, paths } = newIndex();
    await index.build([root]);
    const found = macFindings(index, paths, GUEST_A);
    expect(found).toHaveLength(1);
    expect(found[0]?.related[0]?.path).toBe("guests/beta.cfg");
    expect(paths.uriOf("guests/beta.cfg")).toBe(pathToFileURL(path.join(root, "guests/beta.cfg")).href);
  });

  it("lets an open document replace its own file on disk", async () => {
    const { index, paths } = newIndex();
    await index.build([root]);
    // beta.cfg open with its disk text: no collision with itself.
    const open = lintOpenDocuments([{ uri: pathToFileURL(path.join(root, "guests/beta.cfg")).href, version: 1, text: GUEST_B }], paths, allRules, undefined, index.context);
    expect(open[0]?.findings.filter((f) => f.rule === "duplicate-mac")).toEqual([]);
    const view = indexView(index, () => [{ uri: "file:///elsewhere/beta.cfg", path: "guests/beta.cfg", analysis: () => analyzeDocument(GUEST_B, "beta.cfg") }]);
    const viewed = [...view.files()].map((f) => f.path);
    expect(viewed.filter((p) => p === "guests/beta.cfg")).toHaveLength(1);
    expect([...view.files()].find((f) => f.path === "guests/beta.cfg")?.uri).toBe("file:///elsewhere/beta.cfg");
    expect(viewed).toContain("guests/gamma.cfg");
  });

  it("follows files created, changed and deleted, and leaves out what the walk would not take", async () => {
    const { index, paths } = newIndex();
    await index.build([root]);
    const beta = path.join(root, "guests/beta.cfg");
    writeFileSync(beta, GUEST_B.replace("00:16:3e:00:00:01", "00:16:3e:00:00:02"));
    expect(index.refreshFile(beta)).toBe(true);
    expect(macFindings(index, paths, GUEST_A)).toEqual([]);
    // Read again unchanged: nothing to re-lint.
    expect(index.refreshFile(beta)).toBe(false);

    const delta = write("guests/delta.cfg", GUEST_B);
    expect(index.refreshFile(delta)).toBe(true);
    expect(macFindings(index, paths, GUEST_A)[0]?.related[0]?.path).toBe("guests/delta.cfg");
    unlinkSync(delta);
    expect(index.removeFile(delta)).toBe(true);
    expect(macFindings(index, paths, GUEST_A)).toEqual([]);

    for (const ignored of ["build/new.cfg", "old/new.cfg", "node_modules/pkg/new.cfg", "guests/notes.md"]) {
      expect(index.refreshFile(write(ignored, GUEST_B)), ignored).toBe(false);
    }
    expect(indexed(index)).toEqual(["guests/beta.cfg", "guests/gamma.cfg", "xl.conf"]);
    expect(index.removeFolder(path.join(root, "guests"))).toBe(true);
    expect(indexed(index)).toEqual(["xl.conf"]);
    expect(index.context.size).toBe(1);
  });

  it("builds in slices, letting the event loop run, and a second build replaces the first in place", async () => {
    for (let i = 0; i < 40; i++) write(`many/g${i}.cfg`, GUEST_C.replace("gamma", `g${i}`));
    const paths = new DocumentPaths([root]);
    const index = new WorkspaceIndex({ paths, resolver, sliceMs: 0 });
    const seen: number[] = [];
    const progress = { begin: (total: number) => seen.push(-total), report: (done: number) => seen.push(done), end: () => seen.push(Number.NaN) };
    let ranMeanwhile = 0;
    const tick = setInterval(() => ranMeanwhile++, 0);
    await index.build([root], progress);
    clearInterval(tick);
    expect(ranMeanwhile).toBeGreaterThan(0);
    expect(index.size).toBe(43);
    expect(seen[0]).toBeLessThan(-43);
    expect(Number.isNaN(seen[seen.length - 1])).toBe(true);

    rmSync(path.join(root, "many"), { recursive: true });
    const first = index.build([root]);
    const second = index.build([root]);
    await Promise.all([first, second]);
    expect(indexed(index)).toEqual(["guests/beta.cfg", "guests/gamma.cfg", "xl.conf"]);
    expect(index.context.size).toBe(3);
  });
});
