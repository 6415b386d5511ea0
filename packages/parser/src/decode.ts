import type { ByteEncoding } from "./lex";

const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * Turns a file's bytes into text for `parse`. Valid UTF-8 is decoded as such
 * (a BOM is kept, since xl rejects it); anything else is read as Latin-1, one
 * character per byte, which is exactly what xl's byte-wise lexer sees.
 */
export function decodeFileBytes(bytes: Uint8Array): { text: string; encoding: ByteEncoding } {
  try {
    return { text: strictUtf8.decode(bytes), encoding: "utf8" };
  } catch {
    return { text: Buffer.from(bytes).toString("latin1"), encoding: "latin1" };
  }
}
