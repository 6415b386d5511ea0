/**
 * The NetBSD Xen HOWTO's config examples (test-corpus/netbsd-howto, see its
 * README): each file's findings against its golden `NAME.findings`, and the
 * issue's promise for them: an example gets an error exactly when the real
 * xl refuses it. The HOWTO calls its examples working configs for NetBSD
 * guests, so an error xl does not back would block its readers' commits for
 * nothing.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { decodeFileBytes } from "@xlint/parser";
import { afterAll, describe, expect, it } from "vitest";
import { oraclePath, oracleUnavailableReason, repoRoot, testCorpus, walkFiles } from "../../parser/test/helpers";
import { allRules, DEFAULT_HOST, lintFiles, readConfigText, type Diagnostic } from "../src/index";
import { OracleRunner } from "./fidelity/oracle-runner";

const folder = path.join(testCorpus, "netbsd-howto");
const files = walkFiles(folder, (f) => f.endsWith(".cfg"));
const config = readConfigText(readFileSync(path.join(folder, "xlint.json"), "utf8"), new Set(allRules.map((r) => r.id)));

function render(diagnostics: readonly Diagnostic[]): string {
  return diagnostics
    .map((d) => `${d.range.start.line + 1}:${d.range.start.column + 1} ${d.severity} ${d.rule}: ${d.message}${d.fix ? ` [fix, ${d.fix.safety}: ${d.fix.title}]` : ""}${d.help === undefined ? "" : `\n    help: ${d.help}`}`)
    .join("\n");
}

function lintAlone(file: string): readonly Diagnostic[] {
  const { text, encoding } = decodeFileBytes(readFileSync(file));
  const input = { path: path.relative(repoRoot, file), text, encoding, severities: config.config.rules, host: { ...DEFAULT_HOST, ...config.config.host } };
  return lintFiles([input], { rules: allRules, host: input.host })[0]?.diagnostics ?? [];
}

describe("the NetBSD Xen HOWTO's examples", () => {
  it("has them all, and a readable xlint.json", () => {
    expect(config.problems).toEqual([]);
    expect(files.map((f) => path.basename(f)).sort()).toEqual([
      "2015-minimal-domu.cfg",
      "2020-hvm.cfg",
      "2020-minimal-domu.cfg",
      "2020-pvh.cfg",
      "2020-virtual-disk.cfg",
      "install-kernel.cfg",
      "linux-domu.cfg",
      "pci-passthrough.cfg",
    ]);
  });

  it.each(files.map((f) => [path.basename(f), f]))("%s: findings as in its golden file", (_name, file) => {
    const actual = `${render(lintAlone(file))}\n`;
    const golden = file.replace(/\.cfg$/, ".findings");
    if (process.env["UPDATE_GOLDEN"] === "1") writeFileSync(golden, actual);
    expect(existsSync(golden), `${golden} is missing: run with UPDATE_GOLDEN=1 and review it`).toBe(true);
    expect(actual).toBe(readFileSync(golden, "utf8"));
  });

  const unavailable = oracleUnavailableReason();
  if (unavailable) console.warn(`NetBSD HOWTO against xl: skipped, ${unavailable}`);
  describe.skipIf(unavailable !== undefined)("against the real xl 4.17", () => {
    const runner = new OracleRunner(oraclePath, 2);
    afterAll(() => runner.dispose());
    it.each(files.map((f) => [path.basename(f), f]))("%s: an error exactly when xl refuses it", async (_name, file) => {
      const verdict = await runner.checkFile(file);
      expect(verdict.verdict, "the oracle must judge it").not.toBe("no-verdict");
      const errors = lintAlone(file).filter((d) => d.severity === "error");
      expect(errors.length > 0 ? `errors: ${render(errors)}` : "no error", `xl: ${verdict.verdict} ${verdict.messages.join(" | ")}`).toBe(
        verdict.verdict === "rejected" ? `errors: ${render(errors)}` : "no error",
      );
      if (verdict.verdict === "rejected") expect(errors.length).toBeGreaterThan(0);
    });
  });
});
