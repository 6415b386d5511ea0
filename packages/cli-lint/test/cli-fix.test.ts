/**
 * `--fix`, `--unsafe-fixes` and `--diff` through the command: files written
 * whole with their mode kept, standard input fixed to standard output, diffs
 * without writing. And over a copy of the whole corpus: `xlint --fix` twice
 * changes nothing the second time, and `dump` after the fixes differs from
 * before only where fixes were applied.
 */
import { chmodSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { decodeFileBytes, evaluate, parse } from "@xlint/parser";
import { afterAll, describe, expect, it } from "vitest";
import { sharedCorpus } from "../../parser/test/helpers";
import { copyTree, listFiles, Scratch } from "./run-xlint";

const scratch = new Scratch();
afterAll(() => scratch.dispose());

const BASE = 'name = "web01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\nmemory = 512\nvcpus = 1\n';
/** `memory = "512"` has a safe fix (the quotes go; xl reads the same number); `maxvcpus = 010` an unsafe one (octal). */
const FIXABLE = `${BASE.replace("memory = 512\n", "")}memory = "512"\nmaxvcpus = 010\n`;

describe("--fix", () => {
  it("applies safe fixes, keeps the file's mode, reports what is left", () => {
    const file = scratch.write("fix/a.cfg", FIXABLE);
    chmodSync(file, 0o640);
    const r = scratch.run(["fix/a.cfg", "--fix"]);
    const text = scratch.read("fix/a.cfg");
    expect(text).toContain("\nmemory = 512\n");
    expect(text).toContain("maxvcpus = 010");
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(readdirSync(path.join(scratch.root, "fix"))).toEqual(["a.cfg"]);
    // What is left: the octal note, whose fix is unsafe.
    expect(r.stdout).not.toContain("quoted-number");
    expect(r.stdout).toMatch(/^fix\/a\.cfg:6:12: info: .*\[invalid-number\]$/m);
    expect(r.code).toBe(0);
  });

  it("--unsafe-fixes also applies fixes that change a value", () => {
    scratch.write("fix/b.cfg", FIXABLE);
    scratch.run(["fix/b.cfg", "--fix", "--unsafe-fixes"]);
    expect(scratch.read("fix/b.cfg")).toContain("maxvcpus = 10");
  });

  it("fixes standard input to standard output and reports on standard error", () => {
    const r = scratch.run(["--fix", "-"], { stdin: FIXABLE });
    expect(r.stdout).toBe(FIXABLE.replace('"512"', "512"));
    expect(r.stderr).toContain("[invalid-number]");
  });
});

describe("--diff", () => {
  it("prints the fixes as a unified diff, writes nothing, and exits 1", () => {
    scratch.write("diff/a.cfg", FIXABLE);
    const r = scratch.run(["diff/a.cfg", "--diff"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("--- a/diff/a.cfg\n+++ b/diff/a.cfg\n");
    expect(r.stdout).toMatch(/^-memory = "512"$/m);
    expect(r.stdout).toMatch(/^\+memory = 512$/m);
    expect(scratch.read("diff/a.cfg")).toBe(FIXABLE);
    expect(r.stderr).toContain("1 fix in 1 file");
  });

  it("exits 0 with an empty diff when there is nothing to fix", () => {
    scratch.write("diff/clean.cfg", BASE);
    const r = scratch.run(["diff/clean.cfg", "--diff"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
  });
});

describe("--fix over the whole corpus", () => {
  it("is stable (a second run changes nothing) and keeps every config xlint could read readable", () => {
    const copy = path.join(scratch.root, "corpus");
    copyTree(sharedCorpus, copy);
    const files = listFiles(copy);
    const before = new Map(files.map((f) => [f, readFileSync(f)]));

    const first = scratch.run(["--fix", "--unsafe-fixes", "--format", "json", "corpus"]);
    expect(first.stderr).not.toMatch(/internal error|cannot write/);
    const changed = files.filter((f) => !readFileSync(f).equals(before.get(f) as Buffer));
    const afterFirst = new Map(files.map((f) => [f, readFileSync(f)]));

    scratch.run(["--fix", "--unsafe-fixes", "--format", "json", "corpus"]);
    const changedAgain = files.filter((f) => !readFileSync(f).equals(afterFirst.get(f) as Buffer));
    console.log(`--fix over the corpus: ${changed.length} of ${files.length} files changed; second run changed ${changedAgain.length}`);
    expect(changed.length).toBeGreaterThan(20);
    expect(changedAgain).toEqual([]);
    // A file `dump` could read before is still readable after the fixes.
    const broken = changed.filter((f) => readable(before.get(f) as Buffer) && !readable(readFileSync(f)));
    expect(broken).toEqual([]);
  }, 300_000);
});

/** Whether xl's parser reads the bytes without an error (what `xlint dump` needs). */
function readable(bytes: Buffer): boolean {
  const { text, encoding } = decodeFileBytes(bytes);
  const parsed = parse(text, { encoding });
  return ![...parsed.diagnostics, ...evaluate(parsed.file).diagnostics].some((d) => d.severity === "error");
}
