/**
 * A real Neovim (headless, no user config) runs the set-up snippet of
 * packages/lsp/README.md, opens two configs of a scratch workspace copied from
 * fixtures/ (alpha and beta share a MAC; gamma, never opened, reuses alpha's
 * guest name, which only the server's workspace index sees), and uses its own
 * LSP client: the server it starts is the bundle just built, through the
 * launcher on PATH. neovim-drive.lua writes what Neovim holds as JSON lines;
 * this file judges them.
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";
import { CLIENT_TIMEOUT_MS, describeWithClient, jsonLines, missingProgram, readmeSnippet, Scratch } from "./real-client";

const DRIVER = path.join(path.dirname(fileURLToPath(import.meta.url)), "neovim-drive.lua");
const ALPHA = "xen/alpha.cfg";
const BETA = "xen/beta.cfg";
const GAMMA = "xen/gamma.cfg";

/** Neovim's severities (vim.diagnostic.severity), which are LSP's. */
const ERROR = 1;
const WARN = 2;
const INFO = 3;

/** A place a diagnostic names (its relatedInformation): path from the workspace, 0-based line and character. */
type Place = { file: string; line: number; character: number };

type DriverLine =
  | { kind: "attached"; file: string; clients: string[] }
  | { kind: "diagnostic"; file: string; line: number; col: number; end_line: number; end_col: number; severity: number; code: string; source: string; message: string; related: Place[] }
  | { kind: "hover"; contents: { kind: string; value: string } | null }
  | { kind: "completion"; labels: string[] }
  | { kind: "error"; message: string }
  | { kind: "done" };

const missing = missingProgram("nvim", "on Debian: apt-get install neovim");

let records: DriverLine[] = [];
let scratch: Scratch | undefined;

const diagnosticsOf = (file: string) =>
  records
    .flatMap((r) => (r.kind === "diagnostic" && r.file === file ? [r] : []))
    .map(({ line, col, end_line, end_col, severity, code, source, related }) => ({ line, col, end_line, end_col, severity, code, source, related }))
    .sort((a, b) => a.line - b.line || a.col - b.col);

describeWithClient("Neovim's LSP client with the README's set-up", missing, () => {
  beforeAll(() => {
    scratch = new Scratch();
    const setup = path.join(scratch.root, "setup.lua");
    writeFileSync(setup, readmeSnippet("lua", "xl-language-server in Neovim 0.7"));
    const plan = {
      open: [ALPHA, BETA],
      await: [
        { file: ALPHA, code: "duplicate-mac" },
        { file: ALPHA, code: "duplicate-name" },
        { file: BETA, code: "duplicate-mac" },
      ],
      // `memory` on alpha's third line; beta's fifth line is blank.
      hover: { file: ALPHA, line: 2, character: 2 },
      completion: { file: BETA, line: 4, character: 0 },
      timeout_ms: CLIENT_TIMEOUT_MS - 20_000,
    };
    const run = spawnSync("nvim", ["--headless", "-n", "-i", "NONE", "--clean", "-c", `luafile ${setup}`, "-c", `luafile ${DRIVER}`], {
      cwd: scratch.workspace,
      env: scratch.env({ XLINT_NVIM_PLAN: JSON.stringify(plan) }),
      stdio: ["ignore", "pipe", "pipe"],
      encoding: "utf8",
      timeout: CLIENT_TIMEOUT_MS,
    });
    records = jsonLines<DriverLine>(run.stdout ?? "");
    const failure = records.find((r) => r.kind === "error");
    expect(failure, `nvim: ${run.stdout}\n${run.stderr}`).toBeUndefined();
    expect(run.status, `nvim exited ${run.status} (${run.signal ?? "no signal"}): ${run.stdout}\n${run.stderr}`).toBe(0);
    expect(records.at(-1)).toEqual({ kind: "done" });
  }, CLIENT_TIMEOUT_MS + 60_000);

  afterAll(() => scratch?.remove());

  it("attaches the one xl-language-server client to both configs", () => {
    const attached = records.flatMap((r) => (r.kind === "attached" ? [[r.file, r.clients]] : []));
    expect(Object.fromEntries(attached)).toEqual({ [ALPHA]: ["xl-language-server"], [BETA]: ["xl-language-server"] });
  });

  it("shows each finding at its line and column, with its severity, rule and the other places it names", () => {
    // Neovim's lines and columns are 0-based; `xlint --format gcc` says alpha.cfg:1:8, 4:1 and 6:14, beta.cfg:3:10 and 6:14.
    expect(diagnosticsOf(ALPHA)).toEqual([
      // gamma.cfg is in no buffer: the server's workspace index read it from disk.
      { line: 0, col: 7, end_line: 0, end_col: 14, severity: ERROR, code: "duplicate-name", source: "xlint", related: [{ file: GAMMA, line: 0, character: 7 }] },
      { line: 3, col: 0, end_line: 3, end_col: 6, severity: WARN, code: "unknown-key", source: "xlint", related: [] },
      { line: 5, col: 13, end_line: 5, end_col: 30, severity: ERROR, code: "duplicate-mac", source: "xlint", related: [{ file: BETA, line: 5, character: 13 }] },
    ]);
    expect(diagnosticsOf(BETA)).toEqual([
      { line: 2, col: 9, end_line: 2, end_col: 15, severity: INFO, code: "quoted-number", source: "xlint", related: [] },
      { line: 5, col: 13, end_line: 5, end_col: 30, severity: ERROR, code: "duplicate-mac", source: "xlint", related: [{ file: ALPHA, line: 5, character: 13 }] },
    ]);
  });

  it("shows a key's docs on hover", () => {
    const hover = records.find((r) => r.kind === "hover");
    expect(hover?.kind === "hover" ? hover.contents : undefined).toMatchObject({ kind: "markdown", value: expect.stringMatching(/^\*\*memory\*\*[\s\S]*MiB/) });
  });

  it("offers keys at a blank line", () => {
    const completion = records.find((r) => r.kind === "completion");
    const labels = completion?.kind === "completion" ? completion.labels : [];
    expect(labels).toEqual(expect.arrayContaining(["vcpus", "maxmem", "disk", "on_crash"]));
  });
});
