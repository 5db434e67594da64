import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    setupFiles: ["test/setup.ts"],
    // Simulation tests are CPU-bound; threads start faster than forks.
    pool: "threads",
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
