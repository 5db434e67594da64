import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    setupFiles: ["test/setup.ts"],
    // Simulation tests are CPU-bound; forks (some tests change the working directory).
    pool: "forks",
    // One worker per core: vitest's default leaves one core idle (one worker on two cores), and
    // the main process only waits while the tests run.
    maxWorkers: availableParallelism(),
    // A worker runs file after file with the modules it has already loaded: most files import
    // the same model, scenario and CLI modules, and loading them again per file cost more than
    // many of the files' tests. The tests restore what they change (cwd, env stubs).
    isolate: false,
    unstubEnvs: true,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
