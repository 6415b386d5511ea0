// Bundles the language server into one CommonJS file, dist/xl-language-server.cjs,
// so editors start it without module resolution across workspaces or TypeScript
// at run time (the recipe the command shares, scripts/bundle.mjs).
import { fileURLToPath } from "node:url";
import path from "node:path";
import { bundleNodeProgram } from "../../scripts/bundle.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
await bundleNodeProgram(path.join(here, "src", "main.ts"), path.join(here, "dist", "xl-language-server.cjs"));
