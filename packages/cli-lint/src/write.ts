/**
 * Writing files without ever leaving half of one: write-file-atomic (npm's
 * own) writes a temporary file next to the target, flushes it, and renames
 * it over the target, keeping an existing file's mode and owner.
 */
import { describeFsError } from "./discover";

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
