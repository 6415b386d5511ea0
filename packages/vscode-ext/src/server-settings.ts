/**
 * The `xlint` section holds a few settings of the extension alone
 * (EXTENSION_ONLY_SETTINGS in scripts/manifest-settings.mjs); the server
 * checks its section strictly and would report them as unknown, so they are
 * taken out of what it is sent.
 */
import type { ConfigurationParams } from "vscode-languageclient";

/** The extension's own keys of the `xlint` section (without the prefix). */
export const EXTENSION_ONLY_KEYS = ["detectByContent"] as const;

/** `answer`: the client's answer to workspace/configuration (an error passes through). */
export function withoutExtensionSettings<T>(params: ConfigurationParams, answer: T): T {
  if (!Array.isArray(answer)) return answer;
  return answer.map((value: unknown, index) => {
    const section = params.items[index]?.section;
    if (section !== "xlint" || typeof value !== "object" || value === null) return value;
    const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    for (const key of EXTENSION_ONLY_KEYS) delete copy[key];
    return copy;
  }) as T;
}
