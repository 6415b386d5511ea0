import { describe, expect, it } from "vitest";
import {
  applyBaseline,
  createBaseline,
  ignoreMatcher,
  lintFiles,
  mergeConfigs,
  readBaseline,
  readConfigText,
  resolveGuestType,
  DEFAULT_HOST,
  passFile,
  RulePlan,
  rangeOfFact,
  type FactRange,
  type FileRule,
  type ProjectRule,
  type Rule,
} from "../src/engine";
import { syntax } from "../src/rules/syntax";
import { unusedSuppression } from "../src/rules/unused-suppression";
import { decodeFileBytes, evaluate, parse } from "@xlint/parser";
import { readFileSync } from "node:fs";
import { corpusConfigs } from "../../parser/test/helpers";
import { allRules } from "../src/rules";

/** A test rule: reports every assignment of `flagme`. */
const flagme: FileRule = {
  id: "flag-me",
  scope: "file",
  severity: "warning",
  category: "suspicious",
  fixable: "none",
  summary: "test rule",
  docs: { description: "test", invalid: [], valid: [] },
  check(context) {
    for (const s of context.parse.file.statements) {
      if (s.kind === "assignment" && s.key.name === "flagme") context.report({ range: s.key.range, message: "flagged" });
    }
  },
};

/** A test project rule: reports a `name` used by more than one file, pointing at the others. */
const sameName: ProjectRule<{ name: string; range: FactRange }> = {
  id: "same-name",
  scope: "project",
  severity: "error",
  category: "correctness",
  fixable: "none",
  summary: "test rule",
  docs: { description: "test", invalid: [], valid: [] },
  collect(file) {
    const name = file.setting("name");
    return name?.value.kind === "string" ? { name: name.value.value, range: file.keep(name.assignments[0]!.range) } : undefined;
  },
  check(context) {
    const files = [...context.files];
    for (const f of files) {
      const others = files.filter((o) => o !== f && o.facts.name === f.facts.name);
      if (others.length === 0) continue;
      context.report(f.path, {
        range: rangeOfFact(f.facts.range),
        message: "same name",
        related: others.map((o) => ({ path: o.path, range: rangeOfFact(o.facts.range), message: "also here" })),
      });
    }
  },
};

// Only the engine's own rules plus the test rules, so real rules do not add findings.
const rules: Rule[] = [syntax, unusedSuppression, flagme, sameName];
const lintOne = (text: string, severities?: Map<string, "off" | "info" | "warning" | "error">) =>
  lintFiles([{ path: "a.cfg", text, severities }], { rules })[0]!;

describe("engine", () => {
  it("runs file rules and sorts findings", () => {
    const r = lintOne('flagme = 1\nname = "x"\nflagme = 2\n');
    expect(r.diagnostics.map((d) => [d.rule, d.range.start.line, d.severity])).toEqual([
      ["flag-me", 0, "warning"],
      ["flag-me", 2, "warning"],
    ]);
  });

  it("applies configured severities, and off", () => {
    expect(lintOne("flagme = 1\n", new Map([["flag-me", "error"]])).diagnostics[0]?.severity).toBe("error");
    expect(lintOne("flagme = 1\n", new Map([["flag-me", "off"]])).diagnostics).toEqual([]);
  });

  it("never hides or downgrades a syntax error", () => {
    const text = "# xlint-disable syntax\nmemory = 512M\n";
    const r = lintOne(text, new Map([["syntax", "off"]]));
    expect(r.diagnostics.filter((d) => d.rule === "syntax").map((d) => d.severity)).toEqual(["error"]);
  });

  it("project rules see every file and point at the others", () => {
    const results = lintFiles(
      [
        { path: "a.cfg", text: 'name = "web"\n' },
        { path: "b.cfg", text: 'name = "web"\n' },
        { path: "c.cfg", text: 'name = "db"\n' },
      ],
      { rules },
    );
    expect(results.map((r) => r.diagnostics.filter((d) => d.rule === "same-name").length)).toEqual([1, 1, 0]);
    expect(results[0]!.diagnostics[0]!.related.map((x) => x.path)).toEqual(["b.cfg"]);
  });

  it("a project rule turned off in one file still sees it as context", () => {
    const results = lintFiles(
      [
        { path: "a.cfg", text: 'name = "web"\n' },
        { path: "b.cfg", text: 'name = "web"\n', severities: new Map([["same-name", "off"]]) },
      ],
      { rules },
    );
    expect(results.map((r) => r.diagnostics.length)).toEqual([1, 0]);
  });
});

describe("suppressions", () => {
  it("next-line, line and file scopes hide findings of the named rule only", () => {
    const text = [
      "# xlint-disable-next-line flag-me -- reason",
      "flagme = 1",
      "flagme = 2 # xlint-disable-line flag-me",
      "flagme = 3",
      "",
    ].join("\n");
    const r = lintOne(text);
    expect(r.diagnostics.map((d) => [d.rule, d.range.start.line])).toEqual([["flag-me", 3]]);
    expect(r.suppressed).toBe(2);
    expect(lintOne("# xlint-disable flag-me\nflagme = 1\nflagme = 2\n").diagnostics).toEqual([]);
  });

  it("reports unused names, unknown rules and empty comments, with fixes that remove them", () => {
    const text = "# xlint-disable-next-line flag-me, same-name -- x\nflagme = 1\n# xlint-disable nope\n# xlint-disable\n";
    const r = lintOne(text);
    const unused = r.diagnostics.filter((d) => d.rule === "unused-suppression");
    expect(unused.map((d) => d.range.start.line)).toEqual([0, 2, 3]);
    expect(unused[1]!.message).toContain("`nope` is not an xlint rule");
    // Removing only `same-name` keeps the comment working.
    const edit = unused[0]!.fix!.edits[0]!;
    const fixed = text.slice(0, edit.start) + edit.newText + text.slice(edit.end);
    expect(fixed.split("\n")[0]).toBe("# xlint-disable-next-line flag-me -- x");
    expect(lintOne(fixed).diagnostics.filter((d) => d.rule === "flag-me")).toEqual([]);
    // Removing a whole stand-alone comment removes its line.
    const whole = unused[1]!.fix!.edits[0]!;
    expect(text.slice(whole.start, whole.end)).toBe("# xlint-disable nope\n");
  });

  it("a directive-looking word inside a comment is not a suppression", () => {
    const r = lintOne("# see xlint-disable-next-line docs\nflagme = 1\n");
    expect(r.diagnostics.map((d) => d.rule)).toEqual(["flag-me"]);
  });
});

describe("configuration file", () => {
  const known = new Set(rules.map((r) => r.id));
  it("reads rules, ignore and host, with comments and trailing commas", () => {
    const { config, problems } = readConfigText(
      '{\n  // team defaults\n  "root": true,\n  "rules": {"flag-me": "error",},\n  "ignore": ["legacy/**"],\n  "host": {"bridges": ["xenbr0"], "arch": "arm"},\n}\n',
      known,
    );
    expect(problems).toEqual([]);
    expect(config.root).toBe(true);
    expect([...config.rules]).toEqual([["flag-me", "error"]]);
    expect(config.ignore).toEqual(["legacy/**"]);
    expect(config.host).toEqual({ bridges: ["xenbr0"], arch: "arm" });
  });

  it("reports each problem with its line and column and keeps the valid parts", () => {
    const { config, problems } = readConfigText('{\n  "rules": {"flag-me": "fatal", "flag-mee": "off", "same-name": "info"},\n  "colour": 1\n}\n', known);
    expect(problems.map((p) => [p.line, p.column, p.message.split(";")[0]])).toEqual([
      [2, 24, 'the severity of "flag-me" must be "off", "info", "warning" or "error"'],
      [2, 33, 'unknown rule "flag-mee"'],
      [3, 3, 'unknown setting "colour"'],
    ]);
    expect([...config.rules]).toEqual([["same-name", "info"]]);
  });

  it("reports broken JSON instead of throwing", () => {
    const { problems } = readConfigText('{"rules": {', known);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]!.message).toMatch(/^invalid JSON/);
    expect(readConfigText("[1]", known).problems[0]!.message).toMatch(/must be a JSON object/);
  });

  it("nearer configs override farther ones", () => {
    const far = readConfigText('{"rules": {"flag-me": "error", "same-name": "off"}, "host": {"bridges": ["a"]}}', known).config;
    const near = readConfigText('{"rules": {"flag-me": "info"}, "host": {"defaultBridge": "br1"}}', known).config;
    const merged = mergeConfigs([far, near]);
    expect([...merged.rules].sort()).toEqual([["flag-me", "info"], ["same-name", "off"]]);
    expect(merged.host).toEqual({ bridges: ["a"], defaultBridge: "br1" });
  });

  it("ignore patterns match gitignore-style", () => {
    const ignored = ignoreMatcher(["legacy", "*.xm", "/top.cfg", "a/b/*.cfg"]);
    expect(["legacy/x.cfg", "deep/legacy/y.cfg", "z.xm", "d/z.xm", "top.cfg", "a/b/c.cfg"].map(ignored)).toEqual([true, true, true, true, true, true]);
    expect(["sub/top.cfg", "a/b/c/d.cfg", "web.cfg"].map(ignored)).toEqual([false, false, false]);
  });
});

describe("baseline", () => {
  it("hides recorded findings by file, rule and message, not by line, and counts duplicates", () => {
    const before = lintOne("flagme = 1\nflagme = 2\n");
    const baseline = createBaseline(before.diagnostics);
    expect(baseline.entries).toEqual([{ path: "a.cfg", rule: "flag-me", message: "flagged", count: 2 }]);
    const roundTrip = readBaseline(JSON.stringify(baseline));
    expect("baseline" in roundTrip).toBe(true);
    // Lines moved, one more finding: exactly one is new.
    const after = lintOne('name = "x"\n\nflagme = 1\nflagme = 2\nflagme = 3\n');
    const { kept, hidden } = applyBaseline(after.diagnostics, baseline);
    expect(hidden).toBe(2);
    expect(kept.map((d) => d.range.start.line)).toEqual([4]);
  });

  it("rejects files that are not baselines with a message", () => {
    expect(readBaseline("nope")).toHaveProperty("error");
    expect(readBaseline('{"version": 2}')).toHaveProperty("error");
    expect(readBaseline('{"version": 1, "entries": [{"path": 1}]}')).toHaveProperty("error");
  });
});

describe("guest type", () => {
  const typeOf = (text: string, arch: "x86" | "arm" = "x86") => {
    const settings = evaluate(parse(text).file).settings;
    const info = resolveGuestType((k) => settings.get(k), { ...DEFAULT_HOST, arch });
    return [info.type, info.source, info.writtenAs];
  };
  it("follows xl's prefix matching, builder, contradictions and the per-arch default", () => {
    expect(typeOf('type = "hvm"\n')).toEqual(["hvm", "type", undefined]);
    expect(typeOf('type = "h"\n')).toEqual(["hvm", "type", "h"]);
    expect(typeOf('type = ""\n')).toEqual(["hvm", "type", ""]);
    expect(typeOf('type = "p"\n')).toEqual(["pv", "type", "p"]);
    expect(typeOf('type = "pvh"\n')).toEqual(["pvh", "type", undefined]);
    expect(typeOf('type = "HVM"\n')).toEqual([undefined, "type", "HVM"]);
    expect(typeOf('builder = "generic"\n')).toEqual(["pv", "builder", "generic"]);
    expect(typeOf('builder = "linux"\n')).toEqual([undefined, "builder", "linux"]);
    expect(typeOf('type = "pvh"\nbuilder = "generic"\n')).toEqual([undefined, "type", undefined]);
    expect(typeOf('type = "hvm"\nbuilder = "hvm"\n')).toEqual(["hvm", "type", undefined]);
    expect(typeOf('name = "x"\n')).toEqual(["pv", "default", undefined]);
    expect(typeOf('name = "x"\n', "arm")).toEqual(["pvh", "default", undefined]);
  });
});

describe("what a run keeps of a file", () => {
  const files = corpusConfigs().filter((f) => f.endsWith(".cfg")).slice(0, 120);

  it("is plain data that holds none of the file's text (unless a comment waits for the project rules)", () => {
    expect(files.length).toBeGreaterThan(50);
    const plan = new RulePlan(allRules, undefined);
    let deferred = 0;
    for (const file of files) {
      const { text, encoding } = decodeFileBytes(readFileSync(file));
      const pass = passFile({ path: file, text, encoding }, plan, { sourceLines: true });
      // Plain objects, arrays and Maps only: no lazy range, AST node or index holding the text.
      expectPlain(pass);
      if (pass.deferred) {
        deferred++;
        continue;
      }
      const kept = JSON.stringify(pass);
      // No line of two settings or more survives whole, except the lines findings point at.
      const shown = new Set(pass.sourceLines?.values());
      const longLines = text.split("\n").filter((l) => l.length > 60 && !shown.has(l.replace(/\r$/, "")) && !/^\s*#/.test(l));
      for (const line of longLines) expect(kept).not.toContain(JSON.stringify(line).slice(1, -1));
    }
    expect(deferred).toBeLessThan(files.length / 10);
  });

  it("keeps each project rule's facts as JSON, and findings with plain ranges and placed fix edits", () => {
    const plan = new RulePlan(allRules, undefined);
    const pass = passFile({ path: "a.cfg", text: 'name = "a"\nmemroy = 1\nvif = [ "mac=00:16:3e:00:00:01" ]\n' }, plan);
    expect(Object.keys(pass.facts).sort()).toEqual(["duplicate-mac", "duplicate-name"]);
    expect(JSON.parse(pass.facts["duplicate-mac"] as string)).toEqual({ macs: [{ mac: "00:16:3e:00:00:01", range: [35, 2, 13, 52, 2, 30] }] });
    const typo = pass.diagnostics.find((d) => d.rule === "unknown-key");
    expect(typo?.range).toEqual({ start: { offset: 11, line: 1, column: 0 }, end: { offset: 17, line: 1, column: 6 } });
    expect(typo?.fix?.edits[0]?.range).toEqual(typo?.range);
  });
});

/** Fails on anything but plain objects, arrays, Maps and primitives, anywhere inside `value`. */
function expectPlain(value: unknown, at = "pass"): void {
  if (value === null || typeof value !== "object") {
    expect(typeof value, at).not.toBe("function");
    return;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  expect([Object.prototype, Array.prototype, Map.prototype].includes(proto as object), `${at} is a ${(value as object).constructor?.name}`).toBe(true);
  const entries = value instanceof Map ? [...value.entries()] : Object.entries(value);
  for (const [key, item] of entries) expectPlain(item, `${at}.${String(key)}`);
}
