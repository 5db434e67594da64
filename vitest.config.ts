import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Simulation tests are CPU-bound; two cores here, so keep forks bounded.
    pool: "forks",
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
