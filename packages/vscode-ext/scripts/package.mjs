// `npm run package` (at the repository root, or here): builds the extension and
// writes xlint-VERSION.vsix beside this package's manifest with @vscode/vsce.
// --no-dependencies: everything is bundled into dist/, so the package carries
// no node_modules (and vsce would otherwise trip over the workspace layout).
// The package must stay under 3 MB; a larger one fails here.
import { spawnSync } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const MAX_BYTES = 3 * 1024 * 1024;

const run = (args) => {
  const result = spawnSync(process.execPath, args, { cwd: here, stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

const manifest = JSON.parse(readFileSync(path.join(here, "package.json"), "utf8"));
const out = path.join(here, `xlint-${manifest.version}.vsix`);
run([path.join(here, "build.mjs")]);
const vsce = createRequire(import.meta.url).resolve("@vscode/vsce/vsce");
// No repository is published yet: links in the README stay relative to the package, which VS Code resolves itself.
run([vsce, "package", "--no-dependencies", "--allow-missing-repository", "--no-rewrite-relative-links", "--out", out]);
const size = statSync(out).size;
if (size > MAX_BYTES) {
  console.error(`xlint: ${path.basename(out)} is ${(size / 1024 / 1024).toFixed(2)} MB, over the 3 MB limit`);
  process.exit(1);
}
console.log(`xlint: ${path.relative(process.cwd(), out)} (${(size / 1024).toFixed(0)} KB)`);
