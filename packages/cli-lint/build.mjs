// Bundles the xlint command into one CommonJS file so it starts fast
// (no module resolution across workspaces, no TypeScript at run time).
import { build } from "esbuild";
import { fileURLToPath } from "node:url";
import path from "node:path";

const here = path.dirname(fileURLToPath(import.meta.url));

await build({
  entryPoints: [path.join(here, "src", "main.ts")],
  outfile: path.join(here, "dist", "xlint.cjs"),
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  // jsonc-parser's "main" is a UMD build that loads its parts with a runtime
  // require() esbuild cannot follow; its "module" build bundles cleanly.
  mainFields: ["module", "main"],
  minify: true,
  sourcemap: false,
  legalComments: "none",
  logLevel: "warning",
});
