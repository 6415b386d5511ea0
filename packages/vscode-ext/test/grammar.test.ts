/**
 * The extension's TextMate grammar and language configuration.
 *
 * - The scope assertions in test/grammar/*.test.xl are run by the
 *   vscode-tmgrammar-test CLI, and a deliberately wrong assertion must make it fail.
 * - Every config of test-corpus/ and of the shared corpus is tokenized with the
 *   same engine VS Code uses (vscode-textmate + vscode-oniguruma, taken from
 *   vscode-tmgrammar-test's own dependencies) to show that no line stops early and
 *   that whatever opens on one line (a list, a string) never hides the key of a
 *   later `key = ...` line.
 * - language-configuration.json is valid and its regular expressions do what
 *   the editor needs (words, indentation on Enter).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type * as TextMate from "vscode-textmate";
import { DISK_BACKEND_TYPES, DISK_FLAGS, DISK_FORMATS, DISK_KEYS, DISK_SPECIFICATIONS } from "../../parser/src/specs/disk-messages";
import { VIF_KEYS } from "../../parser/src/specs/vif";
import type * as Oniguruma from "vscode-oniguruma";

const extensionDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const repoRoot = resolve(extensionDir, "../..");
const grammarPath = join(extensionDir, "syntaxes/xl.tmLanguage.json");
const languageConfigPath = join(extensionDir, "language-configuration.json");
const grammarTests = join(extensionDir, "test/grammar/*.test.xl");
const testerCli = join(repoRoot, "node_modules/.bin/vscode-tmgrammar-test");
const corpora = [join(repoRoot, "test-corpus"), resolve(repoRoot, "../shared/corpus")];

/** Files bigger than this are not configs; binary files (a NUL byte) are skipped too. */
const MAX_FILE_BYTES = 512 * 1024;
const LINE_TIME_LIMIT_MS = 1000;
const KEY_SCOPE = "variable.other.key.xl";
/** A line that starts a setting: xl's IDENT token, then `=` or `+=`. */
const SETTING_LINE = /^[ \t]*([a-z][._0-9a-z]*)[ \t]*\+?=/;

function runTester(testFiles: string): { status: number | null; output: string } {
  // From a scratch directory, so that no package.json there adds grammars of its own.
  const result = spawnSync(testerCli, ["--compact", "-g", grammarPath, testFiles], { cwd: tmpdir(), encoding: "utf8", timeout: 60_000 });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe("grammar scope assertions (vscode-tmgrammar-test)", () => {
  let scratch: string;
  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), "xl-grammar-"));
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it("passes every assertion in test/grammar/*.test.xl", () => {
    const { status, output } = runTester(grammarTests);
    expect(output).not.toMatch(/ERROR/);
    expect(status, output).toBe(0);
  });

  it("fails on a wrong assertion, so the check above can fail", () => {
    const wrong = join(scratch, "wrong.test.xl");
    writeFileSync(wrong, ['# SYNTAX TEST "source.xl" "a wrong assertion"', "memory = 512", "#        ^^^ string.quoted.double.xl", ""].join("\n"));
    const { status, output } = runTester(wrong);
    expect(status).not.toBe(0);
    expect(output).toMatch(/string\.quoted\.double\.xl/);
  });
});

// -- tokenizing whole corpora with the editor's engine -------------------------

const requireFromTester = createRequire(createRequire(import.meta.url).resolve("vscode-tmgrammar-test/package.json"));
const textmate = requireFromTester("vscode-textmate") as typeof TextMate;
const oniguruma = requireFromTester("vscode-oniguruma") as typeof Oniguruma;

async function loadGrammar(): Promise<TextMate.IGrammar> {
  const wasm = readFileSync(requireFromTester.resolve("vscode-oniguruma/release/onig.wasm"));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text: string) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async (scopeName: string) =>
      scopeName === "source.xl" ? textmate.parseRawGrammar(readFileSync(grammarPath, "utf8"), grammarPath) : null,
  });
  const grammar = await registry.loadGrammar("source.xl");
  if (!grammar) throw new Error("the grammar source.xl did not load");
  return grammar;
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(path));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

function readTextFile(path: string): string | undefined {
  if (statSync(path).size > MAX_FILE_BYTES) return undefined;
  const bytes = readFileSync(path);
  if (bytes.includes(0)) return undefined;
  return bytes.toString("utf8");
}

/** Problems of one file: lines that stopped early, and setting lines whose key is not scoped as a key. */
function tokenizeProblems(grammar: TextMate.IGrammar, path: string, text: string): string[] {
  const problems: string[] = [];
  let state = textmate.INITIAL;
  // The editor splits lines the same way: CRLF and LF both end a line.
  text.split(/\r?\n/).forEach((line, index) => {
    const where = `${path}:${index + 1}`;
    const result = grammar.tokenizeLine(line, state, LINE_TIME_LIMIT_MS);
    state = result.ruleStack;
    if (result.stoppedEarly) problems.push(`${where}: tokenizing stopped early`);
    const setting = SETTING_LINE.exec(line);
    if (!setting) return;
    const keyStart = line.indexOf(setting[1] as string);
    const token = result.tokens.find((t) => t.startIndex <= keyStart && keyStart < t.endIndex);
    if (!token?.scopes.includes(KEY_SCOPE)) problems.push(`${where}: key "${setting[1]}" has scopes ${token?.scopes.join(" ") ?? "(none)"}`);
  });
  return problems;
}

describe("tokenizing the corpora", () => {
  let grammar: TextMate.IGrammar;
  beforeAll(async () => {
    grammar = await loadGrammar();
  });

  for (const corpus of corpora) {
    const name = relative(repoRoot, corpus);
    it(`${name}: no line stops early and every setting's key is a key`, (context) => {
      if (!existsSync(corpus)) context.skip(`${corpus} is missing; nothing to tokenize`);
      const texts = filesUnder(corpus)
        .map((path) => ({ path: relative(repoRoot, path), text: readTextFile(path) }))
        .filter((file): file is { path: string; text: string } => file.text !== undefined);
      if (texts.length === 0) context.skip(`${name} has no text files`);
      const settingLines = texts.reduce((n, f) => n + f.text.split("\n").filter((l) => SETTING_LINE.test(l)).length, 0);
      expect(settingLines, "the corpus should hold settings to check").toBeGreaterThan(0);
      const problems = texts.flatMap((file) => tokenizeProblems(grammar, file.path, file.text));
      expect(problems).toEqual([]);
    });
  }

  it("the corpus check can fail: it reports a key without the key scope and a line that stopped early", () => {
    const unscoped = {
      tokenizeLine: () => ({ tokens: [{ startIndex: 0, endIndex: 6, scopes: ["source.xl"] }], ruleStack: textmate.INITIAL, stoppedEarly: true }),
    } as unknown as TextMate.IGrammar;
    expect(tokenizeProblems(unscoped, "inline", "memory = 1\n")).toEqual([
      "inline:1: tokenizing stopped early",
      'inline:1: key "memory" has scopes source.xl',
      "inline:2: tokenizing stopped early",
    ]);
    expect(tokenizeProblems(grammar, "inline", "memory = 1\n")).toEqual([]);
  });
});

describe("language-configuration.json", () => {
  interface OnEnterRule {
    beforeText: string;
    afterText?: string;
    action: { indent: string };
  }
  interface LanguageConfiguration {
    comments: { lineComment: string };
    brackets: string[][];
    autoClosingPairs: { open: string; close: string; notIn?: string[] }[];
    surroundingPairs: string[][];
    wordPattern: string;
    onEnterRules: OnEnterRule[];
    indentationRules: { increaseIndentPattern: string; decreaseIndentPattern: string };
  }
  const config = JSON.parse(readFileSync(languageConfigPath, "utf8")) as LanguageConfiguration;

  /** What the editor does on Enter after `before` (and before `after`): the first rule that matches wins. */
  function enterAction(before: string, after = ""): string | undefined {
    const rule = config.onEnterRules.find(
      (r) => new RegExp(r.beforeText).test(before) && (r.afterText === undefined || new RegExp(r.afterText).test(after)),
    );
    return rule?.action.indent;
  }

  it("declares the comment, the brackets and the pairs", () => {
    expect(config.comments.lineComment).toBe("#");
    expect(config.brackets).toEqual([["[", "]"]]);
    const pairs = new Map(config.autoClosingPairs.map((p) => [p.open, p]));
    expect(pairs.get("[")?.close).toBe("]");
    for (const quote of ['"', "'"]) {
      expect(pairs.get(quote)?.close).toBe(quote);
      expect(pairs.get(quote)?.notIn).toEqual(expect.arrayContaining(["string", "comment"]));
    }
    expect(config.surroundingPairs).toEqual(expect.arrayContaining([["[", "]"], ['"', '"'], ["'", "'"]]));
  });

  it("keeps keys, dotted keys and MAC addresses one word", () => {
    const word = new RegExp(config.wordPattern, "g");
    const words = (text: string): string[] => text.match(word) ?? [];
    expect(words("on_poweroff = 'destroy'")).toEqual(["on_poweroff", "destroy"]);
    expect(words("vif.default.bridge = 'xenbr0'")).toEqual(["vif.default.bridge", "xenbr0"]);
    expect(words("'mac=00:16:3e:aa:bb:cc,bridge=br0'")).toEqual(["mac", "00:16:3e:aa:bb:cc", "bridge", "br0"]);
    expect(words("target=/dev/vg/root")).toEqual(["target", "dev", "vg", "root"]);
  });

  it("indents after an opening bracket and keeps the indent inside a list", () => {
    expect(enterAction("disk = [")).toBe("indent");
    expect(enterAction("vif = [   # NICs")).toBe("indent");
    expect(enterAction("disk = [", "]")).toBe("indentOutdent");
    expect(enterAction("disk = [ 'phy:/dev/vg/a,xvda,w',")).toBe("indent");
    expect(enterAction("    'phy:/dev/vg/a,xvda,w',")).toBe("none");
    expect(enterAction("disk = [ 'phy:/dev/vg/a,xvda,w' ]")).toBeUndefined();
    expect(enterAction("name = 'x'")).toBeUndefined();
    expect(new RegExp(config.indentationRules.increaseIndentPattern).test("vif = [")).toBe(true);
    expect(new RegExp(config.indentationRules.increaseIndentPattern).test("vif = [ 'bridge=br0' ]")).toBe(false);
    expect(new RegExp(config.indentationRules.decreaseIndentPattern).test("  ]")).toBe(true);
  });
});

/**
 * The grammar's word lists are written out by hand; the parser's lists are the
 * truth. Every disk and vif parameter, disk format, backend type and flag the
 * parser knows must get its scope, so a keyword added to the parser without the
 * grammar fails here.
 */
describe("the grammar knows the spec parsers' words", () => {
  let grammar: TextMate.IGrammar;
  beforeAll(async () => {
    grammar = await loadGrammar();
  });

  /** The scopes of `word` where it first appears in `line` after the `= [` of the setting. */
  function scopesOf(line: string, word: string): string[] {
    const at = line.indexOf(word, line.indexOf("["));
    const token = grammar.tokenizeLine(line, textmate.INITIAL).tokens.find((t) => t.startIndex <= at && at < t.endIndex);
    return token?.scopes ?? [];
  }

  it("disk: parameters, formats, backend types, specifications and flags", () => {
    // The check tells words apart: a format xl does not know is a plain value.
    expect(scopesOf("disk = [ 'format=bogus, vdev=xvda, target=/t' ]", "bogus")).not.toContain("constant.language.xl");
    for (const key of DISK_KEYS) expect(scopesOf(`disk = [ '${key}=x' ]`, key), key).toContain("variable.parameter.xl");
    for (const format of DISK_FORMATS) expect(scopesOf(`disk = [ 'format=${format}, vdev=xvda, target=/t' ]`, format), format).toContain("constant.language.xl");
    for (const type of DISK_BACKEND_TYPES) expect(scopesOf(`disk = [ 'backendtype=${type}, vdev=xvda, target=/t' ]`, type), type).toContain("constant.language.xl");
    for (const spec of DISK_SPECIFICATIONS) expect(scopesOf(`disk = [ 'specification=${spec}, vdev=xvda, target=/t' ]`, spec), spec).toContain("constant.language.xl");
    for (const flag of DISK_FLAGS) expect(scopesOf(`disk = [ 'vdev=xvda, ${flag}, target=/t' ]`, flag), flag).toContain("constant.language.xl");
  });

  it("vif: every parameter", () => {
    for (const key of VIF_KEYS) expect(scopesOf(`vif = [ 'mac=00:16:3e:00:00:01, ${key}=x' ]`, `${key}=`), key).toContain("variable.parameter.xl");
  });
});
