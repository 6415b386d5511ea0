// The one esbuild recipe for xlint's Node programs (the command, the language
// server): one CommonJS file with every workspace package and dependency in it,
// so it starts without module resolution across workspaces or TypeScript at run time.
import { build } from "esbuild";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/**
 * Bundles `entry` into `outfile`. `options.docsFromBundle`: where the rule pages
 * are, relative to the bundle's folder, for a bundle that is not installed three
 * folders below the repository root (the VS Code extension ships its own copy).
 */
export async function bundleNodeProgram(entry, outfile, options = {}) {
  // The one setting of where rule links point: the root package.json's config.ruleDocsBaseUrl.
  const rootPackage = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
  const docsBase = rootPackage.config?.ruleDocsBaseUrl ?? "";
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    // jsonc-parser's "main" is a UMD build that loads its parts with a runtime
    // require() esbuild cannot follow; its "module" build bundles cleanly.
    mainFields: ["module", "main"],
    // Some ESM dependencies (fdir, under tinyglobby) call createRequire(import.meta.url);
    // in a CommonJS bundle that URL has to come from __filename.
    define: {
      "import.meta.url": "__xlintImportMetaUrl",
      __XLINT_DOCS_BASE__: JSON.stringify(docsBase),
      ...(options.docsFromBundle === undefined ? {} : { __XLINT_DOCS_FROM_BUNDLE__: JSON.stringify(options.docsFromBundle) }),
    },
    banner: { js: 'const __xlintImportMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
    // XLINT_BUILD_READABLE=1 keeps names, for CPU profiles.
    minify: process.env.XLINT_BUILD_READABLE !== "1",
    sourcemap: false,
    legalComments: "none",
    logLevel: "warning",
  });
}
