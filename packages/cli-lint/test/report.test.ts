/**
 * The output formats (stylish, json, sarif, github, gcc), fed with what the
 * linter really finds in three small configs: errors, warnings and infos,
 * safe and unsafe fixes, a MAC shared by two files (a related location in
 * the other file), a span after a tab and non-ASCII text, a span over two
 * lines, a line too long for a terminal, and a clean file.
 *
 * Each format's exact output is kept in test/golden/. After an intended
 * change of output, rewrite them and review the diff:
 *
 *   UPDATE_GOLDEN=1 npx vitest run packages/cli-lint/test/report.test.ts
 *
 * Beyond the goldens, the tests check properties computed from the linter's
 * findings: JSON positions and fix edits, carets under the right text,
 * GitHub escaping, SARIF structure.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { allRules, applyFixes, lintFiles, ruleDocsUrl, type Diagnostic } from "@xlint/linter";
import { formatToString } from "../src/report/types";
import type * as Sarif from "sarif";
import { describe, expect, it } from "vitest";
import { FORMAT_NAMES, formatters, type FormatOptions, type Formatter, type JsonReport, type ReportedFile, type RunReport } from "../src/report";

const here = path.dirname(fileURLToPath(import.meta.url));
const GOLDEN_DIR = path.join(here, "golden");
const SCHEMA = JSON.parse(readFileSync(path.join(here, "../schema/xlint-output.schema.json"), "utf8")) as Schema;

/** main.ts lints files by their shown paths; a test below lints absolute ones and maps them for display. */
const ROOT = "/srv/xen/";
const stripRoot = (p: string): string => (p.startsWith(ROOT) ? p.slice(ROOT.length) : p);

const guest = (name: string, extra: string): string => `name = "${name}"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\n${extra}`;

const WEB = guest(
  "web01",
  [
    'memory = "512"', // quoted-number: info, safe fix
    "vcpus = 1",
    'extra = "console=hvc0 café 日本"\t; memroy = 1', // unknown-key after a tab, an accent and wide characters: warning
    'on_crash = "restrat"', // invalid-enum-value: error, unsafe fix
    'vif = [ "mac=00:16:3e:00:00:01,bridge=xenbr0" ]', // duplicate-mac with db.cfg: error, related location
    "",
  ].join("\n"),
);
const DB = guest(
  "db01",
  [
    "memory = 1024",
    "vcpus = 2",
    'cmdline = [ "quiet",', // wrong-value-shape over two lines: warning
    '  "console=hvc0" ]',
    `extra = "${"x".repeat(150)}" ; on_poweroff = "destory"`, // a long line, cut around the span
    'localtime = "1"',
    'vif = [ "mac=00:16:3E:00:00:01,bridge=xenbr0" ]',
    "",
  ].join("\n"),
);
const CACHE = guest("cache01", 'memory = 256\nvcpus = 1\nvif = [ "mac=00:16:3e:00:00:02,bridge=xenbr0" ]\n');

/** A report whose files are a list, as tests like them (the command hands formatters an iterable). */
type ListReport = RunReport & { readonly files: readonly ReportedFile[] };

function lintRun(texts: Readonly<Record<string, string>>, root = ""): ListReport {
  const inputs = Object.entries(texts).map(([name, text]) => ({ path: root + name, text }));
  const results = lintFiles(inputs, { rules: allRules, sourceLines: true });
  return { files: results.map((r) => ({ path: stripRoot(r.path), sourceLines: r.sourceLines, diagnostics: r.diagnostics })) };
}

const render = (formatter: Formatter, report: RunReport, opts: FormatOptions): string => formatToString(formatter, report, opts);

/** The texts REPORT was made from, by shown path (a report keeps only the lines it shows). */
const TEXTS = new Map(Object.entries({ "vm/web.cfg": WEB, "vm/db.cfg": DB, "vm/cache.cfg": CACHE }));
const REPORT = lintRun(Object.fromEntries(TEXTS));

function options(overrides: Partial<FormatOptions> = {}): FormatOptions {
  return { color: false, quiet: false, docsUrl: (rule) => `https://docs.test/rules/${rule}`, version: "9.9.9-test", displayPath: (p) => p, ...overrides };
}

function expectGolden(name: string, actual: string): void {
  const file = path.join(GOLDEN_DIR, name);
  // Only an explicit 1 rewrites: UPDATE_GOLDEN=0 (or any other value) must still compare.
  if (process.env["UPDATE_GOLDEN"] === "1") {
    mkdirSync(GOLDEN_DIR, { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file)) throw new Error(`no golden file ${name}: run with UPDATE_GOLDEN=1 to create it`);
  expect(actual).toBe(readFileSync(file, "utf8"));
}

const allDiagnostics = (report: ListReport): Diagnostic[] => report.files.flatMap((f) => f.diagnostics);
const count = (report: ListReport, severity: Diagnostic["severity"]): number => allDiagnostics(report).filter((d) => d.severity === severity).length;

/** 1-based line and column of an offset, worked out from the text itself. */
function positionOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  return { line: before.split("\n").length, column: offset - before.lastIndexOf("\n") };
}

describe("the fixture run", () => {
  it("has what the formats must show", () => {
    const all = allDiagnostics(REPORT);
    expect(new Set(all.map((d) => d.severity))).toEqual(new Set(["error", "warning", "info"]));
    expect(all.some((d) => d.fix?.safety === "safe") && all.some((d) => d.fix?.safety === "unsafe")).toBe(true);
    expect(all.some((d) => d.related.some((r) => r.path !== d.path))).toBe(true);
    expect(all.some((d) => d.range.end.line > d.range.start.line)).toBe(true);
    expect(REPORT.files.some((f) => f.diagnostics.length === 0)).toBe(true);
    expect(all.some((d) => d.help !== undefined)).toBe(true);
  });

  it("links a rule's page under the base it is given", () => {
    expect(ruleDocsUrl("duplicate-mac", "https://example.org/repo/docs/rules")).toBe("https://example.org/repo/docs/rules/duplicate-mac.md");
    expect(ruleDocsUrl("duplicate-mac", "file:///opt/xlint/docs/rules/")).toBe("file:///opt/xlint/docs/rules/duplicate-mac.md");
  });

  it("has a formatter for every format name", () => {
    expect(Object.keys(formatters).sort()).toEqual([...FORMAT_NAMES].sort());
  });
});

describe("golden outputs", () => {
  it.each([
    ["stylish.txt", "stylish", {}],
    ["stylish-color.txt", "stylish", { color: true }],
    ["stylish-quiet.txt", "stylish", { quiet: true }],
    ["output.json", "json", {}],
    ["output-quiet.json", "json", { quiet: true }],
    ["output.sarif", "sarif", {}],
    ["github.txt", "github", {}],
    ["gcc.txt", "gcc", {}],
  ] as const)("%s", (file, format, overrides) => {
    expectGolden(file, render(formatters[format], REPORT, options(overrides)));
  });
});

describe("streaming", () => {
  it.each(["json", "sarif"] as const)("%s is written file by file, and reads back exactly as one stringified document", (format) => {
    const chunks: string[] = [];
    formatters[format](REPORT, options(), (chunk) => chunks.push(chunk));
    const whole = chunks.join("");
    expect(whole).toBe(JSON.stringify(JSON.parse(whole), null, 2) + "\n");
    expect(chunks.length).toBeGreaterThan(REPORT.files.filter((f) => f.diagnostics.length > 0).length);
    const empty = render(formatters[format], { files: [] }, options());
    expect(empty).toBe(JSON.stringify(JSON.parse(empty), null, 2) + "\n");
  });

  it.each(FORMAT_NAMES)("%s writes each file's findings as a piece of their own", (format) => {
    const chunks: string[] = [];
    formatters[format](REPORT, options(), (chunk) => chunks.push(chunk));
    for (const file of REPORT.files.filter((f) => f.diagnostics.length > 0)) {
      const own = chunks.filter((chunk) => file.diagnostics.every((d) => chunk.includes(JSON.stringify(d.message).slice(1, -1)) || chunk.includes(d.message)));
      expect(own.length).toBeGreaterThan(0);
      // The piece holding this file's findings holds no other file's own findings.
      const others = REPORT.files.filter((f) => f !== file).flatMap((f) => f.diagnostics.filter((d) => d.rule !== "duplicate-mac").map((d) => d.message));
      expect(others.some((m) => (own[0] as string).includes(m) || (own[0] as string).includes(JSON.stringify(m).slice(1, -1)))).toBe(false);
    }
  });
});

describe("related locations in other files", () => {
  it("show their paths through displayPath in every format", () => {
    const report = lintRun({ "vm/web.cfg": WEB, "vm/db.cfg": DB }, ROOT);
    const mapped = options({ displayPath: stripRoot });
    expect(report.files.flatMap((f) => f.diagnostics.flatMap((d) => d.related.map((r) => r.path)))).toContain(`${ROOT}vm/db.cfg`);
    expect(render(formatters.stylish, report, mapped)).toContain("= note: vm/db.cfg:10:14: the same MAC");
    const json = JSON.parse(render(formatters.json, report, mapped)) as JsonReport;
    expect(json.files.flatMap((f) => f.diagnostics.flatMap((d) => d.related.map((r) => r.path)))).toEqual(["vm/db.cfg", "vm/web.cfg"]);
    const sarif = JSON.parse(render(formatters.sarif, report, mapped)) as Sarif.Log;
    const uris = sarif.runs[0]?.results?.flatMap((r) => (r.relatedLocations ?? []).map((l) => l.physicalLocation?.artifactLocation?.uri));
    expect(uris).toEqual(["vm/db.cfg", "vm/web.cfg"]);
  });
});

describe("stylish", () => {
  const output = render(formatters.stylish, REPORT, options());

  it("underlines exactly the span, after tabs, accents and wide characters, and in cut lines", () => {
    const excerpts = sourceExcerpts(output);
    const shown = allDiagnostics(REPORT);
    expect(excerpts).toHaveLength(shown.length);
    shown.forEach((d, i) => {
      const text = TEXTS.get(REPORT.files.find((f) => f.diagnostics.includes(d))?.path ?? "") ?? "";
      const lineEnd = text.indexOf("\n", d.range.start.offset);
      const spanText = text.slice(d.range.start.offset, Math.min(d.range.end.offset, lineEnd === -1 ? text.length : lineEnd));
      const excerpt = excerpts[i] as SourceExcerpt;
      expect(excerpt.source).not.toContain("\t");
      expect(excerpt.lineNumber).toBe(d.range.start.line + 1);
      expect(cellSlice(excerpt.source, excerpt.caretStart, excerpt.caretWidth)).toBe(spanText);
    });
  });

  it("cuts a long line to a window around the span", () => {
    const long = sourceExcerpts(output).find((e) => e.source.includes("destory"));
    expect(long?.source.startsWith("...")).toBe(true);
    expect(long?.source.length).toBeLessThanOrEqual(100);
  });

  it("gives related places, fix hints and docs links", () => {
    expect(output).toContain("= note: vm/db.cfg:10:14: the same MAC 00:16:3e:00:00:01");
    expect(output).toContain("= fix available (--fix): Write `512` without quotes");
    expect(output).toContain("= fix available (--unsafe-fixes): Replace with `restart`");
    expect(output).toContain("= docs: https://docs.test/rules/duplicate-mac");
  });

  it("prints each help as an `= help:` line under its own finding, before its notes", () => {
    const blocks = output.split(/\n(?=  \d+:\d+ )/);
    const shown = allDiagnostics(REPORT);
    expect(blocks.length).toBeGreaterThanOrEqual(shown.length);
    for (const d of shown) {
      const block = blocks.find((b) => b.includes(`  ${d.message}  ${d.rule}`)) as string;
      expect(block, d.message).toBeDefined();
      const helpLines = block.split("\n").filter((l) => /^ {4} += help: /.test(l));
      if (d.help === undefined) {
        expect(helpLines).toEqual([]);
        continue;
      }
      expect(helpLines.map((l) => l.replace(/^ {4} += help: /, ""))).toEqual([d.help]);
      const lines = block.split("\n");
      const at = lines.indexOf(helpLines[0] as string);
      expect(lines.slice(at + 1).every((l) => !/^ {4} *\d+ \| /.test(l)), "help comes after the source excerpt").toBe(true);
      expect(lines.slice(0, at).some((l) => / = (note|fix available|docs)/.test(l)), "help comes before notes, fix and docs").toBe(false);
    }
  });

  it("ends with counts over every file and what --fix would do", () => {
    const all = allDiagnostics(REPORT);
    const safe = all.filter((d) => d.fix?.safety === "safe").length;
    const unsafe = all.filter((d) => d.fix?.safety === "unsafe").length;
    const withFindings = REPORT.files.filter((f) => f.diagnostics.length > 0).length;
    const tail = output.trimEnd().split("\n").slice(-2);
    expect(tail).toEqual([
      `${count(REPORT, "error")} errors, ${count(REPORT, "warning")} warnings, ${count(REPORT, "info")} infos in ${withFindings} files (${REPORT.files.length} files checked)`,
      `${safe} fixable with --fix (${unsafe} more with --unsafe-fixes)`,
    ]);
  });

  it("prints only errors with quiet, but counts everything", () => {
    const quiet = render(formatters.stylish, REPORT, options({ quiet: true }));
    expect(sourceExcerpts(quiet)).toHaveLength(count(REPORT, "error"));
    expect(quiet).not.toMatch(/^ {2}\d+:\d+ +(warning|info) /m);
    expect(quiet).toContain(`${count(REPORT, "warning")} warnings`);
  });

  it("colours only when asked", () => {
    expect(output).not.toContain("\u001b[");
    expect(render(formatters.stylish, REPORT, options({ color: true }))).toContain("\u001b[31m");
  });

  it("says so in one line when every file is clean", () => {
    const clean = lintRun({ "a.cfg": CACHE, "b.cfg": CACHE.replace("cache01", "cache02").replace(":02", ":03") });
    expect(allDiagnostics(clean)).toEqual([]);
    expect(render(formatters.stylish, clean, options())).toBe("All 2 files are clean.\n");
  });

  it("reports what --fix fixed", () => {
    const fixedText = applyFixes(WEB, REPORT.files[0]?.diagnostics ?? [], { unsafe: false });
    const relinted = lintRun({ "vm/web.cfg": fixedText.text });
    const file = { ...(relinted.files[0] as ReportedFile), fixed: fixedText.applied.length };
    expect(fixedText.applied.length).toBeGreaterThan(0);
    const n = fixedText.applied.length;
    expect(render(formatters.stylish, { files: [file] }, options())).toContain(`Fixed ${n} problem${n === 1 ? "" : "s"} in 1 file.`);
  });

  it("never prints a file's control characters raw, and drops the \\r of CRLF lines", () => {
    const report = lintRun({ "esc.cfg": guest("esc", 'memory = 512\nvcpus = 1\nextra = "\u001b[2J"; memroy = 1\r\n') });
    const out = render(formatters.stylish, report, options());
    expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(out).toContain('extra = "\u241b[2J"; memroy = 1\n');
  });
});

describe("json", () => {
  const output = render(formatters.json, REPORT, options());
  const parsed = JSON.parse(output) as JsonReport;

  it("is pretty-printed with two spaces and a final newline", () => {
    expect(output).toBe(JSON.stringify(parsed, null, 2) + "\n");
  });

  it("follows the contract field by field", () => {
    expect(Object.keys(parsed)).toEqual(["version", "files", "summary"]);
    expect(parsed.version).toBe(1);
    expect(parsed.files.map((f) => f.path)).toEqual(REPORT.files.map((f) => f.path));
    parsed.files.forEach((jsonFile, i) => {
      const file = REPORT.files[i] as ReportedFile;
      expect(Object.keys(jsonFile)).toEqual(["path", "diagnostics"]);
      expect(jsonFile.diagnostics).toHaveLength(file.diagnostics.length);
      jsonFile.diagnostics.forEach((j, k) => {
        const d = file.diagnostics[k] as Diagnostic;
        // `help` is there exactly when the finding has one, right after the message.
        const help = d.help === undefined ? [] : ["help"];
        expect(Object.keys(j)).toEqual(["rule", "severity", "message", ...help, "line", "column", "endLine", "endColumn", "fix", "related"]);
        expect([j.rule, j.severity, j.message, j.help]).toEqual([d.rule, d.severity, d.message, d.help]);
        const text = TEXTS.get(file.path) ?? "";
        const start = positionOf(text, d.range.start.offset);
        const end = positionOf(text, d.range.end.offset);
        expect([j.line, j.column, j.endLine, j.endColumn]).toEqual([start.line, start.column, end.line, end.column]);
        expect(j.fix).toEqual(
          d.fix
            ? {
                title: d.fix.title,
                safety: d.fix.safety,
                edits: d.fix.edits.map((e) => {
                  const from = positionOf(text, e.start);
                  const to = positionOf(text, e.end);
                  return { line: from.line, column: from.column, endLine: to.line, endColumn: to.column, newText: e.newText };
                }),
              }
            : null,
        );
        expect(j.related).toEqual(
          d.related.map((r) => ({ path: r.path, line: r.range.start.line + 1, column: r.range.start.column + 1, message: r.message })),
        );
      });
    });
    expect(parsed.summary).toEqual({ files: 3, errors: count(REPORT, "error"), warnings: count(REPORT, "warning"), infos: count(REPORT, "info"), skipped: 0 });
  });

  it("keeps only errors with quiet, every file, and the full summary", () => {
    const quiet = JSON.parse(render(formatters.json, REPORT, options({ quiet: true }))) as JsonReport;
    expect(quiet.files.map((f) => f.path)).toEqual(parsed.files.map((f) => f.path));
    expect(quiet.files.flatMap((f) => f.diagnostics)).toEqual(parsed.files.flatMap((f) => f.diagnostics).filter((d) => d.severity === "error"));
    expect(quiet.summary).toEqual(parsed.summary);
  });

  it("matches the JSON Schema in schema/", () => {
    for (const name of ["output.json", "output-quiet.json"]) {
      expect(validate(JSON.parse(readFileSync(path.join(GOLDEN_DIR, name), "utf8")), SCHEMA), name).toEqual([]);
    }
    expect(validate(parsed, SCHEMA)).toEqual([]);
  });

  it("has a schema check that notices a broken output", () => {
    const broken = JSON.parse(output) as { files: { diagnostics: Record<string, unknown>[] }[] };
    const first = broken.files[0]?.diagnostics[0] as Record<string, unknown>;
    first.line = 0;
    delete first.fix;
    first.extra = true;
    expect(validate(broken, SCHEMA)).toEqual([
      "$.files[0].diagnostics[0]: missing fix",
      "$.files[0].diagnostics[0]: unexpected extra",
      "$.files[0].diagnostics[0].line: below 1",
    ]);
  });
});

describe("github", () => {
  const output = render(formatters.github, REPORT, options());

  it("writes one command per finding, then a summary", () => {
    const lines = output.trimEnd().split("\n");
    const all = allDiagnostics(REPORT);
    expect(lines).toHaveLength(all.length + 1);
    expect(lines.filter((l) => l.startsWith("::error ")).length).toBe(count(REPORT, "error"));
    expect(lines.filter((l) => l.startsWith("::warning ")).length).toBe(count(REPORT, "warning"));
    expect(lines.filter((l) => l.startsWith("::notice ")).length).toBe(count(REPORT, "info"));
    expect(lines.at(-1)).toMatch(/^\d+ errors, /);
  });

  it("escapes %, CR and LF in messages, and : and , too in properties", () => {
    const real = REPORT.files[0]?.diagnostics.find((d) => d.severity === "error") as Diagnostic;
    const synthetic: Diagnostic = { ...real, message: "100% sure: a, b\r\nnext %3A" };
    const file: ReportedFile = { path: "dir,x/a:b%.cfg", diagnostics: [synthetic] };
    const [line] = render(formatters.github, { files: [file] }, options()).split("\n");
    const at = `line=${real.range.start.line + 1},col=${real.range.start.column + 1},endLine=${real.range.end.line + 1},endColumn=${real.range.end.column + 1}`;
    expect(line).toBe(`::error file=dir%2Cx/a%3Ab%25.cfg,${at},title=${real.rule}::100%25 sure: a, b%0D%0Anext %253A`);
  });
});

describe("gcc", () => {
  it("writes file:line:col: severity: message [rule], one finding a line, errors only with quiet", () => {
    const lines = render(formatters.gcc, REPORT, options()).trimEnd().split("\n");
    expect(lines).toHaveLength(allDiagnostics(REPORT).length);
    const d = REPORT.files[1]?.diagnostics[0] as Diagnostic;
    expect(lines).toContain(`vm/db.cfg:${d.range.start.line + 1}:${d.range.start.column + 1}: ${d.severity}: ${d.message} [${d.rule}]`);
    expect(render(formatters.gcc, REPORT, options({ quiet: true })).trimEnd().split("\n")).toHaveLength(count(REPORT, "error"));
  });

  it.each(["gcc", "github"] as const)("%s leaves the help out: one short line per finding", (format) => {
    const output = render(formatters[format], REPORT, options());
    const helps = allDiagnostics(REPORT).flatMap((d) => (d.help === undefined ? [] : [d.help]));
    expect(helps.length).toBeGreaterThan(0);
    for (const help of helps) expect(output).not.toContain(help);
  });
});

describe("sarif", () => {
  const log = JSON.parse(render(formatters.sarif, REPORT, options())) as Sarif.Log;
  const run = log.runs[0] as Sarif.Run;
  const rules = run.tool.driver.rules ?? [];
  const results = run.results ?? [];
  const shown = allDiagnostics(REPORT);

  it("has the fields SARIF 2.1.0 and GitHub require", () => {
    expect(log.version).toBe("2.1.0");
    expect(log.$schema).toMatch(/sarif-2\.1\.0/);
    expect(log.runs).toHaveLength(1);
    expect(run.tool.driver).toMatchObject({ name: "xlint", version: "9.9.9-test" });
    // No home page is claimed until the project has one (rule links say where the docs are).
    expect(run.tool.driver.informationUri).toBeUndefined();
    expect(run.columnKind).toBe("utf16CodeUnits");
  });

  it("describes each rule that has a result, once", () => {
    const ids = rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids)).toEqual(new Set(shown.map((d) => d.rule)));
    for (const rule of rules) {
      const meta = allRules.find((r) => r.id === rule.id);
      expect(rule.helpUri).toBe(`https://docs.test/rules/${rule.id}`);
      expect(rule.shortDescription?.text).toBe(meta?.summary);
      expect(rule.fullDescription?.text.length).toBeGreaterThan(0);
      expect(rule.defaultConfiguration?.level).toBe({ error: "error", warning: "warning", info: "note" }[meta?.severity ?? "info"]);
      expect(rule.properties).toMatchObject({ category: meta?.category, fixable: meta?.fixable });
    }
  });

  it("gives each finding a result pointing at its rule, with 1-based regions", () => {
    expect(results).toHaveLength(shown.length);
    results.forEach((result, i) => {
      const d = shown[i] as Diagnostic;
      expect(result.ruleId).toBe(d.rule);
      expect(rules[result.ruleIndex as number]?.id).toBe(d.rule);
      expect(result.level).toBe({ error: "error", warning: "warning", info: "note" }[d.severity]);
      expect(result.message.text).toBe(d.message);
      if (d.help === undefined) expect(result.message.markdown).toBeUndefined();
      // Markdown escapes taken out, it reads as the message, a blank line, the help.
      else expect(result.message.markdown?.replace(/\\(.)/g, "$1")).toBe(`${d.message}\n\n${d.help}`);
      const physical = result.locations?.[0]?.physicalLocation;
      expect(physical?.artifactLocation).toEqual({ uri: d.path, uriBaseId: "%SRCROOT%" });
      expect(physical?.region).toEqual({
        startLine: d.range.start.line + 1,
        startColumn: d.range.start.column + 1,
        endLine: d.range.end.line + 1,
        endColumn: d.range.end.column + 1,
      });
      expect(result.relatedLocations?.map((r) => r.physicalLocation?.artifactLocation?.uri)).toEqual(
        d.related.length > 0 ? d.related.map((r) => r.path) : undefined,
      );
      expect(result.fixes?.[0]?.artifactChanges[0]?.replacements.map((r) => r.insertedContent?.text)).toEqual(d.fix?.edits.map((e) => e.newText));
    });
  });

  it("writes the help as Markdown after the message, escaping what is not a code span", () => {
    const real = REPORT.files[0]?.diagnostics[0] as Diagnostic;
    const synthetic: Diagnostic = { ...real, message: "`a*b` is *not* [a] key", help: "Use `x_y` or <z>; see #3." };
    const sarif = JSON.parse(render(formatters.sarif, { files: [{ path: "a.cfg", diagnostics: [synthetic] }] }, options())) as Sarif.Log;
    expect(sarif.runs[0]?.results?.[0]?.message).toEqual({
      text: "`a*b` is *not* [a] key",
      markdown: "`a*b` is \\*not\\* \\[a\\] key\n\nUse `x_y` or \\<z\\>; see \\#3.",
    });
  });

  it("turns fix edits into 1-based deleted regions", () => {
    const text = TEXTS.get(REPORT.files[0]?.path ?? "") ?? "";
    const d = REPORT.files[0]?.diagnostics.find((x) => x.fix) as Diagnostic & { fix: NonNullable<Diagnostic["fix"]> };
    const edit = d.fix.edits[0] as { start: number; end: number };
    const replacement = results[shown.indexOf(d)]?.fixes?.[0]?.artifactChanges[0]?.replacements[0];
    const from = positionOf(text, edit.start);
    const to = positionOf(text, edit.end);
    expect(replacement?.deletedRegion).toEqual({ startLine: from.line, startColumn: from.column, endLine: to.line, endColumn: to.column });
  });

  it("fingerprints findings stably and distinctly", () => {
    const prints = results.map((r) => JSON.stringify(r.partialFingerprints));
    expect(new Set(prints).size).toBe(results.length);
    const again = JSON.parse(render(formatters.sarif, REPORT, options())) as Sarif.Log;
    expect(again.runs[0]?.results?.map((r) => JSON.stringify(r.partialFingerprints))).toEqual(prints);
  });

  it("makes URIs of odd and absolute paths", () => {
    const d = REPORT.files[0]?.diagnostics[0] as Diagnostic;
    const uriOf = (p: string) => {
      const sarif = JSON.parse(render(formatters.sarif, { files: [{ path: p, diagnostics: [d] }] }, options())) as Sarif.Log;
      return sarif.runs[0]?.results?.[0]?.locations?.[0]?.physicalLocation?.artifactLocation;
    };
    expect(uriOf("vm\\a b#1.cfg")).toEqual({ uri: "vm/a%20b%231.cfg", uriBaseId: "%SRCROOT%" });
    expect(uriOf("/etc/xen/a b.cfg")).toEqual({ uri: "file:///etc/xen/a%20b.cfg" });
  });
});

// ---- helpers: reading stylish output back ----

interface SourceExcerpt {
  readonly lineNumber: number;
  readonly source: string;
  readonly caretStart: number;
  readonly caretWidth: number;
}

/** Each `N | source` line of stylish output with the carets under it, in cells. */
function sourceExcerpts(output: string): SourceExcerpt[] {
  const lines = output.split("\n");
  const found: SourceExcerpt[] = [];
  lines.forEach((line, i) => {
    const source = /^ {4} *(\d+) \| (.*)$/.exec(line);
    const carets = /^( {4} +\| )( *)(\^+)/.exec(lines[i + 1] ?? "");
    if (!source || !carets) return;
    found.push({ lineNumber: Number(source[1]), source: source[2] as string, caretStart: (carets[2] as string).length, caretWidth: (carets[3] as string).length });
  });
  return found;
}

/** The text of `source` from cell `start`, `width` cells long; the fixtures' only wide characters are CJK. */
function cellSlice(source: string, start: number, width: number): string {
  let x = 0;
  let out = "";
  for (const char of source) {
    if (x >= start && x < start + width) out += char;
    x += /[\u3040-\u9fff]/.test(char) ? 2 : 1;
  }
  return out;
}

// ---- helpers: a JSON Schema check for the few keywords our schema uses ----

interface Schema {
  readonly $ref?: string;
  readonly type?: string;
  readonly const?: unknown;
  readonly enum?: readonly unknown[];
  readonly oneOf?: readonly Schema[];
  readonly required?: readonly string[];
  readonly properties?: Readonly<Record<string, Schema>>;
  readonly additionalProperties?: boolean;
  readonly items?: Schema;
  readonly minimum?: number;
  readonly $defs?: Readonly<Record<string, Schema>>;
}

/** The problems of `value` against `schema` (empty when it conforms); `$ref`s resolve in SCHEMA's $defs. */
function validate(value: unknown, schema: Schema, where = "$"): string[] {
  if (schema.$ref) return validate(value, SCHEMA.$defs?.[schema.$ref.replace("#/$defs/", "")] ?? {}, where);
  if (schema.oneOf) {
    const matching = schema.oneOf.filter((s) => validate(value, s, where).length === 0).length;
    return matching === 1 ? [] : [`${where}: matches ${matching} of oneOf`];
  }
  if ("const" in schema && value !== schema.const) return [`${where}: not ${JSON.stringify(schema.const)}`];
  if (schema.enum && !schema.enum.includes(value)) return [`${where}: not one of ${schema.enum.join(", ")}`];
  if (schema.type && !hasType(value, schema.type)) return [`${where}: not ${schema.type}`];
  if (schema.minimum !== undefined && typeof value === "number" && value < schema.minimum) return [`${where}: below ${schema.minimum}`];
  if (Array.isArray(value) && schema.items) {
    const items = schema.items;
    return value.flatMap((item, i) => validate(item, items, `${where}[${i}]`));
  }
  if (schema.type === "object" && typeof value === "object" && value !== null) {
    const record = value as Record<string, unknown>;
    const problems = (schema.required ?? []).filter((k) => !(k in record)).map((k) => `${where}: missing ${k}`);
    if (schema.additionalProperties === false) {
      problems.push(...Object.keys(record).filter((k) => !(k in (schema.properties ?? {}))).map((k) => `${where}: unexpected ${k}`));
    }
    for (const [key, sub] of Object.entries(schema.properties ?? {})) {
      if (key in record) problems.push(...validate(record[key], sub, `${where}.${key}`));
    }
    return problems;
  }
  return [];
}

function hasType(value: unknown, type: string): boolean {
  if (type === "integer") return Number.isInteger(value);
  if (type === "array") return Array.isArray(value);
  if (type === "null") return value === null;
  if (type === "object") return typeof value === "object" && value !== null && !Array.isArray(value);
  return typeof value === type;
}
