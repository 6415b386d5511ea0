import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { decodeFileBytes, type ByteEncoding } from "@xlint/parser";

/** Names that look like domain configs when found inside a directory. */
const CONFIG_NAME = /\.(cfg|xl|xlcfg|hvm|pv|pvh)$/i;

export type ReadOutcome =
  | { readonly ok: true; readonly text: string; readonly encoding: ByteEncoding }
  | { readonly ok: false; readonly error: string };

export function readConfig(file: string): ReadOutcome {
  try {
    const { text, encoding } = decodeFileBytes(readFileSync(file));
    return { ok: true, text, encoding };
  } catch (error) {
    return { ok: false, error: describeFsError(error) };
  }
}

/**
 * Expands directories (recursively, skipping hidden ones and node_modules);
 * files are kept as named. `ignored` filters only what a folder walk finds:
 * a file named explicitly is always linted.
 */
export function expandPaths(paths: readonly string[], ignored: (file: string) => boolean = () => false): { files: string[]; errors: string[] } {
  const files: string[] = [];
  const errors: string[] = [];
  for (const p of paths) {
    let isDir: boolean;
    try {
      isDir = statSync(p).isDirectory();
    } catch (error) {
      errors.push(`${p}: ${describeFsError(error)}`);
      continue;
    }
    if (isDir) walk(p, files, ignored);
    else files.push(p);
  }
  return { files, errors };
}

function walk(dir: string, out: string[], ignored: (file: string) => boolean): void {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out, ignored);
    else if (entry.isFile() && CONFIG_NAME.test(entry.name) && !ignored(full)) out.push(full);
  }
}

function describeFsError(error: unknown): string {
  if (error && typeof error === "object" && "code" in error) {
    const code = String((error as { code: unknown }).code);
    if (code === "ENOENT") return "no such file or directory";
    if (code === "EACCES") return "permission denied";
    if (code === "EISDIR") return "is a directory";
    return code;
  }
  return error instanceof Error ? error.message : String(error);
}
