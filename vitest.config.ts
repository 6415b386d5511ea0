import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["packages/*/test/**/*.test.ts"],
    // The oracle tests spawn processes; two cores are all we have.
    maxWorkers: 2,
    testTimeout: 60_000,
    reporters: ["default", "json"],
    outputFile: { json: ".cache/vitest-results.json" },
  },
});
