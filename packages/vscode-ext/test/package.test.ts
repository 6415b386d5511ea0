/**
 * `npm run package` as a user runs it: the .vsix holds the two bundles, the
 * grammar, language configuration, snippets, rule pages and documents, and
 * nothing else (no sources, no node_modules); it stays under 3 MB; and the
 * server inside it starts and links its findings to the pages it ships.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LspClient } from "../../lsp/test/lsp-client";

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const version = JSON.parse(readFileSync(path.join(packageDir, "package.json"), "utf8")).version as string;
const vsix = path.join(packageDir, `xlint-${version}.vsix`);

/** The names in a zip file, from its central directory. */
function zipEntries(bytes: Buffer): string[] {
  let end = bytes.length - 22;
  while (end >= 0 && bytes.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error("not a zip file: no end of central directory");
  const count = bytes.readUInt16LE(end + 10);
  let at = bytes.readUInt32LE(end + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    if (bytes.readUInt32LE(at) !== 0x02014b50) throw new Error(`bad central directory entry ${i}`);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extra = bytes.readUInt16LE(at + 30);
    const comment = bytes.readUInt16LE(at + 32);
    names.push(bytes.toString("utf8", at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extra + comment;
  }
  return names;
}

describe("npm run package", () => {
  let entries: string[] = [];
  let size = 0;
  let output = "";

  beforeAll(() => {
    const run = spawnSync(process.execPath, [path.join(packageDir, "scripts", "package.mjs")], { cwd: packageDir, encoding: "utf8", timeout: 120_000 });
    output = `${run.stdout}\n${run.stderr}`;
    if (run.status !== 0) throw new Error(`npm run package failed (exit ${run.status}):\n${output}`);
    const bytes = readFileSync(vsix);
    size = bytes.length;
    entries = zipEntries(bytes);
  }, 150_000);

  it("writes the .vsix with what the extension needs", () => {
    for (const file of [
      "extension/package.json",
      "extension/dist/extension.cjs",
      "extension/dist/server.cjs",
      "extension/docs/rules/duplicate-mac.md",
      "extension/syntaxes/xl.tmLanguage.json",
      "extension/language-configuration.json",
      "extension/snippets/xl.json",
      "extension/images/icon.png",
      "extension/images/screenshot-problems.png",
      "extension/images/screenshot-explain-rule.png",
      "extension/readme.md",
      "extension/changelog.md",
      "extension/LICENSE.txt",
    ]) {
      expect(entries.map((e) => e.toLowerCase()), file).toContain(file.toLowerCase());
    }
  });

  it("carries no sources, no node_modules, and stays under 3 MB", () => {
    expect(entries.filter((e) => /node_modules|\/src\/|\.ts$|\.map$|\/test\/|\/e2e\//.test(e))).toEqual([]);
    expect(size).toBeLessThan(3 * 1024 * 1024);
    expect(output).toContain(`xlint-${version}.vsix`);
  });

  describe("the server it carries", () => {
    let client: LspClient;
    afterAll(async () => client?.shutdown());

    it("starts, lints, and links findings to the pages shipped beside it", async () => {
      client = LspClient.start(path.join(packageDir, "dist", "server.cjs"));
      await client.connection.sendRequest("initialize", { processId: process.pid, rootUri: null, capabilities: {} });
      await client.connection.sendNotification("initialized", {});
      const uri = "file:///tmp/xlint-package-test/web.cfg";
      await client.open(uri, 'name = "web"\nmemory = 512\nkernel = "/k"\nvif = [ "mac=00:16:3e:00:00:01", "mac=00:16:3e:00:00:01" ]\n');
      const published = await client.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code === "duplicate-mac"));
      const finding = published.diagnostics.find((d) => d.code === "duplicate-mac");
      const href = finding?.codeDescription?.href ?? "";
      expect(href).toMatch(/^file:.*\/packages\/vscode-ext\/docs\/rules\/duplicate-mac\.md$/);
      expect(existsSync(fileURLToPath(href))).toBe(true);
    });
  });
});
