/**
 * The formatter (`formatXl`): one golden case per layout decision, the
 * refusals, then the properties of issue 5 over every corpus file, a few
 * thousand generated and mutated inputs (fixed seed), and a sample checked
 * against the real xl (`xl-oracle parse --values-only`; skipped when the
 * oracle cannot run here).
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { decodeFileBytes, formatXl, type ByteEncoding } from "../src/index";
import { formatProperties, type PropertyReport } from "./format-properties";
import { generatedInput, mutatedInput } from "./format-inputs";
import { corpusConfigs, mapLimited, oraclePath, oracleUnavailableReason, repoRoot, testCorpus, walkFiles } from "./helpers";
import { caseSeed, Rng } from "./random";

function formatted(text: string): string {
  const result = formatXl(text);
  if (!result.ok) throw new Error(`refused at ${result.line}:${result.column}: ${result.reason}`);
  return result.text;
}

const LONG_A = "phy:/dev/vg0/guest-root-volume-with-a-long-name,xvda,w";
const LONG_B = "phy:/dev/vg0/guest-swap-volume-with-a-long-name,xvdb,w";

describe("formatXl: layout", () => {
  it.each([
    ["one space around = and +=", "memory=512\nextra   +=\t'x'\n", 'memory = 512\nextra += "x"\n'],
    ["indentation before a key is removed", "   name = 'a'\n", 'name = "a"\n'],
    ["`;` separators become line breaks, empty statements vanish", "a=1;b=2;;\n;c=3;\n", "a = 1\nb = 2\nc = 3\n"],
    ["single quotes become double quotes", "name = 'vm1'\n", 'name = "vm1"\n'],
    ["a single-quoted string holding a double quote keeps its token", `a = 'say "hi"'\nb = 'x\\"y'\n`, `a = 'say "hi"'\nb = 'x\\"y'\n`],
    ["escapes are kept as written when re-quoting", "a = 'it\\'s\\tok'\n", "a = \"it\\'s\\tok\"\n"],
    ["double-quoted strings are untouched", 'a = "it\'s"\n', 'a = "it\'s"\n'],
    ["numbers keep their spelling", "a = 0x10\nb = 010\nc = 1e3\n", "a = 0x10\nb = 010\nc = 1e3\n"],
    ["a short list goes on one line", "disk = [ 'a' ,\n  'b', ]\n", 'disk = ["a", "b"]\n'],
    ["an empty list", "a = [ \n ]\n", "a = []\n"],
    [
      "a long list goes one item per line with a trailing comma",
      `disk = [ '${LONG_A}', '${LONG_B}' ]\n`,
      `disk = [\n    "${LONG_A}",\n    "${LONG_B}",\n]\n`,
    ],
    [
      "nested lists break outside in",
      `vnuma = [ [ 'pnode=0', 'size=1024', 'vcpus=0-1', 'vdistances=10,20' ], [ 'pnode=1', 'size=1024', 'vcpus=2-3', 'vdistances=20,10' ] ]\n`,
      `vnuma = [\n    ["pnode=0", "size=1024", "vcpus=0-1", "vdistances=10,20"],\n    ["pnode=1", "size=1024", "vcpus=2-3", "vdistances=20,10"],\n]\n`,
    ],
    [
      "an inner list that is too long breaks too",
      `a = [['${LONG_A}', '${LONG_B}']]\n`,
      `a = [\n    [\n        "${LONG_A}",\n        "${LONG_B}",\n    ],\n]\n`,
    ],
    ["full-line and trailing comments are kept", "# head\nname='a'   # the name   \n", '# head\nname = "a" # the name\n'],
    ["a comment after `;` trails the last statement of its line", "a=1; b=2 # both\n", "a = 1\nb = 2 # both\n"],
    [
      "comments inside a list stay in place and force it to break",
      "a = [ # open\n 'x' , # after x\n # before y\n\n\n 'y'\n # before close\n ] # after\n",
      'a = [ # open\n    "x", # after x\n    # before y\n\n    "y",\n    # before close\n] # after\n',
    ],
    ["a comment before a comma trails the item it follows", "a = [ 'x' # x\n , 'y' ]\n", 'a = [\n    "x", # x\n    "y",\n]\n'],
    ["a comment inside a nested list", "a = [[ 'x', # x\n 'y' ]]\n", 'a = [\n    [\n        "x", # x\n        "y",\n    ],\n]\n'],
    ["a list holding only a comment", "a = [\n# nothing\n]\n", "a = [\n    # nothing\n]\n"],
    ["no blank line right after `[` or before `]`", "a = [\n\n 'x', # x\n\n]\n", 'a = [\n    "x", # x\n]\n'],
    ["runs of blank lines become one, none at either end", "\n\n\na = 1\n\n\n\nb = 2\n\n\n", "a = 1\n\nb = 2\n"],
    ["a blank line between comments is kept", "# one\n\n# two\na=1\n", "# one\n\n# two\na = 1\n"],
    ["a missing final newline is added", "a = 1", "a = 1\n"],
    ["a lone `#` at the end of the file", "a = 1\n#", "a = 1\n#\n"],
    ["a file of blank lines becomes empty", "\n \n\t\n", ""],
    ["an empty file stays empty", "", ""],
    ["a stray last character xl never reads is dropped", "a = 1\n}", "a = 1\n"],
    ["`+=` and repeated keys stay as they are", "a = 'x'\na += 'y'\na = 'z'\n", 'a = "x"\na += "y"\na = "z"\n'],
    ["a carriage return inside a comment is kept", "# dos\r\na = 1\n", "# dos\r\na = 1\n"],
  ])("%s", (_name, input, expected) => {
    expect(formatted(input)).toBe(expected);
  });

  it("reports whether the text changed", () => {
    const canonical = 'name = "vm1"\ndisk = ["a", "b"] # disks\n';
    expect(formatXl(canonical)).toEqual({ ok: true, text: canonical, changed: false });
    expect(formatXl("name='vm1'\n")).toMatchObject({ ok: true, changed: true });
  });

  it("measures the width without the trailing comment, and up to the limit inclusive", () => {
    const key = "disk = ";
    const item = "x".repeat(100 - key.length - 4); // `["…"]` is exactly 100 columns
    expect(formatted(`disk = ['${item}'] # a long comment after the list\n`)).toBe(`disk = ["${item}"] # a long comment after the list\n`);
    expect(formatted(`disk = ['${item}x']\n`)).toBe(`disk = [\n    "${item}x",\n]\n`);
  });

  it("takes the width and indent from the options, and ignores values that are not positive integers", () => {
    const text = "a = ['xx', 'yy']\n";
    expect(formatXl(text, { lineWidth: 10, indentWidth: 2 })).toMatchObject({ text: 'a = [\n  "xx",\n  "yy",\n]\n' });
    expect(formatXl(text, { lineWidth: 0, indentWidth: -1 })).toMatchObject({ text: 'a = ["xx", "yy"]\n' });
    expect(formatXl(text, { lineWidth: Number.NaN, indentWidth: 1.5 })).toMatchObject({ text: 'a = ["xx", "yy"]\n' });
  });

  it("keeps latin-1 text as it is", () => {
    const text = "name = '\xe9t\xe9' # caf\xe9\n";
    expect(formatXl(text, { encoding: "latin1" })).toMatchObject({ ok: true, text: 'name = "\xe9t\xe9" # caf\xe9\n' });
  });
});

describe("formatXl: files it cannot read are refused", () => {
  it.each([
    ["an unclosed list (reported at its `[`)", "a = 1\nb = [1,\n", 2, 5],
    ["an unquoted word", "a = 1\nname = vm1\n", 2, 8],
    ["CRLF line endings", "a = 1\r\nb = 2\r\n", 1, 6],
    ["a byte-order mark", "\uFEFFa = 1\n", 1, 1],
    ["a comment without a final newline", "a = 1\n# end", 2, 1],
    ["adding a list to a string", "a = 'x'\na += ['y']\n", 2, 6],
    ["a broken escape", 'a = "\\x41"\n', 1, 6],
  ])("%s", (_name, input, line, column) => {
    const result = formatXl(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect({ line: result.line, column: result.column }).toEqual({ line, column });
    expect(result.reason.length).toBeGreaterThan(0);
  });

  it("never throws, even on lists nested thousands deep", () => {
    for (const depth of [3000, 30000]) {
      const text = `a = ${"[".repeat(depth)}'x'${"]".repeat(depth)}\n`;
      let result: ReturnType<typeof formatXl> | undefined;
      expect(() => (result = formatXl(text))).not.toThrow();
      expect(result).toBeDefined();
    }
  });

  it("gives the first error when there are several", () => {
    const result = formatXl("a = vm1\nb = [\n");
    expect(result).toMatchObject({ ok: false, line: 1, column: 5 });
  });
});

// ---------------------------------------------------------------------------
// Properties over real and generated files
// ---------------------------------------------------------------------------

interface Tally {
  formatted: number;
  changed: number;
  refused: number;
  failures: string[];
}

function newTally(): Tally {
  return { formatted: 0, changed: 0, refused: 0, failures: [] };
}

function record(tally: Tally, label: string, report: PropertyReport): void {
  if (report.outcome === "refused") tally.refused++;
  else tally.formatted++;
  if (report.changed) tally.changed++;
  if (report.violations.length > 0 && tally.failures.length < 10) tally.failures.push(`${label}: ${report.violations.join("; ")}`);
}

function readConfig(file: string): { text: string; encoding: ByteEncoding } {
  return decodeFileBytes(readFileSync(file));
}

const corpusFiles = [...corpusConfigs(), ...walkFiles(testCorpus, (f) => f.endsWith(".cfg"))];
const summaries: string[] = [];
afterAll(() => {
  if (summaries.length > 0) console.info(`formatter properties:\n  ${summaries.join("\n  ")}`);
});

describe("formatXl: properties", () => {
  it.skipIf(corpusFiles.length === 0)("hold on every corpus file", () => {
    const tally = newTally();
    for (const file of corpusFiles) {
      const { text, encoding } = readConfig(file);
      record(tally, path.relative(repoRoot, file), formatProperties(text, encoding));
    }
    summaries.push(`corpus: ${corpusFiles.length} files, ${tally.formatted} formatted (${tally.changed} changed), ${tally.refused} refused`);
    expect(tally.failures).toEqual([]);
    expect(tally.formatted).toBeGreaterThan(0);
  });

  const SEED = 0xf0_2a_7e;
  const GENERATED = 2500;
  const MUTATED = 1000;

  it(`hold on ${GENERATED} generated configs`, () => {
    const tally = newTally();
    for (let i = 0; i < GENERATED; i++) {
      const bytes = generatedInput(new Rng(caseSeed(SEED, i)));
      const { text, encoding } = decodeFileBytes(Buffer.from(bytes, "latin1"));
      record(tally, `generated case ${i} ${JSON.stringify(text)}`, formatProperties(text, encoding));
    }
    summaries.push(`generated: ${GENERATED} inputs, ${tally.formatted} formatted (${tally.changed} changed), ${tally.refused} refused`);
    expect(tally.failures).toEqual([]);
    // The generator must mostly make readable files, or the test proves little.
    expect(tally.formatted).toBeGreaterThan(GENERATED * 0.7);
  });

  it.skipIf(corpusFiles.length === 0)(`hold on ${MUTATED} mutated corpus files`, () => {
    const sources = corpusFiles.map((f) => readFileSync(f).toString("latin1"));
    const tally = newTally();
    for (let i = 0; i < MUTATED; i++) {
      const r = new Rng(caseSeed(SEED + 1, i));
      const source = r.int(sources.length);
      const { text, encoding } = decodeFileBytes(Buffer.from(mutatedInput(r, sources[source] as string), "latin1"));
      record(tally, `mutation ${i} of ${path.relative(repoRoot, corpusFiles[source] as string)}`, formatProperties(text, encoding));
    }
    summaries.push(`mutated: ${MUTATED} inputs, ${tally.formatted} formatted (${tally.changed} changed), ${tally.refused} refused`);
    expect(tally.failures).toEqual([]);
  });
});

// ---------------------------------------------------------------------------
// The real xl agrees that formatting changed nothing
// ---------------------------------------------------------------------------

const oracleUnavailable = oracleUnavailableReason();
if (oracleUnavailable !== undefined) console.warn(`formatter oracle check skipped: ${oracleUnavailable}`);

interface OracleRun {
  readonly status: number | null;
  readonly stdout: string;
}

function runOracle(file: string): Promise<OracleRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(oraclePath, ["parse", "--values-only", file], { stdio: ["ignore", "pipe", "ignore"] });
    const out: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout: Buffer.concat(out).toString("utf8") }));
  });
}

describe.skipIf(oracleUnavailable !== undefined)("formatXl: the real xl reads the same settings", () => {
  const SAMPLE = 200;
  const GENERATED_SAMPLE = 100;

  it(`for ${SAMPLE} corpus files and ${GENERATED_SAMPLE} generated configs`, async () => {
    const pairs: { label: string; original: Buffer; output: Buffer }[] = [];
    const formattable = corpusFiles.flatMap((file) => {
      const { text, encoding } = readConfig(file);
      const result = formatXl(text, { encoding });
      return result.ok ? [{ label: path.relative(repoRoot, file), original: readFileSync(file), output: Buffer.from(result.text, encoding) }] : [];
    });
    // An even spread over the sorted list, so every source folder is represented.
    const step = Math.max(1, formattable.length / SAMPLE);
    for (let k = 0; k < Math.min(SAMPLE, formattable.length); k++) pairs.push(formattable[Math.floor(k * step)] as (typeof formattable)[number]);
    for (let i = 0; pairs.length < Math.min(SAMPLE, formattable.length) + GENERATED_SAMPLE && i < 10 * GENERATED_SAMPLE; i++) {
      const original = Buffer.from(generatedInput(new Rng(caseSeed(0x0ac1e, i))), "latin1");
      const { text, encoding } = decodeFileBytes(original);
      const result = formatXl(text, { encoding });
      if (result.ok && result.changed) pairs.push({ label: `generated ${i}`, original, output: Buffer.from(result.text, encoding) });
    }

    const dir = mkdtempSync(path.join(tmpdir(), "xlint-format-"));
    try {
      const mismatches = await mapLimited(pairs, 2, async ({ label, original, output }) => {
        const slot = label.replace(/[^A-Za-z0-9]+/g, "_");
        const before = path.join(dir, `${slot}.orig.cfg`);
        const after = path.join(dir, `${slot}.fmt.cfg`);
        writeFileSync(before, original);
        writeFileSync(after, output);
        const [a, b] = [await runOracle(before), await runOracle(after)];
        if (a.status !== 0) return `${label}: xl rejects the original (exit ${a.status}) though we formatted it`;
        if (b.status !== 0 || a.stdout !== b.stdout) return `${label}: xl reads different settings after formatting`;
        return undefined;
      });
      summaries.push(`oracle: ${pairs.length} files (${Math.min(SAMPLE, formattable.length)} corpus, ${pairs.length - Math.min(SAMPLE, formattable.length)} generated), xl read the same settings before and after`);
      expect(mismatches.filter((m) => m !== undefined)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000 + (SAMPLE + GENERATED_SAMPLE) * 2 * 120); // a hang guard: two oracle runs a file, 15 to 65 ms each, depending on the machine
});
