import { DEFAULT_HOST, type HostProfile } from "@xlint/linter";
import type { Hover } from "vscode-languageserver";
import { describe, expect, it } from "vitest";
import { analyzeDocument } from "../src/features/document-analysis";
import { hoverAt } from "../src/features/hover";

/** Hovers where `|` stands in `marked`. */
function hover(marked: string, host: Partial<HostProfile> = {}): Hover | null {
  const offset = marked.indexOf("|");
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  return hoverAt(analyzeDocument(text, "g.cfg"), offset, { host: { ...DEFAULT_HOST, ...host } });
}

function shown(marked: string, host: Partial<HostProfile> = {}): string | undefined {
  const contents = hover(marked, host)?.contents;
  return typeof contents === "object" && contents !== null && "value" in contents ? contents.value : undefined;
}

const at = (line: number, start: number, end: number) => ({ start: { line, character: start }, end: { line, character: end } });

describe("memory sizes", () => {
  it("shows MiB with GiB, over the value's range", () => {
    const result = hover('name = "g"\nmemory = 15|36\n');
    expect(result?.range).toEqual(at(1, 9, 13));
    expect(shown('name = "g"\nmemory = 15|36\n')).toContain("1536 MiB = 1.5 GiB");
    expect(shown("maxmem = |2048\n")).toContain("2048 MiB = 2 GiB");
    expect(shown('shadow_memory = "|8"\n')).toContain("8 MiB = 0.01 GiB");
  });

  it("reads numbers as xl does: a leading 0 is octal, a suffix is refused", () => {
    const octal = shown("memory = |010\n");
    expect(octal).toContain("8 MiB = 0.01 GiB");
    expect(octal).toMatch(/octal/);
    expect(shown('memory = "|512M"\n')).toMatch(/not a number xl can read/);
  });

  it("says when a later assignment overrides the value", () => {
    expect(shown("memory = |512\nmemory = 1024\n")).toMatch(/later assignment of `memory` wins/);
    expect(shown("memory = 512\nmemory = |1024\n")).not.toMatch(/later assignment/);
  });
});

describe("CPU lists", () => {
  it("expands a list that names its CPUs", () => {
    const text = shown('cpus = "0-3,^|2"\n');
    expect(text).toContain("add CPUs 0 to 3, then remove CPU 2");
    expect(text).toContain("CPUs **0-1, 3** (3)");
    expect(hover('cpus = "0-3,^|2"\n')?.range).toEqual(at(0, 7, 15));
  });

  it("needs the host's CPUs for `all` and nodes", () => {
    expect(shown('cpus = "a|ll,^0"\n')).toMatch(/depends on the host's CPUs/);
    expect(shown('cpus = "a|ll,^0"\n', { cpus: 8 })).toContain("CPUs **1-7** (7)");
    expect(shown('cpus_soft = "nodes:|1"\n')).toContain("add the CPUs of NUMA node 1");
  });

  it("reads a list item as one vCPU's CPUs", () => {
    expect(shown('cpus = ["2", "3-|4"]\n')).toContain("For vCPU 1: add CPUs 3 to 4");
  });

  it("repeats xl's complaint about a list it refuses", () => {
    expect(shown('cpus = "3-|1"\n')).toMatch(/^- /m);
  });
});

describe("enum values and booleans", () => {
  it("shows an enum value with the catalog's note on the values", () => {
    const text = shown('on_crash = "pre|serve"\n');
    expect(text).toContain("One of the values of `on_crash`");
    expect(text).toContain("`restart_rename` spelling is refused");
  });

  it("says how xl matches a value that is not spelled as documented", () => {
    expect(shown('type = "h|"\n')).toContain("reads this as `hvm`");
    expect(shown('type = "hvm"\nbios = "OV|MF"\n')).toContain("ignores case here and reads this as `ovmf`");
    expect(shown('on_crash = "rest|art_rename"\n')).toMatch(/Not a value xl 4.17 accepts/);
  });

  it("reads booleans as numbers", () => {
    expect(shown("acpi = |1\n")).toContain("**true**.");
    expect(shown("acpi = |2\n")).toContain("**true** (any number other than 0 is true)");
    expect(shown("acpi = |0\n")).toContain("**false**");
    expect(shown('acpi = "ye|s"\n')).toMatch(/`yes` and `true` are not booleans/);
  });

  it("shows a number xl reads differently from how it looks, and nothing for a plain one", () => {
    expect(shown("vcpus = |0x10\n")).toContain("xl reads this as 16.");
    expect(shown("vcpus = |4\n")).toBeUndefined();
  });
});
