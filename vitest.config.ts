import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    setupFiles: ["test/setup.ts"],
    // Simulation tests are CPU-bound; forks (some tests change the working directory).
    pool: "forks",
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
