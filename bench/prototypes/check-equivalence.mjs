// Checks that a changed parser gives exactly the same answers as a reference
// copy: parse() (AST and diagnostics, as JSON) and evaluate() (settings and
// diagnostics) on every file of test-corpus/ and ../shared/corpus/, on the
// generated 10 MB benchmark input, and on 30,000 random snippets heavy in
// broken syntax, each read both as UTF-8 and as Latin-1. This is how the
// patches in this folder were checked (see ../PROFILING.md).
//
//   git worktree add /tmp/xlint-ref HEAD                 # the reference
//   git apply bench/prototypes/3-grammar-fast-path.patch  # the candidate
//   node bench/prototypes/check-equivalence.mjs /tmp/xlint-ref/packages/parser/src
//
// An optional second argument names the candidate's src folder (default:
// packages/parser/src of this checkout).
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, "../..");
const [referenceArg, candidateArg] = process.argv.slice(2);
if (!referenceArg) {
  console.error("usage: node bench/prototypes/check-equivalence.mjs <reference parser src> [<candidate parser src>]");
  process.exit(2);
}
const reference = path.resolve(referenceArg);
const candidate = path.resolve(candidateArg ?? path.join(repoRoot, "packages/parser/src"));

const entry = `
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import * as ref from ${JSON.stringify(path.join(reference, "index"))};
import * as cand from ${JSON.stringify(path.join(candidate, "index"))};
import { generateCorpus } from ${JSON.stringify(path.join(repoRoot, "bench/generate"))};
import { seededRandom } from ${JSON.stringify(path.join(repoRoot, "packages/parser/test/random"))};

function walk(dir: string, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else out.push(full);
  }
  return out;
}

// Pieces that make valid and broken statements alike.
const PIECES = ["name", "memory", "disk", "vif", "x.y_1", " = ", "=", "+=", "+", '"str"', "'s q'", '"esc \\\\" \\\\\\\\ \\\\n"',
  '"bad \\\\x41"', '"oct \\\\101"', "123", "0x1f", "0X1F", "08", "1.5", "-1", "[", "]", ",", ",,", ";", "\\n", "\\n", "\\n",
  "  ", "\\t", "# comment", "#", "\\r", "\\r\\n", '"unterminated', "'open", "True", "None", "Name", "on-crash", "_x",
  "import os", "if x:", "\\u00e9", "\\uFEFF", "\\0", "\\\\", "$", "[ 'a', 'b' ]", "[[1,2],[3]]"];

type Lib = typeof ref;
function answer(lib: Lib, text: string, encoding: "utf8" | "latin1"): string {
  const parsed = lib.parse(text, { encoding });
  const evaluation = lib.evaluate(parsed.file);
  return JSON.stringify({ file: parsed.file, diagnostics: parsed.diagnostics, settings: [...evaluation.settings], more: evaluation.diagnostics });
}

const inputs: [string, string][] = [];
for (const dir of [${JSON.stringify(path.join(repoRoot, "test-corpus"))}, ${JSON.stringify(path.resolve(repoRoot, "../shared/corpus"))}]) {
  for (const file of walk(dir)) inputs.push([file, readFileSync(file, "latin1")]);
}
inputs.push(["generated 10 MB", generateCorpus({ totalBytes: 10e6, fileBytes: 4000, seed: 24301 }).text]);
const random = seededRandom(12345);
for (let i = 0; i < 30000; i++) {
  let text = "";
  const n = Math.floor(random() * 40);
  for (let k = 0; k < n; k++) text += PIECES[Math.floor(random() * PIECES.length)];
  inputs.push([\`random #\${i}\`, text]);
}

let differences = 0;
for (const [name, text] of inputs) {
  for (const encoding of ["utf8", "latin1"] as const) {
    const a = answer(ref, text, encoding);
    const b = answer(cand, text, encoding);
    if (a === b) continue;
    differences++;
    if (differences > 5) continue;
    let at = 0;
    while (a[at] === b[at]) at++;
    console.log(\`DIFFERENT: \${name} (\${encoding}) \${JSON.stringify(text.slice(0, 120))}\`);
    console.log(\`  reference: …\${a.slice(Math.max(0, at - 100), at + 100)}\`);
    console.log(\`  candidate: …\${b.slice(Math.max(0, at - 100), at + 100)}\`);
  }
}
console.log(\`\${inputs.length} inputs × 2 encodings: \${differences} differences\`);
process.exit(differences === 0 ? 0 : 1);
`;

// Outside the checkout, so `tsc -p .` (which includes bench/**/*.ts) never sees it.
const outDir = mkdtempSync(path.join(tmpdir(), "xlint-equivalence-"));
const entryFile = path.join(outDir, "check-equivalence.ts");
const bundle = path.join(outDir, "check-equivalence.mjs");
writeFileSync(entryFile, entry);
await build({
  entryPoints: [entryFile],
  outfile: bundle,
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  logLevel: "warning",
  // The reference copy may live outside this checkout: resolve chevrotain from here.
  nodePaths: [path.join(repoRoot, "node_modules")],
});
const run = spawnSync(process.execPath, ["--max-old-space-size=8192", bundle], { stdio: "inherit" });
rmSync(outDir, { recursive: true, force: true });
process.exit(run.status ?? 1);
