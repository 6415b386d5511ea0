/**
 * xlint.json's `host.arch` and `host.extraKeys` reach each file's host
 * profile (the nearest config's value wins), and with it the linter: a
 * declared vendor key is not unknown, and an unstated arch stays unknown.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { allRules, lintFiles } from "@xlint/linter";
import { ConfigResolver } from "@xlint/files";

const root = mkdtempSync(path.join(tmpdir(), "xlint-vendor-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function write(rel: string, text: string): string {
  const file = path.join(root, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

const CONFIG = 'name = "doma"\nkernel = "/xt/doma/Image"\ndevice_tree = "/xt/doma.dtb"\ndt_passthrough_nodes = [ "/firmware" ]\n';

describe("host.arch and host.extraKeys from xlint.json", () => {
  write("xlint.json", '{ "root": true, "host": { "extraKeys": ["dt_passthrough_nodes"] } }\n');
  write("x86/xlint.json", '{ "host": { "arch": "x86", "extraKeys": [] } }\n');
  const arm = write("arm/doma.cfg", CONFIG);
  const x86 = write("x86/doma.cfg", CONFIG);
  const resolver = new ConfigResolver(new Set(allRules.map((r) => r.id)), undefined, { severities: new Map(), host: {} });

  it("flow into each file's host profile, the nearest config winning", () => {
    expect(resolver.problems).toEqual([]);
    expect(resolver.forFile(arm).host).toMatchObject({ arch: undefined, extraKeys: ["dt_passthrough_nodes"] });
    expect(resolver.forFile(x86).host).toMatchObject({ arch: "x86", extraKeys: [] });
  });

  it("silence unknown-key for the declared key, and leave the arch to the file where none is stated", () => {
    const lint = (file: string) => lintFiles([{ path: file, text: CONFIG, host: resolver.forFile(file).host }], { rules: allRules })[0]?.diagnostics ?? [];
    const armFindings = lint(arm);
    expect(armFindings.filter((d) => d.rule === "unknown-key" || d.rule === "arch-specific-key")).toEqual([]);
    const x86Findings = lint(x86);
    expect(x86Findings.filter((d) => d.rule === "unknown-key").map((d) => d.message)).toEqual([expect.stringContaining("`dt_passthrough_nodes` is not a key xl reads")]);
    expect(x86Findings.filter((d) => d.rule === "arch-specific-key").map((d) => [d.message, d.help])).toEqual([
      [expect.stringContaining('but `host.arch` is "x86"'), expect.stringContaining("The host profile (xlint.json, or `--host-from-system`) says so")],
    ]);
  });
});
