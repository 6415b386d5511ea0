/**
 * The one place that decides where rule links point. The root package.json's
 * `config.ruleDocsBaseUrl` (read by build.mjs) is the web address of the
 * repository's docs/rules/ folder once the project publishes one; while it is
 * empty, links point at the pages installed with xlint (docs/rules/ beside
 * packages/, a `file:` URL that works offline, as `xlint explain RULE` does).
 */
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { RULE_DOCS_FOLDER } from "@xlint/linter";

declare const __XLINT_DOCS_BASE__: string | undefined;
/** Set by a bundle that ships the pages elsewhere (the VS Code extension): their folder, relative to the bundle's. */
declare const __XLINT_DOCS_FROM_BUNDLE__: string | undefined;

/** Set by the bundle (esbuild `define`); absent when running from sources. */
const configured = typeof __XLINT_DOCS_BASE__ === "string" ? __XLINT_DOCS_BASE__ : "";

/** The URL of the rule pages' folder, ending in `/`. */
export function ruleDocsBase(): string {
  if (configured !== "") return configured.endsWith("/") ? configured : `${configured}/`;
  return `${pathToFileURL(installedDocsFolder()).href}/`;
}

/**
 * docs/rules of this installation. Every place this code runs from is three
 * folders below the root: the bundles (packages/cli-lint/dist/xlint.cjs,
 * packages/lsp/dist/xl-language-server.cjs) and these sources (packages/files/src/).
 * The VS Code extension's copy of the server says where its pages are instead.
 */
export function installedDocsFolder(): string {
  const here = typeof __dirname === "string" ? __dirname : path.dirname(fileURLToPath(import.meta.url));
  if (typeof __XLINT_DOCS_FROM_BUNDLE__ === "string") return path.resolve(here, __XLINT_DOCS_FROM_BUNDLE__);
  return path.resolve(here, "..", "..", "..", RULE_DOCS_FOLDER);
}
