/**
 * Exit codes and the messages around them: 0 clean (warnings allowed unless
 * --max-warnings is passed), 1 errors, 2 usage or input problems — always a
 * one-line message, never a stack trace. Also the format defaults, --output,
 * --quiet and the baseline.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Scratch } from "./run-xlint";

const scratch = new Scratch();
afterAll(() => scratch.dispose());

const BASE = 'name = "web01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nmemory = 512\nvcpus = 1\n';
scratch.write("clean.cfg", BASE);
scratch.write("only-clean/a.cfg", BASE);
scratch.write("warn.cfg", `${BASE}memroy = 1\n`);
scratch.write("error.cfg", `${BASE.replace("web01", "db01")}on_crash = "explode"\n`);

describe("exit codes", () => {
  it("0 for a clean file and for warnings alone", () => {
    expect(scratch.run(["clean.cfg"]).code).toBe(0);
    const warned = scratch.run(["warn.cfg"]);
    expect(warned.stdout).toContain("warning");
    expect(warned.code).toBe(0);
  });

  it("1 for errors", () => {
    expect(scratch.run(["error.cfg"]).code).toBe(1);
  });

  it("lints the current folder when no PATH is given", () => {
    const r = scratch.run([], { cwd: `${scratch.root}/only-clean` });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("1 file checked");
  });

  it("1 when warnings exceed --max-warnings, with a message saying so", () => {
    expect(scratch.run(["warn.cfg", "--max-warnings", "1"]).code).toBe(0);
    const over = scratch.run(["warn.cfg", "--max-warnings", "0"]);
    expect(over.code).toBe(1);
    expect(over.stderr).toContain("1 warnings, more than --max-warnings 0");
  });

  it("2 for usage errors, with one line and a pointer to --help", () => {
    for (const args of [["--frobnicate", "clean.cfg"], ["--format", "xml", "clean.cfg"], ["--max-warnings", "-1", "clean.cfg"], ["fmt"], ["--unsafe-fixes", "clean.cfg"], ["--fix", "--diff", "clean.cfg"], ["explain"]]) {
      const r = scratch.run(args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr, args.join(" ")).toMatch(/^xlint: .+/);
      expect(r.stderr, args.join(" ")).not.toMatch(/\n\s+at /);
    }
  });

  it("2 for a baseline that cannot be read, naming it", () => {
    scratch.write("broken-baseline.json", "{");
    const r = scratch.run(["clean.cfg", "--baseline", "broken-baseline.json"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--baseline broken-baseline.json: not valid JSON");
  });
});

describe("output", () => {
  it("is gcc lines when not on a terminal, github workflow commands under GitHub Actions", () => {
    expect(scratch.run(["error.cfg"]).stdout).toMatch(/^error\.cfg:6:12: error: .*\[invalid-enum-value\]$/m);
    expect(scratch.run(["error.cfg"], { env: { GITHUB_ACTIONS: "true" } }).stdout).toMatch(/^::error file=error\.cfg,line=6,col=12,/m);
  });

  it("--quiet keeps only errors", () => {
    const r = scratch.run(["--quiet", "warn.cfg", "error.cfg"]);
    expect(r.stdout).not.toContain("warning");
    expect(r.stdout).toContain("error.cfg:6:12: error:");
  });

  it("--output writes the report to a file, whole", () => {
    const r = scratch.run(["--format", "json", "--output", "out/report.json", "error.cfg"]);
    expect(r.code).toBe(2); // out/ does not exist: the write fails and says so
    expect(r.stderr).toContain("out/report.json: cannot write the report");
    scratch.write("out/.keep", "");
    const ok = scratch.run(["--format", "json", "--output", "out/report.json", "error.cfg"]);
    expect(ok.code).toBe(1);
    expect(ok.stdout).toBe("");
    const report = JSON.parse(scratch.read("out/report.json")) as { summary: { errors: number } };
    expect(report.summary.errors).toBe(1);
  });

  it("colours only when asked or on a terminal, and never with NO_COLOR", () => {
    expect(scratch.run(["--format", "stylish", "error.cfg"]).stdout).not.toContain("\x1b[");
    expect(scratch.run(["--format", "stylish", "--color", "error.cfg"]).stdout).toContain("\x1b[");
    expect(scratch.run(["--format", "stylish", "error.cfg"], { env: { FORCE_COLOR: "1" } }).stdout).toContain("\x1b[");
    expect(scratch.run(["--format", "stylish", "error.cfg"], { env: { FORCE_COLOR: "1", NO_COLOR: "1" } }).stdout).not.toContain("\x1b[");
  });
});

describe("baseline", () => {
  it("records today's findings and hides them next time, but not new ones", () => {
    scratch.write("legacy/a.cfg", `${BASE}memroy = 1\n`);
    const recorded = scratch.run(["--write-baseline", "legacy/baseline.json", "legacy"]);
    expect(recorded.code).toBe(0);
    expect(recorded.stderr).toContain("recorded 1 finding in legacy/baseline.json");
    const baseline = JSON.parse(scratch.read("legacy/baseline.json")) as { entries: { path: string; rule: string }[] };
    // Paths are relative to the baseline file, so the repository can move.
    expect(baseline.entries.map((e) => [e.path, e.rule])).toEqual([["a.cfg", "unknown-key"]]);

    const quiet = scratch.run(["--baseline", "legacy/baseline.json", "legacy"]);
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).toContain("the baseline hid 1 known finding");

    // A line added above the old finding does not bring it back; a new finding is reported.
    scratch.write("legacy/a.cfg", `# moved\n${BASE}memroy = 1\non_crash = "explode"\n`);
    const later = scratch.run(["--baseline", "legacy/baseline.json", "legacy"]);
    expect(later.code).toBe(1);
    expect(later.stdout).toContain("[invalid-enum-value]");
    expect(later.stdout).not.toContain("`memroy`");
  });
});

describe("files that cannot be read or written", () => {
  it("reports a path that is not a regular file with its name, and exits 2", () => {
    execFileSync("mkfifo", [path.join(scratch.root, "pipe.cfg")]);
    const r = scratch.run(["pipe.cfg", "clean.cfg"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("xlint: pipe.cfg: not a regular file");
  });

  it("leaves no temporary file behind after writing a report", () => {
    scratch.run(["--format", "json", "--output", "out/again.json", "clean.cfg"]);
    expect(readdirSync(path.join(scratch.root, "out")).sort()).toEqual([".keep", "again.json", "report.json"]);
    expect(readFileSync(path.join(scratch.root, "out/again.json"), "utf8").endsWith("}\n")).toBe(true);
  });
});
