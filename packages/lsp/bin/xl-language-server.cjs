#!/usr/bin/env node
// Launcher npm links as `xl-language-server`; the server is the esbuild bundle in ../dist.
// Usage: xl-language-server --stdio | --node-ipc
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const bundle = path.join(__dirname, "..", "dist", "xl-language-server.cjs");
if (!fs.existsSync(bundle)) {
  process.stderr.write("xl-language-server: not built yet; run `npm run build` in the repository root\n");
  process.exit(2);
}
require(bundle);
