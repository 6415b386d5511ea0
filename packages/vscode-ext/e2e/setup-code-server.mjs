#!/usr/bin/env node
// Installs code-server 4.100.3 (VS Code 1.100.3 for the browser) from the npm registry into a cache
// directory outside the repo, for the extension's end-to-end test.
//
// Why by hand: a plain `npm install code-server` fails on this kind of machine, because
// @vscode/ripgrep's postinstall downloads from GitHub (unreachable; we link Debian's rg instead)
// and the native modules need their build prerequisites. So the install runs with
// --ignore-scripts and then rebuilds exactly the native modules code-server needs.
// 4.100.3 is the last release whose engines allow node 20.
//
// Idempotent: a marker file is written only after the final check loaded every native module;
// a directory without the marker is a half-done install and is wiped and redone.
//
// Usage: node packages/vscode-ext/e2e/setup-code-server.mjs   (prints the directory)
// Or import { ensureCodeServer } and call it.

import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, lstatSync, mkdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";

export const CODE_SERVER_VERSION = "4.100.3";
/** Debian's chromium, which the test drives (playwright-core never downloads a browser). */
export const CHROMIUM = "/usr/bin/chromium";
const MARKER = ".xlint-e2e-complete";

/** Where code-server lives: $XLINT_CODE_SERVER_DIR, else the user's cache directory. */
export function codeServerDir() {
  if (process.env.XLINT_CODE_SERVER_DIR) return process.env.XLINT_CODE_SERVER_DIR;
  const cache = process.env.XDG_CACHE_HOME || join(homedir(), ".cache");
  return join(cache, "xlint-e2e", `code-server-${CODE_SERVER_VERSION}`);
}

/** The script that starts code-server (run it with node), inside an install directory. */
export function codeServerEntry(dir = codeServerDir()) {
  return join(dir, "node_modules", "code-server", "out", "node", "entry.js");
}

/** True when a complete install (marker present) is in the directory. */
export function isCodeServerInstalled(dir = codeServerDir()) {
  const marker = join(dir, MARKER);
  if (!existsSync(marker) || !existsSync(codeServerEntry(dir))) return false;
  try {
    return JSON.parse(readFileSync(marker, "utf8")).version === CODE_SERVER_VERSION;
  } catch {
    return false;
  }
}

function onPath(command) {
  return spawnSync("sh", ["-c", `command -v ${command}`], { stdio: "ignore" }).status === 0;
}

/**
 * The missing prerequisites, each as one line that says what to install. Empty when all are there.
 * Chromium is not needed to install code-server but the test cannot run without it.
 */
export function missingPrerequisites() {
  const missing = [];
  const major = Number(process.versions.node.split(".")[0]);
  if (major !== 20) missing.push(`node 20 is needed (code-server ${CODE_SERVER_VERSION} declares node 20); this is node ${process.versions.node}`);
  if (!existsSync(CHROMIUM)) missing.push("chromium is missing: apt-get install -y --no-install-recommends chromium");
  if (!onPath("rg")) missing.push("ripgrep (rg) is missing: apt-get install -y --no-install-recommends ripgrep");
  if (!existsSync("/usr/include/gssapi/gssapi.h")) missing.push("the Kerberos headers (gssapi/gssapi.h) are missing: apt-get install -y --no-install-recommends libkrb5-dev");
  if (!onPath("pkg-config")) missing.push("pkg-config is missing: apt-get install -y --no-install-recommends pkg-config");
  if (!onPath("cc") && !onPath("gcc")) missing.push("a C/C++ compiler is missing: apt-get install -y --no-install-recommends g++ make");
  if (!onPath("c++") && !onPath("g++")) missing.push("a C++ compiler is missing: apt-get install -y --no-install-recommends g++");
  if (!onPath("make")) missing.push("make is missing: apt-get install -y --no-install-recommends make");
  if (!onPath("python3")) missing.push("python3 (for node-gyp) is missing: apt-get install -y --no-install-recommends python3");
  return missing;
}

/** npm's environment minus what `npm run`/`npx` in the repo put there, so the cache dir is its own project. */
function npmEnv() {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^npm_(package|lifecycle)_/i.test(key) || /^npm_config_(workspaces?|include_workspace_root|prefix|global)$/i.test(key)) delete env[key];
  }
  // No browser downloads, whatever a dependency wants.
  env.PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD = "1";
  return env;
}

function run(log, cwd, command, args, { allowFailure = false, env = {} } = {}) {
  log(`$ (cd ${cwd} && ${command} ${args.join(" ")})`);
  const result = spawnSync(command, args, { cwd, env: { ...npmEnv(), ...env }, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0 && !allowFailure) {
    const tail = `${result.stdout ?? ""}${result.stderr ?? ""}`.trim().split("\n").slice(-25).join("\n");
    throw new Error(`setup-code-server: \`${command} ${args.join(" ")}\` failed in ${cwd} (exit ${result.status ?? result.signal}):\n${tail}`);
  }
  return result;
}

function forceSymlink(target, path) {
  try {
    lstatSync(path);
    rmSync(path, { recursive: true, force: true });
  } catch {
    // not there yet
  }
  symlinkSync(target, path);
}

/**
 * Makes sure code-server is installed and returns { dir, entry }. Throws one clear error when a
 * prerequisite is missing or a step fails. `log` receives progress lines.
 */
export function ensureCodeServer({ dir = codeServerDir(), log = () => {} } = {}) {
  if (isCodeServerInstalled(dir)) return { dir, entry: codeServerEntry(dir) };
  const missing = missingPrerequisites();
  if (missing.length > 0) throw new Error(`setup-code-server: ${missing.join("; ")}`);
  return withInstallLock(dir, log, () => {
    // Another process may have finished the install while this one waited for the lock.
    if (!isCodeServerInstalled(dir)) install(dir, log);
    return { dir, entry: codeServerEntry(dir) };
  });
}

const LOCK_STALE_MS = 15 * 60_000;

function sleepSync(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Runs `body` holding DIR.lock (a directory: mkdir is atomic), so that two test runs starting
 * together do not wipe each other's half-done install. A lock older than 15 minutes is taken to
 * belong to a process that died.
 */
function withInstallLock(dir, log, body) {
  const lock = `${dir}.lock`;
  mkdirSync(dirname(dir), { recursive: true });
  let told = false;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if (error.code !== "EEXIST") throw error;
    }
    let age = 0;
    try {
      age = Date.now() - statSync(lock).mtimeMs;
    } catch {
      continue; // released just now
    }
    if (age > LOCK_STALE_MS) {
      rmSync(lock, { recursive: true, force: true });
      continue;
    }
    if (!told) log(`waiting for another process installing code-server (${lock})`);
    told = true;
    sleepSync(2000);
  }
  try {
    return body();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** The install itself (the recipe of the toolchain notes), from an empty directory. */
function install(dir, log) {
  const started = Date.now();
  // A directory without the marker is a half-done install: start again from nothing.
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, "package.json"),
    `${JSON.stringify({ name: "xlint-e2e-code-server", private: true, description: "code-server for xlint's extension e2e test (made by setup-code-server.mjs)" }, null, 2)}\n`,
  );
  const npm = "npm";
  const common = ["--no-audit", "--no-fund", "--loglevel=error"];
  run(log, dir, npm, ["install", "--ignore-scripts", ...common, `code-server@${CODE_SERVER_VERSION}`]);
  const codeServer = join(dir, "node_modules", "code-server");
  // argon2 (password hashing, loaded at start even with --auth none): its prebuilt download fails
  // offline and it then builds from source. npm hoists it to the top node_modules.
  run(log, dir, npm, ["rebuild", ...common, "argon2"]);

  const vscode = join(codeServer, "lib", "vscode");
  run(log, vscode, npm, ["install", "--omit=dev", "--ignore-scripts", ...common]);
  // node-pty's own post-install step runs `npx node-gyp`, which npm refuses here (yes=false), so this
  // exits non-zero although pty.node is built; the require check below is the judge.
  run(log, vscode, npm, ["rebuild", ...common, "kerberos", "@parcel/watcher", "@vscode/deviceid", "@vscode/spdlog", "native-watchdog", "node-pty"], {
    allowFailure: true,
  });
  // @vscode/ripgrep would download rg from GitHub; use the system one.
  const rgBin = join(vscode, "node_modules", "@vscode", "ripgrep", "bin");
  mkdirSync(rgBin, { recursive: true });
  const rg = execFileSync("sh", ["-c", "command -v rg"], { encoding: "utf8" }).trim();
  forceSymlink(rg, join(rgBin, "rg"));

  const extensions = join(vscode, "extensions");
  run(log, extensions, npm, ["install", "--omit=dev", "--ignore-scripts", ...common]);
  run(log, extensions, process.execPath, ["./postinstall.mjs"]);
  // What code-server's own postinstall would have done.
  forceSymlink("node_modules", join(vscode, "node_modules.asar"));
  forceSymlink("code-linux.sh", join(vscode, "bin", "remote-cli", "code-server"));
  forceSymlink("browser-linux.sh", join(vscode, "bin", "helpers", "browser.sh"));

  // The judge: every native module loads, and code-server prints its version.
  run(log, vscode, process.execPath, [
    "-e",
    'for (const m of ["@parcel/watcher","node-pty","@vscode/spdlog","kerberos","native-watchdog","@vscode/deviceid"]) require(m)',
  ]);
  run(log, codeServer, process.execPath, ["-e", 'require("argon2")']);
  // Its XDG dirs point into the install, or it writes ~/.config/code-server/config.yaml.
  const version = run(log, dir, process.execPath, [codeServerEntry(dir), "--version"], {
    env: { XDG_CONFIG_HOME: join(dir, "xdg-config"), XDG_DATA_HOME: join(dir, "xdg-data") },
  }).stdout.trim();
  rmSync(join(dir, "xdg-config"), { recursive: true, force: true });
  rmSync(join(dir, "xdg-data"), { recursive: true, force: true });
  if (!version.split("\n").some((line) => line.startsWith(`${CODE_SERVER_VERSION} `))) throw new Error(`setup-code-server: code-server --version printed "${version}", expected ${CODE_SERVER_VERSION}`);

  writeFileSync(join(dir, MARKER), `${JSON.stringify({ version: CODE_SERVER_VERSION, installedAt: new Date().toISOString(), seconds: (Date.now() - started) / 1000 })}\n`);
  log(`code-server ${CODE_SERVER_VERSION} installed in ${dir} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
}

const isMain = process.argv[1] && pathToFileURL(process.argv[1]).href === import.meta.url;
if (isMain) {
  try {
    const started = Date.now();
    const { dir } = ensureCodeServer({ log: (line) => console.error(line) });
    console.error(`setup-code-server: ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    console.log(dir);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
