/**
 * The hooks of .pre-commit-hooks.yaml through Debian's real `pre-commit`.
 * `pre-commit try-repo` installs this repository the way pre-commit does for
 * its users (clone, `npm install`, `npm pack`, `npm install -g` of the
 * tarball), so this also covers the root package.json's bin, files and
 * postinstall, then runs both hooks over a scratch git repository of configs.
 *
 * try-repo is pointed at a one-commit snapshot of this working tree rather
 * than at the tree itself: on a tree with uncommitted changes try-repo copies
 * only the files git already tracks, so a new file would be silently left out.
 * In CI (a clean clone) the snapshot is exactly HEAD.
 */
import { spawnSync, type SpawnSyncOptions } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Scratch } from "./run-xlint";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

/** Installing the hook repository takes seconds; this only stops a hung run. */
const PRE_COMMIT_TIMEOUT_MS = 240_000;

function missingTool(): string | undefined {
  const tools: ReadonlyArray<readonly [string, string]> = [
    ["git", "install git"],
    ["pre-commit", "on Debian: apt-get install pre-commit"],
  ];
  for (const [tool, hint] of tools) {
    const r = spawnSync(tool, ["--version"], { encoding: "utf8" });
    if (r.error !== undefined || r.status !== 0) return `${tool} is not installed (${hint})`;
  }
  return undefined;
}

const unavailable = missingTool();
if (unavailable) console.warn(`pre-commit hooks: skipped, ${unavailable}`);

/** A guest xlint finds nothing wrong with, already in fmt's layout. */
function guest(name: string, mac: string): string {
  return `name = "${name}"\ntype = "pvh"\nmemory = 1024\nvcpus = 2\nkernel = "/boot/vmlinuz"\nvif = ["mac=${mac},bridge=xenbr0"]\n`;
}

const SHARED_MAC = "00:16:3e:00:00:01";

/**
 * The configs the hooks must check. Eight, so that pre-commit, left to
 * itself, splits them over parallel runs of four on any machine with two or
 * more cores; `require_serial` must keep them in one run, which the summary
 * line shows ("8 files checked"). The two sharing a MAC are the first two in
 * git's order: pre-commit 3 shuffles the files with a fixed seed before it
 * splits them, and these two then land in different runs, so without
 * `require_serial` the duplicate would go unseen.
 */
const CONFIGS: Readonly<Record<string, string>> = {
  "etc/xen/app01.cfg": guest("app01", SHARED_MAC),
  "etc/xen/app02.cfg": guest("app02", SHARED_MAC),
  // `memroy` is a warning by default; the repository's xlint.json makes it an error.
  "etc/xen/db01.cfg": 'name = "db01"\ntype = "pvh"\nmemory = 2048\nmemroy = 512\nkernel = "/boot/vmlinuz"\n',
  "etc/xen/db02.cfg": guest("db02", "00:16:3e:00:00:04"),
  "etc/xen/mail01.cfg": guest("mail01", "00:16:3e:00:00:05"),
  "etc/xen/web01.cfg": guest("web01", "00:16:3e:00:00:06"),
  "etc/xen/xl.conf": 'autoballoon = "off"\n',
  // Clean, but not in fmt's layout.
  "guests/lab.xl": 'name="lab"\ntype =  "pvh" ;kernel="/boot/vmlinuz"\nmemory=512   # MiB\n',
};

/** Files next to the configs that the hooks' patterns must not hand to xlint (it would lint them by name). */
const NOT_CONFIGS: Readonly<Record<string, string>> = {
  "etc/xen/scripts/vif-custom": '#!/bin/sh\nbridge=xenbr0\nexec /etc/xen/scripts/vif-bridge "$@"\n',
  "etc/xen/README.md": "Guests of this host, one file each.\n",
  "setup.cfg": "[metadata]\nname = tools\n",
};

const XLINT_JSON = '{ "root": true, "rules": { "unknown-key": "error" } }\n';

interface Run {
  readonly code: number | null;
  readonly output: string;
  readonly seconds: number;
}

interface HookResult {
  readonly status: string;
  /** The hook's block of the report: its header lines and its output. */
  readonly text: string;
}

/**
 * pre-commit's --verbose report, per hook id: a `name.....Status` line
 * followed by `- hook id: ID`, `- duration: …` and the hook's output.
 */
function hookResults(output: string): Map<string, HookResult> {
  const results = new Map<string, HookResult>();
  const blocks = output.split(/^(?=[^\n]*\.{3,}(?:Passed|Failed|Skipped)$)/m);
  for (const block of blocks) {
    const status = /^[^\n]*\.{3,}(Passed|Failed|Skipped)$/m.exec(block)?.[1];
    const id = /^- hook id: (\S+)$/m.exec(block)?.[1];
    if (status !== undefined && id !== undefined) results.set(id, { status, text: block });
  }
  return results;
}

/** Seconds the hooks themselves ran, from the report's `- duration:` lines. */
function hookSeconds(output: string): number {
  return [...output.matchAll(/^- duration: ([\d.]+)s$/gm)].reduce((sum, m) => sum + Number(m[1]), 0);
}

/** npm settings the running npm passes on (`npm test`) that are about reaching the registry. */
const NPM_NETWORK_SETTINGS = ["npm_config_cache", "npm_config_cafile", "npm_config_registry", "npm_config_proxy", "npm_config_https_proxy", "npm_config_noproxy", "npm_config_strict_ssl"];

/**
 * The environment pre-commit runs in: this process's (proxies and CA
 * certificates included: pre-commit points npm's global config elsewhere, so
 * they must come through the environment), with a scratch HOME and
 * PRE_COMMIT_HOME, so the machine's git and pre-commit settings stay out and
 * nothing is left behind. Left out: git variables (from a hook running the
 * tests), pre-commit's own, GITHUB_ACTIONS (it changes xlint's output format),
 * and what `npm test` sets for its scripts (npm_config_local_prefix=/work/main
 * must not reach the npm that installs the hook repository), except its
 * network settings. npm's download cache is the machine's own (warm after
 * `npm ci`); no audit or update check: they only cost time.
 */
function toolEnv(work: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value === undefined) continue;
    if (/^GIT_(?!SSL_)|^PRE_COMMIT|^(GITHUB_ACTIONS|TRAVIS|FORCE_COLOR|NO_COLOR|INIT_CWD|NODE)$/.test(name)) continue;
    if (name.startsWith("npm_") && !NPM_NETWORK_SETTINGS.includes(name)) continue;
    env[name] = value;
  }
  return {
    ...env,
    HOME: path.join(work, "home"),
    PRE_COMMIT_HOME: path.join(work, "pre-commit-home"),
    GIT_CONFIG_NOSYSTEM: "1",
    npm_config_cache: process.env["npm_config_cache"] ?? path.join(homedir(), ".npm"),
    npm_config_audit: "false",
    npm_config_fund: "false",
    npm_config_update_notifier: "false",
  };
}

describe.skipIf(unavailable !== undefined)(`pre-commit hooks through Debian's pre-commit${unavailable ? ` (skipped: ${unavailable})` : ""}`, () => {
  // Made in beforeAll: a skipped suite's body still runs, and must leave nothing behind.
  let work = "";
  let hookRepo = "";
  let configsRepo = "";
  let env: Record<string, string> = {};
  const identity = ["-c", "user.name=xlint tests", "-c", "user.email=tests@xlint.invalid"];
  let hookRef = "";
  const runs: Run[] = [];

  function git(args: readonly string[], cwd: string): string {
    const r = spawnSync("git", args, { cwd, env, encoding: "utf8" });
    if (r.status !== 0) throw new Error(`git ${args.join(" ")} failed (${r.status}): ${r.stderr}`);
    return r.stdout.trim();
  }

  function writeInto(root: string, files: Readonly<Record<string, string>>): void {
    for (const [rel, text] of Object.entries(files)) {
      const file = path.join(root, rel);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, text);
    }
  }

  function readConfigs(): Record<string, string> {
    return Object.fromEntries(Object.keys(CONFIGS).map((rel) => [rel, readFileSync(path.join(configsRepo, rel), "utf8")]));
  }

  /**
   * Both hooks (try-repo without a hook id runs every hook of the manifest)
   * over every file of the configs repository, or, as at a commit, over the
   * staged files only.
   */
  function tryRepo(files: "all" | "staged" = "all"): Run {
    const options: SpawnSyncOptions = { cwd: configsRepo, env, encoding: "utf8", timeout: PRE_COMMIT_TIMEOUT_MS };
    const started = performance.now();
    const which = files === "all" ? ["--all-files"] : [];
    const r = spawnSync("pre-commit", ["try-repo", "--ref", hookRef, hookRepo, ...which, "--verbose", "--color", "never"], options);
    if (r.error !== undefined) throw r.error;
    const run = { code: r.status, output: `${String(r.stdout)}${String(r.stderr)}`, seconds: (performance.now() - started) / 1000 };
    runs.push(run);
    return run;
  }

  beforeAll(() => {
    work = mkdtempSync(path.join(tmpdir(), "xlint-pre-commit-"));
    hookRepo = path.join(work, "hook-repo");
    configsRepo = path.join(work, "configs");
    env = toolEnv(work);
    mkdirSync(path.join(work, "home"));
    // The snapshot: this working tree's files (what .gitignore leaves in) as one commit of a scratch repository.
    git(["init", "-q", hookRepo], work);
    const tree = ["--git-dir", path.join(hookRepo, ".git"), "--work-tree", repoRoot];
    git([...tree, "add", "-A"], repoRoot);
    git([...identity, ...tree, "commit", "-q", "--no-verify", "-m", "snapshot of the working tree"], repoRoot);
    hookRef = git(["--git-dir", path.join(hookRepo, ".git"), "rev-parse", "HEAD"], work);

    git(["init", "-q", configsRepo], work);
    git(["config", "user.name", "xlint tests"], configsRepo);
    git(["config", "user.email", "tests@xlint.invalid"], configsRepo);
    writeInto(configsRepo, { ...CONFIGS, ...NOT_CONFIGS, "xlint.json": XLINT_JSON });
    chmodSync(path.join(configsRepo, "etc/xen/scripts/vif-custom"), 0o755);
    git(["add", "-A"], configsRepo);
    git(["commit", "-q", "--no-verify", "-m", "guests"], configsRepo);
  });

  afterAll(() => {
    if (runs.length > 0) {
      const timings = runs.map((r) => `${r.seconds.toFixed(1)} s (hooks ${hookSeconds(r.output).toFixed(2)} s)`).join(", ");
      console.log(`pre-commit try-repo, each installing the hook repository afresh: ${timings}`);
    }
    if (work !== "") rmSync(work, { recursive: true, force: true });
  });

  it("xlint fails on the errors, across files in one run; xlint-fmt rewrites the untidy file", { timeout: PRE_COMMIT_TIMEOUT_MS + 30_000 }, () => {
    const before = readConfigs();
    const run = tryRepo();
    const hooks = hookResults(run.output);
    expect(run.code, run.output).toBe(1);

    const xlint = hooks.get("xlint");
    expect(xlint?.status, run.output).toBe("Failed");
    expect(xlint?.text).toMatch(/^etc\/xen\/db01\.cfg:\d+:\d+: error: `memroy` .*\[unknown-key\]$/m);
    // Each finding exists only because the other file was in the same run (a gcc line carries no help, which names the other file).
    expect(xlint?.text).toMatch(/^etc\/xen\/app01\.cfg:\d+:\d+: error: MAC .* is also used by another vif \[duplicate-mac\]$/m);
    expect(xlint?.text).toMatch(/^etc\/xen\/app02\.cfg:\d+:\d+: error: MAC .* is also used by another vif \[duplicate-mac\]$/m);
    // One run over exactly the configs: the scripts, README and setup.cfg next to them were not handed over.
    expect(xlint?.text).toContain(`${Object.keys(CONFIGS).length} files checked`);
    for (const other of Object.keys(NOT_CONFIGS)) expect(run.output).not.toContain(other);

    const fmt = hooks.get("xlint-fmt");
    expect(fmt?.status, run.output).toBe("Failed");
    expect(fmt?.text).toContain("files were modified by this hook");
    const after = readConfigs();
    const changed = Object.keys(CONFIGS).filter((rel) => after[rel] !== before[rel]);
    expect(changed).toEqual(["guests/lab.xl"]);
    // The hook wrote what this tree's own `xlint fmt` makes of the file.
    const scratch = new Scratch();
    try {
      const formatted = scratch.run(["fmt", "-"], { stdin: before["guests/lab.xl"] });
      expect(formatted.code).toBe(0);
      expect(after["guests/lab.xl"]).toBe(formatted.stdout);
    } finally {
      scratch.dispose();
    }
  });

  it("both hooks pass once the errors are fixed and the file is formatted", { timeout: PRE_COMMIT_TIMEOUT_MS + 30_000 }, () => {
    const fixes: Record<string, string> = {
      "etc/xen/db01.cfg": readConfigs()["etc/xen/db01.cfg"]?.replace(/^memroy = .*\n/m, "") ?? "",
      "etc/xen/app02.cfg": guest("app02", "00:16:3e:00:00:02"),
    };
    writeInto(configsRepo, fixes);
    const run = tryRepo();
    const hooks = hookResults(run.output);
    expect(run.code, run.output).toBe(0);
    expect(hooks.get("xlint")?.status, run.output).toBe("Passed");
    expect(hooks.get("xlint-fmt")?.status, run.output).toBe("Passed");
  });

  it("a staged guest that reuses the MAC of a committed one is reported, though only it is handed to the hook", { timeout: PRE_COMMIT_TIMEOUT_MS + 30_000 }, () => {
    git(["add", "-A"], configsRepo);
    git(["commit", "-q", "--no-verify", "-m", "fixed"], configsRepo);
    // Copied from web01 for a new guest, its MAC left as it was.
    writeInto(configsRepo, { "etc/xen/web02.cfg": guest("web02", "00:16:3e:00:00:06") });
    git(["add", "etc/xen/web02.cfg"], configsRepo);
    const run = tryRepo("staged");
    const xlint = hookResults(run.output).get("xlint");
    expect(run.code, run.output).toBe(1);
    expect(xlint?.status, run.output).toBe("Failed");
    expect(xlint?.text).toContain("1 file checked");
    expect(xlint?.text).toMatch(/^etc\/xen\/web02\.cfg:6:\d+: error: MAC `00:16:3e:00:00:06` .*is also used by another vif \[duplicate-mac\]$/m);
    // The committed guest is not the one being committed: nothing is reported in it.
    expect(xlint?.text).not.toMatch(/^etc\/xen\/web01\.cfg:/m);
  });
});
