// Builds the extension into dist/: the client (src/extension.ts, with
// vscode-languageclient, `vscode` left to the editor) and its own copy of the
// language server, both bundled by esbuild, so the .vsix carries no
// node_modules. The rule pages go beside them (docs/rules), for the links of
// diagnostics and "Explain the Rule" offline.
import { build } from "esbuild";
import { cpSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { bundleNodeProgram } from "../../scripts/bundle.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..", "..");
const dist = path.join(here, "dist");

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });
await build({
  entryPoints: [path.join(here, "src", "extension.ts")],
  outfile: path.join(dist, "extension.cjs"),
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  external: ["vscode"],
  // jsonc-parser (under the linter) bundles only from its ESM build.
  mainFields: ["module", "main"],
  minify: process.env.XLINT_BUILD_READABLE !== "1",
  legalComments: "none",
  logLevel: "warning",
});
await bundleNodeProgram(path.join(root, "packages", "lsp", "src", "main.ts"), path.join(dist, "server.cjs"), { docsFromBundle: "../docs/rules" });
rmSync(path.join(here, "docs"), { recursive: true, force: true });
cpSync(path.join(root, "docs", "rules"), path.join(here, "docs", "rules"), { recursive: true });
// vsce packages the license beside the manifest; the one of the repository is the one.
cpSync(path.join(root, "LICENSE"), path.join(here, "LICENSE"));
