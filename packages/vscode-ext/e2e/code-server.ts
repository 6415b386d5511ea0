/**
 * Starts and stops a private code-server (VS Code in the browser) for the end-to-end test: its own
 * port on 127.0.0.1, no auth, and every directory it writes (user data, extensions, XDG config and
 * data) inside one temp directory, so nothing of the user's own VS Code or code-server is read or
 * changed.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface CodeServer {
  /** The workbench URL with the folder opened. */
  readonly url: string;
  readonly userDataDir: string;
  /** code-server's own stdout and stderr, for failure reports. */
  output(): string;
  /** The extension host's log file (where activation failures show), once code-server wrote it. */
  exthostLog(): string | undefined;
  /** Kills code-server (its whole process group) and removes the temp directory. */
  stop(): Promise<void>;
}

export interface StartOptions {
  /** code-server's entry script (see setup-code-server.mjs). */
  readonly entry: string;
  /** The folder the workbench opens. */
  readonly folder: string;
  /** The extension to install before starting. */
  readonly vsix: string;
  /** How long to wait for code-server to answer. */
  readonly timeoutMs?: number;
}

/** The user settings: nothing that pops up, asks or phones home, and quick hovers. */
const USER_SETTINGS = {
  "workbench.startupEditor": "none",
  "workbench.welcomePage.walkthroughs.openOnInstall": false,
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "workbench.editor.enablePreview": false,
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "extensions.ignoreRecommendations": true,
  "security.workspace.trust.enabled": false,
  "git.enabled": false,
  "editor.hover.delay": 100,
  "editor.quickSuggestions": { other: false, comments: false, strings: false },
  "editor.suggestOnTriggerCharacters": false,
  "editor.minimap.enabled": false,
  "editor.formatOnSave": false,
  "files.autoSave": "off",
  "files.insertFinalNewline": false,
  "files.trimTrailingWhitespace": false,
  "chat.commandCenter.enabled": false,
  "window.commandCenter": false,
  "workbench.colorTheme": "Default Dark Modern",
};

/** A port nobody listens on now (the kernel picks it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

function codeServerEnv(root: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // code-server writes ~/.config/code-server/config.yaml and reads ~/.local/share otherwise.
  env.XDG_CONFIG_HOME = join(root, "xdg-config");
  env.XDG_DATA_HOME = join(root, "xdg-data");
  // Set by `npm run` or VS Code itself; either would confuse code-server.
  for (const key of ["VSCODE_IPC_HOOK_CLI", "VSCODE_PID", "VSCODE_CWD", "ELECTRON_RUN_AS_NODE", "NODE_OPTIONS", "PASSWORD", "HASHED_PASSWORD"]) delete env[key];
  return env;
}

function installExtension(entry: string, root: string, userDataDir: string, extensionsDir: string, vsix: string): void {
  const result = spawnSync(process.execPath, [entry, "--user-data-dir", userDataDir, "--extensions-dir", extensionsDir, "--install-extension", vsix], {
    env: codeServerEnv(root),
    encoding: "utf8",
    timeout: 120_000,
  });
  const output = `${result.stdout ?? ""}${result.stderr ?? ""}`;
  if (result.status !== 0 || !/successfully installed/i.test(output)) {
    throw new Error(`code-server --install-extension ${vsix} failed (exit ${result.status ?? result.signal}): ${output.trim()}`);
  }
}

async function waitForHealth(port: number, child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`code-server exited (${child.exitCode ?? child.signalCode}) before it answered:\n${output().slice(-3000)}`);
    }
    try {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`timed out after ${timeoutMs / 1000} s waiting for code-server to answer on 127.0.0.1:${port}/healthz:\n${output().slice(-3000)}`);
}

/** Newest exthost log under the user-data dir: logs/<session>/exthost*\/remoteexthost.log. */
function findExthostLog(userDataDir: string): string | undefined {
  const logs = join(userDataDir, "logs");
  if (!existsSync(logs)) return undefined;
  for (const session of readdirSync(logs).sort().reverse()) {
    const sessionDir = join(logs, session);
    let entries: string[];
    try {
      entries = readdirSync(sessionDir);
    } catch {
      continue;
    }
    for (const host of entries.filter((name) => name.startsWith("exthost")).sort()) {
      const file = join(sessionDir, host, "remoteexthost.log");
      if (existsSync(file)) return file;
    }
  }
  return undefined;
}

/** Installs the extension, starts code-server on a free port and waits until it answers. */
export async function startCodeServer(options: StartOptions): Promise<CodeServer> {
  const root = mkdtempSync(join(tmpdir(), "e2e-code-server-"));
  const userDataDir = join(root, "user-data");
  const extensionsDir = join(root, "extensions");
  mkdirSync(join(userDataDir, "User"), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(join(userDataDir, "User", "settings.json"), `${JSON.stringify(USER_SETTINGS, null, 2)}\n`);

  try {
    installExtension(options.entry, root, userDataDir, extensionsDir, options.vsix);
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }

  const port = await freePort();
  const args = [
    options.entry,
    "--bind-addr",
    `127.0.0.1:${port}`,
    "--auth",
    "none",
    "--user-data-dir",
    userDataDir,
    "--extensions-dir",
    extensionsDir,
    "--disable-telemetry",
    "--disable-update-check",
    "--disable-workspace-trust",
    "--disable-getting-started-override",
    "--disable-file-downloads",
    "--ignore-last-opened",
    options.folder,
  ];
  // Its own process group, so that stop() ends code-server and everything it started (extension
  // host, language server, file watcher) with one signal.
  const child = spawn(process.execPath, args, { env: codeServerEnv(root), detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const stop = async (): Promise<void> => {
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        // already gone
      }
      const killed = await Promise.race([exited.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 5000))]);
      if (!killed) {
        try {
          process.kill(-child.pid, "SIGKILL");
        } catch {
          // already gone
        }
        await exited;
      }
    }
    // Children of code-server that outlived it are still in the group.
    if (child.pid !== undefined) {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // none left
      }
    }
    rmSync(root, { recursive: true, force: true });
  };

  try {
    await waitForHealth(port, child, () => output, options.timeoutMs ?? 60_000);
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    url: `http://127.0.0.1:${port}/?folder=${encodeURIComponent(options.folder)}`,
    userDataDir,
    output: () => output,
    exthostLog: () => findExthostLog(userDataDir),
    stop,
  };
}

/**
 * The lines of the extension host log that report an extension failing to activate, and the
 * errors that name xlint (other built-in extensions' errors are not ours to judge).
 */
export function activationFailures(exthostLog: string | undefined): string[] {
  if (!exthostLog || !existsSync(exthostLog)) return [];
  return readFileSync(exthostLog, "utf8")
    .split("\n")
    .filter((line) => /Activating extension .* failed|activation failed/i.test(line) || (/\[error\]/.test(line) && /xlint/i.test(line)));
}
