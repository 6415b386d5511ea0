import { defineConfig } from "vitest/config";

// The VS Code extension's end-to-end test (packages/vscode-ext/e2e): a real VS Code (code-server)
// driven in chromium. Run it with `npx vitest run -c vitest.e2e.config.ts`; the normal config
// (vitest.config.ts) only includes packages/*/test and never picks these files up.
export default defineConfig({
  test: {
    include: ["packages/vscode-ext/e2e/**/*.e2e.test.ts"],
    // One workbench at a time: it is a browser plus a VS Code server on two cores.
    maxWorkers: 1,
    fileParallelism: false,
    // The first run installs code-server (about 90 s) before the workbench starts.
    hookTimeout: 600_000,
    testTimeout: 120_000,
    reporters: ["default", "json"],
    outputFile: { json: ".cache/e2e/vitest-results.json" },
  },
});
