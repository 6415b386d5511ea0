#!/usr/bin/env node
// Launcher linked by npm as the `xlint` bin; the program is the esbuild bundle
// in ../dist. Start-up time matters (pre-commit runs xlint on every commit), so
// the bundle is compiled with V8's code cache, written by the build next to
// it: V8 then skips parsing and compiling most of the 700 KB. A cache made by
// another Node.js version is rejected by V8, which then just compiles as usual.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");
const Module = require("node:module");

// V8 lets the heap grow well past what is alive before it collects; a run over
// 100,000 configs then holds several times its live data. A smaller growth step
// keeps peak memory near what the run really holds, at no measurable cost in
// time (bench/RESULTS.md). Set before anything is compiled: V8's code cache
// records the flags it was made under, and the build makes it through here too.
require("node:v8").setFlagsFromString("--heap-growing-percent=10");

const bundle = path.join(__dirname, "..", "dist", "xlint.cjs");
const cacheFile = `${bundle}.cache`;
let source;
try {
  source = fs.readFileSync(bundle, "utf8");
} catch {
  process.stderr.write("xlint: not built yet; run `npm run build` in the repository root\n");
  process.exit(2);
}
let cachedData;
try {
  cachedData = fs.readFileSync(cacheFile);
} catch {
  cachedData = undefined; // no cache: compile normally
}
// importModuleDynamically: should a dynamic import() ever reach the bundle (the build refuses one), it
// then loads as in any CommonJS file instead of failing with "A dynamic import callback was not specified".
const script = new vm.Script(Module.wrap(source), { filename: bundle, cachedData, importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER });
const main = new Module(bundle, module);
main.filename = bundle;
main.paths = Module._nodeModulePaths(path.dirname(bundle));
if (process.env.XLINT_DEBUG_CODE_CACHE === "1") process.stderr.write(`xlint: code cache ${cachedData === undefined ? "absent" : script.cachedDataRejected ? "rejected" : "used"}\n`);
const compiled = script.runInThisContext();
// The build sets XLINT_WRITE_CODE_CACHE after one representative run, so the
// cache also holds the functions that run compiled lazily.
if (process.env.XLINT_WRITE_CODE_CACHE === "1") {
  process.on("exit", () => fs.writeFileSync(cacheFile, script.createCachedData()));
}
compiled.call(main.exports, main.exports, (id) => main.require(id), main, bundle, path.dirname(bundle));
