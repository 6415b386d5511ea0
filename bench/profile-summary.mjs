// Summarises a V8 .cpuprofile (from `npm run bench -- --profile …`): self
// time per function and per source file, so the split between chevrotain,
// our parser modules and the garbage collector is visible without DevTools.
// Source maps are not applied; bundle functions keep their names (the bundle
// is not minified) and esbuild's `// path` comments mark each module, so the
// file column is recovered by mapping bundle lines back to those markers.
//
//   node bench/profile-summary.mjs [profile.cpuprofile] [--top N]
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const topIndex = args.indexOf("--top");
const top = topIndex >= 0 ? Number(args[topIndex + 1]) : 30;
const positional = args.filter((a, i) => !a.startsWith("--") && args[i - 1] !== "--top");

function newestProfile() {
  const dir = path.join(here, "out", "profiles");
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".cpuprofile"))
    .map((f) => path.join(dir, f))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  if (files.length === 0) throw new Error(`no .cpuprofile in ${dir}`);
  return files[0];
}

const file = positional[0] ?? newestProfile();
const profile = JSON.parse(readFileSync(file, "utf8"));

// esbuild writes `// packages/parser/src/lex.ts` before each module's code:
// remember on which bundle line each module starts.
const bundlePath = path.join(here, "out", "bench.mjs");
const moduleStarts = [];
readFileSync(bundlePath, "utf8")
  .split("\n")
  .forEach((line, i) => {
    const m = /^\/\/ (\S+\.(?:[cm]?js|ts))$/.exec(line);
    // Paths are relative to the working directory and may leave it (symlinked node_modules).
    if (m) moduleStarts.push({ line: i, module: m[1].replace(/^.*?node_modules\//, "node_modules/").replace(/^(\.\.\/)+/, "") });
  });

function moduleOf(callFrame) {
  if (!callFrame.url) return callFrame.functionName.startsWith("(") ? callFrame.functionName : "(native)";
  if (!callFrame.url.endsWith("bench.mjs")) return callFrame.url.replace(/^file:\/\//, "");
  let found = "bench.mjs";
  for (const start of moduleStarts) {
    if (start.line > callFrame.lineNumber) break;
    found = start.module;
  }
  return found.replace(/^node_modules\/chevrotain\/lib\/src\//, "chevrotain/").replace(/^node_modules\//, "");
}

// Self time per node: samples × their time deltas.
const selfMicros = new Map();
profile.samples.forEach((id, i) => {
  selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
});

const byFunction = new Map();
const byModule = new Map();
let total = 0;
for (const node of profile.nodes) {
  const us = selfMicros.get(node.id) ?? 0;
  if (us === 0) continue;
  total += us;
  const mod = moduleOf(node.callFrame);
  const fnKey = `${node.callFrame.functionName || "(anonymous)"}  [${mod}:${node.callFrame.lineNumber + 1}]`;
  byFunction.set(fnKey, (byFunction.get(fnKey) ?? 0) + us);
  const group = mod.startsWith("chevrotain/") ? `chevrotain (${mod.split("/").slice(1, 3).join("/")})` : mod;
  byModule.set(group, (byModule.get(group) ?? 0) + us);
}

function print(title, map, limit) {
  console.log(`\n${title}`);
  [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .forEach(([name, us]) => console.log(`${(us / 1000).toFixed(0).padStart(8)} ms ${((100 * us) / total).toFixed(1).padStart(5)} %  ${name}`));
}

console.log(`${path.relative(process.cwd(), file)}: ${(total / 1000).toFixed(0)} ms sampled`);
print("self time by module", byModule, 25);
print(`self time by function (top ${top})`, byFunction, top);
