/**
 * ARCHITECTURE.md's rules for the extension: only it imports `vscode`; it talks
 * to the server through the LSP client library and the server's protocol
 * module (names and types), never through server code; it imports nothing of
 * the command or of file access.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const packagesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sources(full) : entry.name.endsWith(".ts") ? [full] : [];
  });
}
const importsOf = (file: string) => [...readFileSync(file, "utf8").matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+["']([^"']+)["']/gm)].map((m) => m[1] as string);

const ALLOWED = [/^vscode$/, /^vscode-languageclient(\/node)?$/, /^@xlint\/linter$/, /^@xlint\/lsp\/protocol$/, /^picomatch$/, /^\.\//];

describe("the extension's layering", () => {
  const files = sources(path.join(packagesDir, "vscode-ext", "src"));

  it("imports only vscode, the client library, the linter's pure parts and the server's protocol", () => {
    const imports = files.flatMap((f) => importsOf(f).map((i) => `${path.basename(f)}: ${i}`));
    expect(imports.some((i) => i.endsWith(": vscode"))).toBe(true); // the scan sees imports at all
    expect(imports.filter((i) => !ALLOWED.some((a) => a.test(i.slice(i.indexOf(": ") + 2))))).toEqual([]);
  });

  it("no other package imports vscode or the client library", () => {
    const others = ["parser", "linter", "files", "cli-lint", "lsp"].flatMap((p) => sources(path.join(packagesDir, p, "src")));
    expect(others.filter((f) => importsOf(f).some((i) => i === "vscode" || i.startsWith("vscode-languageclient")))).toEqual([]);
  });

  it("the server's protocol module imports nothing, so no server code reaches the client", () => {
    expect(importsOf(path.join(packagesDir, "lsp", "src", "protocol.ts"))).toEqual([]);
  });
});
