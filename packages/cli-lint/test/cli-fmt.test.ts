/**
 * `xlint fmt` through the command: --check and --diff, standard input,
 * files it cannot read left alone, and over a copy of the whole corpus:
 * what `dump` prints is the same before and after, and a second run finds
 * nothing to change.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { decodeFileBytes, evaluate, parse, settingsToJson } from "@xlint/parser";
import { afterAll, describe, expect, it } from "vitest";
import { sharedCorpus } from "../../parser/test/helpers";
import { copyTree, listFiles, Scratch } from "./run-xlint";

const scratch = new Scratch();
afterAll(() => scratch.dispose());

const MESSY = 'name="web01"\ntype =  "pvh" ;kernel="/boot/vmlinuz"\n\n\n\nmemory=512   # MiB\n';
const TIDY = 'name = "web01"\ntype = "pvh"\nkernel = "/boot/vmlinuz"\n\nmemory = 512 # MiB\n';

describe("xlint fmt", () => {
  it("rewrites a file into the canonical layout, and leaves a tidy one alone", () => {
    scratch.write("f/messy.cfg", MESSY);
    scratch.write("f/tidy.cfg", TIDY);
    const r = scratch.run(["fmt", "f"]);
    expect(r.code).toBe(0);
    expect(scratch.read("f/messy.cfg")).toBe(TIDY);
    expect(r.stderr).toContain("1 file reformatted, 1 file already formatted");
  });

  it("--check lists what would change and exits 1, writing nothing", () => {
    scratch.write("c/messy.cfg", MESSY);
    const r = scratch.run(["fmt", "--check", "c"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("c/messy.cfg\n");
    expect(scratch.read("c/messy.cfg")).toBe(MESSY);
    scratch.write("c/messy.cfg", TIDY);
    expect(scratch.run(["fmt", "--check", "c"]).code).toBe(0);
  });

  it("--diff shows the change", () => {
    scratch.write("d/messy.cfg", MESSY);
    const r = scratch.run(["fmt", "--diff", "d/messy.cfg"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("+type = \"pvh\"\n+kernel = \"/boot/vmlinuz\"\n");
    expect(scratch.read("d/messy.cfg")).toBe(MESSY);
  });

  it("formats standard input to standard output", () => {
    const r = scratch.run(["fmt", "-"], { stdin: MESSY });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(TIDY);
  });

  it("leaves a file it cannot read untouched and says where, exiting 2", () => {
    const broken = 'name = "web01"\nmemory = [ "512"\n';
    scratch.write("b/broken.cfg", broken);
    const r = scratch.run(["fmt", "b/broken.cfg"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/xlint: b\/broken\.cfg:\d+:\d+: cannot format: .+; the file is left as it is/);
    expect(scratch.read("b/broken.cfg")).toBe(broken);
  });

  it("over the whole corpus keeps what dump prints, and a second run changes nothing", () => {
    const copy = path.join(scratch.root, "corpus");
    copyTree(sharedCorpus, copy);
    const files = listFiles(copy);
    const dumps = new Map(files.map((f) => [f, dumpOf(readFileSync(f))]));
    const before = new Map(files.map((f) => [f, readFileSync(f)]));
    scratch.run(["fmt", "corpus"]);
    const changed = files.filter((f) => !readFileSync(f).equals(before.get(f) as Buffer));
    const differentDump = changed.filter((f) => dumps.get(f) !== dumpOf(readFileSync(f)));
    const again = scratch.run(["fmt", "--check", "corpus"]);
    console.log(`fmt over the corpus: ${changed.length} of ${files.length} files reformatted; dump changed for ${differentDump.length}; second run: ${again.stdout.split("\n").filter(Boolean).length} would change`);
    expect(changed.length).toBeGreaterThan(100);
    expect(differentDump).toEqual([]);
    expect(again.stdout).toBe("");
  }, 300_000);
});

/** What `xlint dump` prints for these bytes (undefined when it refuses them), computed in process to keep the test fast. */
function dumpOf(bytes: Buffer): string | undefined {
  const { text, encoding } = decodeFileBytes(bytes);
  const parsed = parse(text, { encoding });
  const evaluation = evaluate(parsed.file);
  if ([...parsed.diagnostics, ...evaluation.diagnostics].some((d) => d.severity === "error")) return undefined;
  return settingsToJson(evaluation, encoding);
}
