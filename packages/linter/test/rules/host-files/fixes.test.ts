/**
 * Every fix the host-file rules offer, on their examples and on a set of
 * broken files: the result still parses, and the finding is gone.
 */
import { describe, expect, it } from "vitest";
import { allRules, kindsOf, type FileKind } from "../../../src/index";
import { applyFix } from "../lint-helpers";
import { lintKind } from "./helpers";

const SAMPLES: readonly { readonly kind: FileKind; readonly text: string }[] = [
  ...allRules
    .filter((r) => !kindsOf(r).includes("domain"))
    .flatMap((r) => r.docs.invalid.map((e) => ({ kind: e.kind ?? ("domain" as const), text: e.config }))),
  { kind: "xl-conf", text: '# host settings\nautoballon = "On"\nclaim_mode = "true"\nvifscript = "vif-route"\ndefaultbridge = "br0"\nvif.default.bridge = "br1"\n' },
  { kind: "xl-conf", text: "output_format = 'JSON'; domid_policy = \"Random\"\nrun_hotplug_scripts = 'no'\n" },
  { kind: "cpupool", text: '# pool\n  shed = "Credit"\nnodez = [ "1" ]\n' },
  { kind: "cpupool", text: 'cpus = "2-3"\r\nsched = "RTDS"\r\n' },
];

describe("host-file fixes", () => {
  it("keep the file readable and remove their finding", () => {
    const failures: string[] = [];
    let checked = 0;
    for (const { kind, text } of SAMPLES) {
      const before = lintKind(text, kind);
      for (const d of before.filter((x) => x.fix)) {
        checked++;
        const after = lintKind(applyFix(text, d.fix), kind);
        const where = `${JSON.stringify(text)} [${d.rule}] ${d.fix?.title}`;
        const syntaxErrors = (list: typeof before) => list.filter((x) => x.rule === "syntax" && x.severity === "error").length;
        if (syntaxErrors(after) > syntaxErrors(before)) failures.push(`${where}: breaks the syntax`);
        const same = (list: typeof before) => list.filter((x) => x.rule === d.rule && x.message === d.message).length;
        if (same(after) >= same(before)) failures.push(`${where}: the finding is still there`);
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual(10);
  });
});
