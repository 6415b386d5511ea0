/**
 * Reading one candidate file, whatever is on the disk. The file is opened
 * without blocking (a FIFO must not hang the run) and checked through its
 * open descriptor, so what was found as a file and what is read are the
 * same thing even when the tree changes while xlint runs. Walked files are
 * not followed through symbolic links, and big or binary ones are skipped.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";
import { decodeFileBytes, type ByteEncoding } from "@xlint/parser";

/** Bigger files are not read during a walk: no domain config is this large. */
export const MAX_WALK_BYTES = 1024 * 1024;

export type ReadOutcome =
  | { readonly kind: "text"; readonly text: string; readonly encoding: ByteEncoding }
  /** Not a config after all; only for files a walk or a pattern found. */
  | { readonly kind: "skip"; readonly reason: string }
  /** Could not be read: the run reports it and exits 2. */
  | { readonly kind: "problem"; readonly message: string };

/** `walked`: found by a folder walk or a pattern (skipped when not a config), not named on the command line. */
export function readCandidate(file: string, walked: boolean): ReadOutcome {
  let fd: number;
  try {
    // O_NOFOLLOW for walked files: a walk does not follow links, even one that appeared since the folder was listed.
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK | (walked ? constants.O_NOFOLLOW : 0));
  } catch (error) {
    const code = errorCode(error);
    if (walked && code === "ELOOP") return { kind: "skip", reason: "a symbolic link (a walk does not follow links)" };
    if (code === "ENOENT") return { kind: "problem", message: "was deleted while xlint ran (it was listed, then could not be opened)" };
    return { kind: "problem", message: describeFsError(error) };
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) return { kind: "problem", message: "is a directory" };
    if (!stat.isFile()) return walked ? { kind: "skip", reason: `not a regular file (${fileType(stat)})` } : { kind: "problem", message: `not a regular file (${fileType(stat)})` };
    if (walked && stat.size > MAX_WALK_BYTES) return { kind: "skip", reason: `larger than ${MAX_WALK_BYTES / 1024 / 1024} MiB` };
    const bytes = readAll(fd, stat.size);
    if (walked && looksBinary(bytes)) return { kind: "skip", reason: "binary data" };
    return { kind: "text", ...decodeFileBytes(bytes) };
  } catch (error) {
    return { kind: "problem", message: describeFsError(error) };
  } finally {
    closeSync(fd);
  }
}

/** Reads to the end; `size` is a hint (the file may grow or shrink while it is read). */
function readAll(fd: number, size: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  let chunk = Buffer.allocUnsafe(Math.max(size + 1, 4096));
  for (;;) {
    const n = readSync(fd, chunk, 0, chunk.length, null);
    if (n > 0) chunks.push(chunk.subarray(0, n));
    total += n;
    // A regular file gives less than asked only at its end: one read for a file whose size held.
    if (n < chunk.length) break;
    chunk = Buffer.allocUnsafe(65536);
  }
  return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, total);
}

function fileType(stat: ReturnType<typeof fstatSync>): string {
  if (stat.isFIFO()) return "a FIFO";
  if (stat.isSocket()) return "a socket";
  if (stat.isCharacterDevice()) return "a character device";
  if (stat.isBlockDevice()) return "a block device";
  return "a special file";
}

/** git's test: a NUL byte in the first 8000 bytes means binary. */
export function looksBinary(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, 8000);
  for (let i = 0; i < end; i++) if (bytes[i] === 0) return true;
  return false;
}

function errorCode(error: unknown): string | undefined {
  return error && typeof error === "object" && "code" in error ? String((error as { code: unknown }).code) : undefined;
}

export function describeFsError(error: unknown): string {
  const code = errorCode(error);
  switch (code) {
    case "ENOENT":
      return "no such file or directory";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EISDIR":
      return "is a directory";
    case "ENOTDIR":
      return "a part of the path is not a directory";
    case "ELOOP":
      return "too many levels of symbolic links";
    case "EROFS":
      return "read-only file system";
    case "ENOSPC":
      return "no space left on the device";
    case "EIO":
      return "input/output error";
    case "ENAMETOOLONG":
      return "the name is too long";
    default:
      return code ?? (error instanceof Error ? error.message : String(error));
  }
}
