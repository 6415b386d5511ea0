/** Runs the built `xlint` the way users do (a child process) in a scratch folder of files. */
import { spawnSync } from "node:child_process";
import { cpSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const bin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../bin/xlint.cjs");

export interface XlintRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly stdin?: string | Buffer;
  readonly env?: Record<string, string | undefined>;
  readonly cwd?: string;
}

/** A scratch folder that is removed by `dispose()`. */
export class Scratch {
  readonly root = mkdtempSync(path.join(tmpdir(), "xlint-cli-"));

  write(rel: string, text: string | Buffer): string {
    const file = path.join(this.root, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    return file;
  }

  read(rel: string): string {
    return readFileSync(path.join(this.root, rel), "utf8");
  }

  run(args: readonly string[], options: RunOptions = {}): XlintRun {
    // A clean environment: no CI or colour variables from the machine running the tests.
    const env: Record<string, string> = { PATH: process.env["PATH"] ?? "", HOME: this.root };
    for (const [k, v] of Object.entries(options.env ?? {})) if (v !== undefined) env[k] = v;
    const r = spawnSync(process.execPath, [bin, ...args], {
      cwd: options.cwd ?? this.root,
      encoding: "utf8",
      input: options.stdin ?? "",
      env,
      timeout: 60_000,
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

/** Every regular file below `dir`, recursively. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(full));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

/**
 * Copies a tree for a test to change (the shared corpus for --fix and fmt):
 * links are followed, so that the copy holds files, never links through
 * which a write would reach the original (a checkout may have
 * ../shared/corpus, or files in it, as symbolic links). Checked, not assumed.
 */
export function copyTree(from: string, to: string): void {
  cpSync(from, to, { recursive: true, dereference: true });
  const links: string[] = [];
  const visit = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (lstatSync(full).isSymbolicLink()) links.push(full);
      else if (entry.isDirectory()) visit(full);
    }
  };
  visit(to);
  if (links.length > 0) throw new Error(`the copy of ${from} still holds symbolic links: ${links.slice(0, 3).join(", ")}`);
}
