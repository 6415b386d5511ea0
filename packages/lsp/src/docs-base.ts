/**
 * Where the server's rule links point. The same decision as the CLI's
 * (packages/cli-lint/src/docs-base.ts), repeated here because nothing may
 * import cli-lint: the root package.json's `config.ruleDocsBaseUrl` (put into
 * the bundle by build.mjs) once the project publishes its pages, else the
 * pages installed with xlint (docs/rules beside packages/, a `file:` URL).
 * Should a third caller appear, the pure half (configured base or installed
 * folder → base URL) belongs in @xlint/linter next to `ruleDocsUrl`.
 */
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { RULE_DOCS_FOLDER } from "@xlint/linter";

declare const __XLINT_DOCS_BASE__: string | undefined;

/** Set by the bundle (esbuild `define`); absent when running from sources. */
const configured = typeof __XLINT_DOCS_BASE__ === "string" ? __XLINT_DOCS_BASE__ : "";

/** The URL of the rule pages' folder, ending in `/`. */
export function ruleDocsBase(): string {
  if (configured !== "") return configured.endsWith("/") ? configured : `${configured}/`;
  return `${pathToFileURL(installedDocsFolder()).href}/`;
}

/** docs/rules of this installation: the bundle is packages/lsp/dist/xl-language-server.cjs, the sources packages/lsp/src/. */
function installedDocsFolder(): string {
  const here = typeof __dirname === "string" ? __dirname : path.dirname(fileURLToPath(import.meta.url));
  return path.resolve(here, "..", "..", "..", RULE_DOCS_FOLDER);
}
