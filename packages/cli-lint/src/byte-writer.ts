/**
 * Text into a file descriptor through one reusable buffer. A run that writes
 * hundreds of megabytes (a report, the spool of project findings) would
 * otherwise make a new Buffer for every piece, and the C heap those live in
 * does not give memory back to the system once it is fragmented: the
 * process would keep the peak of everything it ever wrote.
 */
import { writeSync } from "node:fs";

const SIZE = 1 << 20;

export class ByteWriter {
  private readonly buffer = Buffer.allocUnsafe(SIZE);
  private used = 0;
  /** Bytes handed over so far (flushed or not): where the next piece will start in the file. */
  position = 0;

  constructor(private readonly fd: number) {}

  /** Appends `text`; returns the number of bytes it takes. */
  write(text: string): number {
    const bytes = Buffer.byteLength(text, "utf8");
    if (bytes > SIZE - this.used) this.flush();
    if (bytes > SIZE) {
      // Rare: a piece larger than the buffer goes out on its own.
      this.writeAll(Buffer.from(text, "utf8"));
    } else {
      this.buffer.write(text, this.used, "utf8");
      this.used += bytes;
    }
    this.position += bytes;
    return bytes;
  }

  /** Puts everything written so far into the file. */
  flush(): void {
    if (this.used === 0) return;
    this.writeAll(this.buffer.subarray(0, this.used));
    this.used = 0;
  }

  /** At the descriptor's own offset: a file written here is written from start to end, in order. */
  private writeAll(bytes: Uint8Array): void {
    for (let done = 0; done < bytes.length; ) done += writeSync(this.fd, bytes, done, bytes.length - done);
  }
}
