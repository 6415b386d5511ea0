import { describe, expect, it } from "vitest";
import { decodeXlString, evaluate, parse, settingsToJson, type Assignment, type Statement } from "../src/index";
import { check } from "./helpers";

function assignments(statements: readonly Statement[]): Assignment[] {
  return statements.filter((s): s is Assignment => s.kind === "assignment");
}

describe("AST", () => {
  it("gives every node its exact range and keeps comments", () => {
    const text = 'name = "web01" # the name\ndisk = [ "a",\n  # inside\n  "b", ]\nmemory += 0x800';
    const { file, diagnostics } = parse(text);
    expect(diagnostics).toEqual([]);
    const [name, disk, memory] = assignments(file.statements);
    expect(name?.key).toMatchObject({ name: "name", valid: true, range: { start: { line: 0, column: 0 }, end: { line: 0, column: 4 } } });
    expect(name?.value).toMatchObject({ kind: "string", raw: '"web01"', value: "web01", quote: '"' });
    expect(text.slice(name!.value!.range.start.offset, name!.value!.range.end.offset)).toBe('"web01"');
    expect(disk?.value).toMatchObject({ kind: "list", trailingComma: true, range: { start: { line: 1, column: 7 }, end: { line: 3, column: 8 } } });
    const items = disk?.value?.kind === "list" ? disk.value.items : [];
    expect(items.map((i) => i.range.start)).toEqual([
      { offset: 35, line: 1, column: 9 },
      { offset: 53, line: 3, column: 2 },
    ]);
    expect(memory).toMatchObject({ operator: "+=", terminator: "eof", value: { kind: "number", raw: "0x800" } });
    expect(file.comments.map((c) => [c.text, c.range.start.line])).toEqual([
      ["# the name", 0],
      ["# inside", 2],
    ]);
    expect(file.endsWithNewline).toBe(false);
  });

  it("records `;` terminators and keeps partial statements on errors", () => {
    const { file, diagnostics } = parse('a = 1; b = \nc = [ "x" "y" ]\n');
    const [a, b, c] = file.statements;
    expect(a).toMatchObject({ kind: "assignment", terminator: "semicolon", hasError: false });
    expect(b).toMatchObject({ kind: "assignment", key: { name: "b" }, value: undefined, hasError: true });
    expect(c).toMatchObject({ kind: "assignment", key: { name: "c" }, hasError: true });
    expect(diagnostics.map((d) => [d.code, d.range.start.line])).toEqual([
      ["syntax", 0],
      ["syntax", 1],
    ]);
  });

  it("reports every error of a file, one per broken statement", () => {
    const text = "A = 1\nb = 1.5\nc = [\nd = x\ne = \"\\q\"\nok = 1\n";
    const { diagnostics, file } = parse(text);
    expect(diagnostics.map((d) => [d.code, d.range.start.line + 1])).toEqual([
      ["invalid-key", 1],
      ["invalid-token", 2],
      ["syntax", 3],
      ["unquoted-word", 4],
      ["bad-escape", 5],
    ]);
    // The unclosed list on line 3 does not swallow the statements after it.
    expect(assignments(file.statements).map((s) => s.key.name)).toEqual(["A", "b", "c", "d", "e", "ok"]);
  });
});

describe("evaluate", () => {
  it("lets the last assignment win and traces += parts", () => {
    const { file } = parse('cmdline = "a"\ncmdline += " b"\nmemory = 1\nmemory = "2"\ndisk = ["x"]\ndisk += ["y", ["z"]]\nnew += "n"\n');
    const { settings, diagnostics } = evaluate(file);
    expect(diagnostics).toEqual([]);
    const cmdline = settings.get("cmdline");
    expect(cmdline?.value).toMatchObject({ kind: "string", value: "a b" });
    expect(cmdline?.value.kind === "string" && cmdline.value.parts.map((p) => p.range.start.line)).toEqual([0, 1]);
    expect(cmdline?.operator).toBe("+=");
    expect(settings.get("memory")?.value).toMatchObject({ value: "2" });
    expect(settings.get("memory")?.assignments).toHaveLength(2);
    const disk = settings.get("disk")?.value;
    expect(disk?.kind === "list" && disk.items.map((i) => (i.kind === "string" ? i.value : "[list]"))).toEqual(["x", "y", "[list]"]);
    expect(settings.get("new")).toMatchObject({ operator: "+=", value: { value: "n" } });
    expect([...settings.keys()]).toEqual(["cmdline", "memory", "disk", "new"]);
  });

  it("refuses to add a list to a string and the reverse", () => {
    const { file } = parse('x = ["a"]\nx += "b"\n');
    const { diagnostics } = evaluate(file);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: "append-type-mismatch", severity: "error", range: { start: { line: 1, column: 5 } } });
  });

  it("prints settings in the oracle's layout", () => {
    const { json } = check('name = "a\\"b"\nempty = []\nv = [["1", []], "x"]\n');
    expect(json).toBe('{\n  "name": "a\\"b",\n  "empty": [],\n  "v": [\n    [\n      "1",\n      []\n    ],\n    "x"\n  ]\n}\n');
    expect(settingsToJson(evaluate(parse("").file))).toBe("{}\n");
  });
});

describe("string escapes, as libxlu decodes them", () => {
  it.each([
    ['"plain"', "plain", []],
    ['"a\\tb\\nc"', "a\tb\nc", []],
    ["'it\\'s'", "it's", []],
    ['"x\\101y"', "xy", ["octal-escape-dropped"]],
    ['"\\1 5z"', "z", ["octal-escape-dropped"]],
    ['"\\0"', "", ["octal-escape-invalid"]],
    ['"\\x41"', "", ["hex-escape"]],
    ['"\\q"', "", ["unknown-escape"]],
  ] as const)("%s", (raw, value, kinds) => {
    const decoded = decodeXlString(raw);
    expect(decoded.problems.map((p) => p.kind)).toEqual(kinds);
    if (kinds.every((k) => k === "octal-escape-dropped")) expect(decoded.value).toBe(value);
  });
});

describe("robustness", () => {
  // A cheap local fuzz: the parser must never throw, and every range must lie inside the text.
  it("never throws and keeps ranges inside the text on random input", () => {
    let seed = 12345;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const alphabet = ['"', "'", "[", "]", ",", ";", "=", "+=", "\n", "\r\n", "#", " ", "\t", "\\", "a", "Z", "0x", "1", ".", "-", "é", "\uFEFF", "x = ", '"s"'];
    for (let n = 0; n < 2000; n++) {
      let text = "";
      const length = Math.floor(random() * 40);
      for (let i = 0; i < length; i++) text += alphabet[Math.floor(random() * alphabet.length)];
      const result = parse(text);
      const ev = evaluate(result.file);
      for (const d of [...result.diagnostics, ...ev.diagnostics]) {
        expect(d.range.start.offset).toBeGreaterThanOrEqual(0);
        expect(d.range.end.offset).toBeLessThanOrEqual(text.length);
        expect(d.range.start.offset).toBeLessThanOrEqual(d.range.end.offset);
      }
      expect(result.diagnostics.some((d) => d.code === "internal-error")).toBe(false);
    }
  });
});
