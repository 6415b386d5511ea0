/**
 * The keys xl 4.17 reads, taken at test time from the facts reference
 * (Appendix A), so that the key mutations cover what xl knows rather than
 * what xlint happens to implement.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { sharedDir } from "../../../parser/test/helpers";

export const referencePath = path.join(sharedDir, "reference", "xl-reference.md");

/** The 158 keys of Appendix A's first list, or a reason why they cannot be read. */
export function readReferenceKeys(): { keys: string[] } | { reason: string } {
  if (!existsSync(referencePath)) return { reason: `no facts reference at ${referencePath}` };
  const text = readFileSync(referencePath, "utf8");
  const heading = text.indexOf("top-level keys read by xl 4.17");
  if (heading < 0) return { reason: `${referencePath} has no Appendix A key list` };
  const block = /```\s*\n([\s\S]*?)```/.exec(text.slice(heading));
  const keys = (block?.[1] ?? "").split(/\s+/).filter((k) => /^[a-z][a-z0-9_.]*$/.test(k));
  if (keys.length < 100) return { reason: `Appendix A of ${referencePath} lists only ${keys.length} keys` };
  return { keys };
}
