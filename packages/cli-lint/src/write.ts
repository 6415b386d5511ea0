/**
 * Writing files without ever leaving half of one.
 * - Whole files (fixes, fmt, baselines): write-file-atomic (npm's own) writes
 *   a temporary file next to the target, flushes it, and renames it over the
 *   target, keeping an existing file's mode and owner.
 * - Reports (`--output`), which are written piece by piece so that a large
 *   one is never a single string: `AtomicOutput` does the same dance with a
 *   stream of chunks. Until `commit`, the target is untouched; on a failure
 *   or an interrupt the temporary file is removed.
 */
import { chmodSync, chownSync, closeSync, fsyncSync, openSync, renameSync, statSync, unlinkSync } from "node:fs";
import path from "node:path";
import { ByteWriter } from "./byte-writer";
import { describeFsError } from "@xlint/files";

/** Writes `data` to `file`; returns why it failed, or undefined. */
export async function writeFileSafely(file: string, data: Buffer): Promise<string | undefined> {
  try {
    // Loaded on demand: a plain lint run writes nothing.
    const { default: writeFileAtomic } = await import("write-file-atomic");
    writeFileAtomic.sync(file, data, { fsync: true });
    return undefined;
  } catch (error) {
    return describeFsError(error);
  }
}

/** Chunks are gathered up to this size before each write: one system call per 64 KiB, not per finding. */
const BUFFER_BYTES = 64 * 1024;

/** Something that takes text piece by piece. */
export interface TextSink {
  write(chunk: string): void;
}

/** Gathers small chunks into larger writes. */
export class BufferedSink implements TextSink {
  private parts: string[] = [];
  private size = 0;

  constructor(private readonly out: (text: string) => void) {}

  write(chunk: string): void {
    this.parts.push(chunk);
    this.size += chunk.length;
    if (this.size >= BUFFER_BYTES) this.flush();
  }

  flush(): void {
    if (this.parts.length === 0) return;
    const text = this.parts.join("");
    this.parts = [];
    this.size = 0;
    this.out(text);
  }
}

export class AtomicOutput implements TextSink {
  private readonly temp: string;
  private fd: number | undefined;
  private failure: string | undefined;
  private writer: ByteWriter | undefined;
  private readonly onSignal = (signal: NodeJS.Signals): void => {
    this.abort();
    process.kill(process.pid, signal);
  };

  /** Opens the temporary file; `failure` says why when that is impossible. */
  constructor(private readonly target: string) {
    this.temp = path.join(path.dirname(target), `.${path.basename(target)}.xlint-${process.pid}.tmp`);
    try {
      this.fd = openSync(this.temp, "w", 0o666);
      this.writer = new ByteWriter(this.fd);
    } catch (error) {
      this.failure = describeFsError(error);
      return;
    }
    process.once("SIGINT", this.onSignal);
    process.once("SIGTERM", this.onSignal);
  }

  write(chunk: string): void {
    if (this.writer === undefined || this.failure !== undefined) return;
    try {
      this.writer.write(chunk);
    } catch (error) {
      this.failure = describeFsError(error);
    }
  }

  /** Moves the finished file into place; returns why it failed (the target is then unchanged), or undefined. */
  commit(): string | undefined {
    try {
      this.writer?.flush();
    } catch (error) {
      this.failure ??= describeFsError(error);
    }
    if (this.failure !== undefined || this.fd === undefined) {
      const failure = this.failure ?? "not opened";
      this.abort();
      return failure;
    }
    try {
      fsyncSync(this.fd);
      closeSync(this.fd);
      this.fd = undefined;
      keepModeAndOwner(this.target, this.temp);
      renameSync(this.temp, this.target);
      this.stopWatching();
      return undefined;
    } catch (error) {
      this.abort();
      return describeFsError(error);
    }
  }

  /** Removes the temporary file; the target stays as it was. */
  abort(): void {
    if (this.fd !== undefined) {
      try {
        closeSync(this.fd);
      } catch {
        // already closed or broken: nothing to save
      }
      this.fd = undefined;
    }
    try {
      unlinkSync(this.temp);
    } catch {
      // never created, or already gone
    }
    this.stopWatching();
  }

  private stopWatching(): void {
    process.removeListener("SIGINT", this.onSignal);
    process.removeListener("SIGTERM", this.onSignal);
  }
}

/** A report that replaces a file keeps that file's mode (and, for root, its owner). */
function keepModeAndOwner(target: string, temp: string): void {
  let stat;
  try {
    stat = statSync(target);
  } catch {
    return; // a new file: the mode the umask allows
  }
  chmodSync(temp, stat.mode & 0o7777);
  if (process.getuid?.() === 0) chownSync(temp, stat.uid, stat.gid);
}
