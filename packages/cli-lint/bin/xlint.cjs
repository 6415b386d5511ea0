#!/usr/bin/env node
// Launcher linked by npm as the `xlint` bin; the real program is the esbuild bundle.
const path = require("node:path");
const fs = require("node:fs");
const bundle = path.join(__dirname, "..", "dist", "xlint.cjs");
if (!fs.existsSync(bundle)) {
  process.stderr.write("xlint: not built yet; run `npm run build` in the repository root\n");
  process.exit(2);
}
require(bundle);
