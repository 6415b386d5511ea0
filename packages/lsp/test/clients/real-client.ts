/**
 * What the real-editor tests share: the set-up snippets read out of
 * packages/lsp/README.md (so the README shows exactly what the tests run),
 * the check for the editor's program (skip, or fail under
 * XLINT_REQUIRE_CLIENTS=1 as CI sets it: `describeWithClient`), a scratch workspace copied from the
 * fixtures, and a PATH on which `xl-language-server` is the launcher of the
 * bundle just built.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, it } from "vitest";
import { LAUNCHER } from "../lsp-client";

const here = path.dirname(fileURLToPath(import.meta.url));
const LSP_README = path.join(here, "..", "..", "README.md");
export const FIXTURES = path.join(here, "fixtures");

/** The machine is slow and shared: the clients themselves answer in well under a second. */
export const CLIENT_TIMEOUT_MS = 90_000;

/**
 * The fenced block of packages/lsp/README.md in `language` whose first line
 * contains `marker`; exactly one must.
 */
export function readmeSnippet(language: string, marker: string): string {
  const readme = readFileSync(LSP_README, "utf8");
  const blocks = [...readme.matchAll(/^```([\w-]*)\n([\s\S]*?)^```$/gm)];
  const matching = blocks.filter((b) => b[1] === language && (b[2] ?? "").split("\n", 1)[0]?.includes(marker));
  if (matching.length !== 1) throw new Error(`packages/lsp/README.md has ${matching.length} \`\`\`${language} blocks starting with "${marker}"; the test needs exactly one`);
  return matching[0]?.[2] ?? "";
}

/** Why `program` cannot run here (with how to install it), or undefined when it can. */
export function missingProgram(program: string, installHint: string): string | undefined {
  const probe = spawnSync(program, ["--version"], { encoding: "utf8", timeout: 30_000 });
  if (probe.error !== undefined || probe.status !== 0) return `${program} is not installed (${installHint})`;
  return undefined;
}

/**
 * `describe(title, body)` when the editor is here. When it is not (`missing`
 * says why), the tests skip with a line naming the program, except under
 * XLINT_REQUIRE_CLIENTS=1 (CI installs the editors), where one test fails
 * with that line instead.
 */
export function describeWithClient(title: string, missing: string | undefined, body: () => void): void {
  if (missing === undefined) {
    describe(title, body);
  } else if (process.env["XLINT_REQUIRE_CLIENTS"] !== "1") {
    console.warn(`${title}: skipped, ${missing}`);
    describe.skip(title, body);
  } else {
    describe(title, () => {
      it("has the editor it drives", () => {
        throw new Error(`XLINT_REQUIRE_CLIENTS=1 and ${missing}`);
      });
    });
  }
}


/** A scratch folder: `workspace/` (a copy of the fixtures) and `bin/xl-language-server`, the launcher. */
export class Scratch {
  readonly root = mkdtempSync(path.join(tmpdir(), "xlint-client-"));
  readonly workspace = path.join(this.root, "workspace");
  readonly bin = path.join(this.root, "bin");

  constructor() {
    cpSync(FIXTURES, this.workspace, { recursive: true });
    mkdirSync(this.bin);
    symlinkSync(LAUNCHER, path.join(this.bin, "xl-language-server"));
  }

  /**
   * The environment an editor runs in: the launcher (and this Node, which its
   * `#!` line asks for) first on PATH, and the editor's logs and state kept
   * in the scratch folder rather than the user's home.
   */
  env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    const state = path.join(this.root, "xdg");
    return {
      ...process.env,
      PATH: [this.bin, path.dirname(process.execPath), process.env["PATH"] ?? ""].join(path.delimiter),
      XDG_CACHE_HOME: path.join(state, "cache"),
      XDG_STATE_HOME: path.join(state, "state"),
      XDG_DATA_HOME: path.join(state, "data"),
      ...extra,
    };
  }

  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

/** The JSON lines a client script wrote on its standard output (anything else there is ignored). */
export function jsonLines<T>(stdout: string): T[] {
  return stdout
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as T);
}
