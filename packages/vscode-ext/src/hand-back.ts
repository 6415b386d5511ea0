/**
 * The language for a file the manifest's name patterns gave to xl although its
 * text is plainly something else; undefined keeps it xl. An empty file or one
 * with only comments stays xl (a config being written), and so does anything
 * that might be a broken config: those the linter should see.
 */
import type { ConfigClassification } from "@xlint/linter";

export function handBackLanguage(classification: ConfigClassification): string | undefined {
  if (classification.kind !== undefined) return undefined;
  const reason = classification.reason;
  if (reason.startsWith("a script")) return "shellscript";
  if (reason === "a JSON document") return "json";
  if (reason === "Python code") return "python";
  if (reason === "binary data") return "plaintext";
  return undefined;
}
