/**
 * The dependency rules of ARCHITECTURE.md that concern the language server:
 * only packages/lsp imports LSP libraries, nothing imports cli-lint, and the
 * language features stay pure (no process, file system or connection), so
 * they can be tested and reused without a server.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const packagesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(full));
    else if (entry.name.endsWith(".ts")) out.push(full);
  }
  return out;
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+["']([^"']+)["']/gm)].map((m) => m[1] as string);
}

const packageSources = (name: string): string[] => {
  try {
    return sourceFiles(path.join(packagesDir, name, "src"));
  } catch {
    return [];
  }
};

const LSP_LIBRARY = /^vscode-(languageserver|jsonrpc|languageserver-protocol|languageserver-types|languageserver-textdocument)(\/|$)/;

describe("layering", () => {
  it("only packages/lsp imports LSP libraries", () => {
    const offenders = ["parser", "linter", "files", "cli-lint"].flatMap((p) => packageSources(p).filter((f) => importsOf(f).some((i) => LSP_LIBRARY.test(i))));
    expect(offenders).toEqual([]);
  });

  it("the server imports nothing from cli-lint", () => {
    const lspImports = packageSources("lsp").flatMap(importsOf);
    expect(lspImports).toContain("@xlint/linter"); // the scan sees imports at all
    const offenders = packageSources("lsp").filter((f) => importsOf(f).some((i) => i.startsWith("@xlint/cli-lint") || i.includes("cli-lint/")));
    expect(offenders).toEqual([]);
  });

  it("@xlint/files serves both front ends and imports neither", () => {
    const filesImports = packageSources("files").flatMap(importsOf);
    expect(filesImports).toContain("@xlint/linter"); // the scan sees imports at all
    const offenders = packageSources("files").filter((f) => importsOf(f).some((i) => /^@xlint\/(cli-lint|lsp)(\/|$)/.test(i)));
    expect(offenders).toEqual([]);
  });

  it("the parser and the linter import nothing that reads files", () => {
    const offenders = ["parser", "linter"].flatMap((p) => packageSources(p).filter((f) => importsOf(f).some((i) => i === "@xlint/files" || /^node:(fs|child_process|os|worker_threads)/.test(i))));
    expect(offenders).toEqual([]);
  });

  it("the server uses the linter and the parser through their public exports", () => {
    const deep = packageSources("lsp").filter((f) => importsOf(f).some((i) => /^@xlint\/(linter|parser)\//.test(i) || /\.\.\/\.\.\/(linter|parser)\//.test(i)));
    expect(deep).toEqual([]);
  });

  it("the language features touch neither the process nor the connection", () => {
    const features = sourceFiles(path.join(packagesDir, "lsp", "src", "features"));
    expect(features.length).toBeGreaterThan(0);
    const offenders = features.filter((f) => importsOf(f).some((i) => i.startsWith("node:") || i === "vscode-languageserver/node"));
    expect(offenders).toEqual([]);
  });

  it("the protocol module the VS Code extension imports has no imports, so it brings no server code along", () => {
    const text = readFileSync(path.join(packagesDir, "lsp", "src", "protocol.ts"), "utf8");
    expect(text).toContain('export const STATUS_REQUEST = "xlint/status"'); // the file read is the right one
    expect(text.match(/^\s*import\b|\brequire\(|\bimport\(/gm) ?? []).toEqual([]);
    // Only names and types: every statement that makes a value is a string constant.
    const values = [...text.matchAll(/^export (?:const|let|var|function|class|enum)\b.*$/gm)].map((m) => m[0]);
    expect(values.length).toBeGreaterThan(0);
    expect(values.filter((line) => !/^export const [A-Z_]+ = "[^"]+";$/.test(line))).toEqual([]);
  });
});
