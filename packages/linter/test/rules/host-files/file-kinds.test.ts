/** The engine runs each rule only on the kinds of file it declares. */
import { describe, expect, it } from "vitest";
import { allRules, DEFAULT_HOST, lintFiles, lintText, ruleDocMarkdown, ruleById, kindsOf, type FileRule } from "../../../src/index";
import { lintKind } from "./helpers";

describe("file kinds in the engine", () => {
  it("lints a file as a domain config unless told otherwise", () => {
    const [result] = lintFiles([{ path: "a.cfg", text: 'autoballoon = "off"\n' }], { rules: allRules });
    expect(result?.kind).toBe("domain");
    expect(result?.diagnostics.map((d) => d.rule)).toContain("xl-conf-key");
    expect(result?.diagnostics.map((d) => d.rule)).toContain("missing-name");
  });

  it("runs no domain rule on xl.conf or cpupool files", () => {
    const domainOnly = new Set(allRules.filter((r) => !kindsOf(r).includes("xl-conf")).map((r) => r.id));
    const conf = lintKind('autoballoon = "off"\nvif.default.bridge = "br0"\n', "xl-conf");
    expect(conf).toEqual([]);
    const poolFile = lintKind('name = "pool-db"\nsched = "credit2"\ncpus = "4-7"\n', "cpupool");
    expect(poolFile).toEqual([]);
    // Broken host files get host-file findings, never domain ones.
    const broken = lintKind('memory = 1\nkernel = "x"\nmemory = 2\n', "xl-conf");
    expect(broken.map((d) => d.rule).filter((id) => domainOnly.has(id))).toEqual([]);
    expect(broken.map((d) => d.rule)).toEqual(["xl-conf-unknown-key", "xl-conf-unknown-key", "duplicate-key", "xl-conf-unknown-key"]);
  });

  it("runs no host-file rule on domain configs", () => {
    const [result] = lintFiles([{ path: "a.cfg", text: 'name = "a"\nsched = "credit"\n' }], { rules: allRules });
    expect(result?.diagnostics.filter((d) => d.rule.startsWith("cpupool-") || d.rule.startsWith("xl-conf-"))).toEqual([]);
  });

  it("reports syntax errors in every kind of file, unsuppressable as ever", () => {
    for (const kind of ["xl-conf", "cpupool"] as const) {
      const found = lintKind("# xlint-disable syntax\nautoballoon = on\n", kind);
      expect(found.filter((d) => d.rule === "syntax" && d.severity === "error"), kind).toHaveLength(1);
    }
  });

  it("honours suppression comments in host files and reports unused ones", () => {
    const text = "# xlint-disable-next-line xl-conf-unknown-key -- read by our tooling\nmy_tool.setting = 1\n# xlint-disable-next-line missing-name\nlockfile = \"/run/lock/xl\"\n";
    expect(lintKind(text, "xl-conf").map((d) => [d.rule, d.range.start.line])).toEqual([["unused-suppression", 2]]);
  });

  it("shows project rules only the files of their kinds", () => {
    const files = [
      { path: "web.cfg", text: 'name = "web"\ntype = "pvh"\nkernel = "/k"\nmemory = 512\n' },
      { path: "web-pool.cfg", text: 'name = "web"\ncpus = "2-3"\n', kind: "cpupool" as const },
      { path: "web-copy.cfg", text: 'name = "web"\ntype = "pvh"\nkernel = "/k"\nmemory = 512\n' },
    ];
    const results = lintFiles(files, { rules: allRules, host: DEFAULT_HOST });
    const duplicates = results.flatMap((r) => r.diagnostics.filter((d) => d.rule === "duplicate-name").map((d) => [r.path, d.related.map((x) => x.path)]));
    expect(duplicates).toEqual([
      ["web.cfg", ["web-copy.cfg"]],
      ["web-copy.cfg", ["web.cfg"]],
    ]);
    expect(results.map((r) => r.kind)).toEqual(["domain", "cpupool", "domain"]);
  });

  it("lets a test rule choose its kinds", () => {
    const seen: string[] = [];
    const probe: FileRule = {
      id: "probe",
      scope: "file",
      kinds: ["cpupool"],
      severity: "info",
      category: "suspicious",
      fixable: "none",
      summary: "test rule",
      docs: { description: "test", invalid: [], valid: [] },
      check: (context) => void seen.push(`${context.path}:${context.kind}`),
    };
    lintFiles(
      [
        { path: "a", text: "", kind: "domain" },
        { path: "b", text: "", kind: "cpupool" },
        { path: "c", text: "", kind: "xl-conf" },
      ],
      { rules: [probe] },
    );
    expect(seen).toEqual(["b:cpupool"]);
  });

  it("says on a rule's page which files it checks, when not domain configs alone", () => {
    expect(ruleDocMarkdown(ruleById("xl-conf-unknown-key")!)).toContain("- Files: xl.conf\n");
    expect(ruleDocMarkdown(ruleById("syntax")!)).toContain("- Files: domain configs, xl.conf, cpupool files\n");
    expect(ruleDocMarkdown(ruleById("missing-name")!)).not.toContain("- Files:");
    expect(ruleDocMarkdown(ruleById("cpupool-missing-name")!)).toContain("`pool-example.cfg`:\n\n```xl");
  });
});

describe("the syntax rule", () => {
  it("runs on every kind even when a caller passes the bare rule", async () => {
    const { syntax } = await import("../../../src/rules/syntax");
    for (const kind of ["domain", "xl-conf", "cpupool"] as const) {
      const [result] = lintFiles([{ path: "f", text: "a = \n", kind }], { rules: [syntax] });
      expect(result?.diagnostics.map((d) => d.severity), kind).toEqual(["error"]);
    }
  });
});

describe("lintText with a kind", () => {
  it("lints the text as that kind of file", () => {
    const text = "autoballon = 1\n";
    expect(lintText(text, { kind: "xl-conf" }).diagnostics.map((d) => d.rule)).toContain("xl-conf-unknown-key");
    expect(lintText(text).diagnostics.map((d) => d.rule)).not.toContain("xl-conf-unknown-key");
  });
});
