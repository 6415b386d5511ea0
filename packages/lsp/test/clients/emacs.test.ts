/**
 * A real Emacs (batch, -Q) loads the eglot set-up snippet of
 * packages/lsp/README.md and visits two configs of a scratch workspace copied
 * from fixtures/ (alpha and beta share a MAC; gamma, never visited, reuses
 * alpha's guest name, which only the server's workspace index sees): the snippet's mode, server entry and eglot-ensure start the
 * bundle just built (through the launcher on PATH). emacs-drive.el writes
 * what flymake shows as JSON lines; this file judges them.
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";
import { CLIENT_TIMEOUT_MS, describeWithClient, jsonLines, missingProgram, readmeSnippet, Scratch } from "./real-client";

const DRIVER = path.join(path.dirname(fileURLToPath(import.meta.url)), "emacs-drive.el");
const ALPHA = "xen/alpha.cfg";
const BETA = "xen/beta.cfg";
const GAMMA = "xen/gamma.cfg";

/** A place a diagnostic names (LSP's relatedInformation, which eglot keeps): path from the workspace, 0-based line and character. */
type Place = { file: string; line: number; character: number };

type DriverLine =
  | { kind: "attached"; file: string; mode: string; server: string | null }
  | { kind: "diagnostic"; file: string; line: number; column: number; end_line: number; end_column: number; type: string; code: string | null; text: string; related: Place[] }
  | { kind: "servers"; count: number }
  | { kind: "error"; message: string }
  | { kind: "done" };

/**
 * Emacs itself, and eglot in it (Emacs 29 has it built in; Debian's Emacs 28
 * needs elpa-eglot, which -Q does not activate: the driver adds it).
 */
function missingEmacsOrEglot(): string | undefined {
  const emacs = missingProgram("emacs", "on Debian: apt-get install emacs-nox elpa-eglot");
  if (emacs !== undefined) return emacs;
  const probe = spawnSync(
    "emacs",
    ["--batch", "-Q", "--eval", '(progn (dolist (d (file-expand-wildcards "/usr/share/emacs/site-lisp/elpa/*")) (add-to-list (quote load-path) d)) (require (quote eglot)))'],
    { encoding: "utf8", timeout: 60_000 },
  );
  return probe.status === 0 ? undefined : "eglot is not installed for emacs (on Debian's Emacs 28: apt-get install elpa-eglot)";
}

const missing = missingEmacsOrEglot();

let records: DriverLine[] = [];
let scratch: Scratch | undefined;

const diagnosticsOf = (file: string) =>
  records
    .flatMap((r) => (r.kind === "diagnostic" && r.file === file ? [r] : []))
    .map(({ line, column, end_line, end_column, type, code, related }) => ({ line, column, end_line, end_column, type, code, related }))
    .sort((a, b) => a.line - b.line || a.column - b.column);

describeWithClient("Emacs eglot with the README's set-up", missing, () => {
  beforeAll(() => {
    scratch = new Scratch();
    const setup = path.join(scratch.root, "setup.el");
    writeFileSync(setup, readmeSnippet("elisp", "xl-language-server in Emacs 28"));
    const plan = {
      open: [ALPHA, BETA],
      await: [
        { file: ALPHA, code: "duplicate-mac" },
        { file: ALPHA, code: "duplicate-name" },
        { file: BETA, code: "duplicate-mac" },
      ],
      timeout_s: (CLIENT_TIMEOUT_MS - 20_000) / 1000,
    };
    const run = spawnSync("emacs", ["--batch", "-Q", "-l", DRIVER], {
      cwd: scratch.workspace,
      env: scratch.env({ XLINT_EMACS_SETUP: setup, XLINT_EMACS_PLAN: JSON.stringify(plan) }),
      stdio: ["ignore", "pipe", "pipe"],
      encoding: "utf8",
      timeout: CLIENT_TIMEOUT_MS,
    });
    records = jsonLines<DriverLine>(run.stdout ?? "");
    const failure = records.find((r) => r.kind === "error");
    expect(failure, `emacs: ${run.stdout}\n${run.stderr}`).toBeUndefined();
    expect(run.status, `emacs exited ${run.status} (${run.signal ?? "no signal"}): ${run.stdout}\n${run.stderr}`).toBe(0);
    expect(records.at(-1)).toEqual({ kind: "done" });
  }, CLIENT_TIMEOUT_MS + 60_000);

  afterAll(() => scratch?.remove());

  it("visits both configs in xl-mode, managed by one xl-language-server", () => {
    const attached = records.flatMap((r) => (r.kind === "attached" ? [[r.file, { mode: r.mode, server: r.server }]] : []));
    const managed = { mode: "xl-mode", server: "xl-language-server" };
    expect(Object.fromEntries(attached)).toEqual({ [ALPHA]: managed, [BETA]: managed });
    expect(records.find((r) => r.kind === "servers")).toEqual({ kind: "servers", count: 1 });
  });

  it("shows each finding in flymake at its line and column, with its type, rule and the other places it names", () => {
    // Lines 1-based, columns 0-based (Emacs's own); `xlint --format gcc` says alpha.cfg:1:8, 4:1 and 6:14, beta.cfg:3:10 and 6:14.
    expect(diagnosticsOf(ALPHA)).toEqual([
      // gamma.cfg is never visited: the server's workspace index read it from disk.
      { line: 1, column: 7, end_line: 1, end_column: 14, type: "eglot-error", code: "duplicate-name", related: [{ file: GAMMA, line: 0, character: 7 }] },
      { line: 4, column: 0, end_line: 4, end_column: 6, type: "eglot-warning", code: "unknown-key", related: [] },
      { line: 6, column: 13, end_line: 6, end_column: 30, type: "eglot-error", code: "duplicate-mac", related: [{ file: BETA, line: 5, character: 13 }] },
    ]);
    expect(diagnosticsOf(BETA)).toEqual([
      { line: 3, column: 9, end_line: 3, end_column: 15, type: "eglot-note", code: "quoted-number", related: [] },
      { line: 6, column: 13, end_line: 6, end_column: 30, type: "eglot-error", code: "duplicate-mac", related: [{ file: ALPHA, line: 5, character: 13 }] },
    ]);
  });

  it("writes the rule in the text flymake shows", () => {
    const texts = records.flatMap((r) => (r.kind === "diagnostic" ? [[r.code, r.text]] : []));
    expect(texts.length).toBe(5);
    for (const [code, text] of texts) expect(text).toMatch(new RegExp(`^xlint \\[${code}\\]: \\S`));
  });
});
