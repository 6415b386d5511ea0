import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["packages/*/test/**/*.test.ts"],
    // The oracle requirement (XLINT_REQUIRE_ORACLE=1) and the guard on the shared corpus.
    // The language server's bundle, built once for the harness tests and the real editors.
    globalSetup: ["packages/parser/test/global-setup.ts", "packages/lsp/test/global-setup.ts"],
    // The oracle tests spawn processes; two cores are all we have.
    maxWorkers: 2,
    testTimeout: 60_000,
    reporters: ["default", "json"],
    outputFile: { json: ".cache/vitest-results.json" },
  },
});
