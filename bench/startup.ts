/**
 * Item (d) of `npm run bench`: start-up. The CPU time (user + system) of `hasim --version` and
 * of a one-second scenario (`hasim run scenarios/baseline.yaml --horizon 1s --replications 1`,
 * its three policies, results written to a temporary folder), each against `node -e 0`, the
 * bare runtime, measured in turn pair by pair (bench/process-time.ts).
 *
 * @module
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CLI, scenarioPath } from "./hasim-cli.js";
import { pairedCpu, type Command, type Paired } from "./process-time.js";

/** Item (d)'s two figures. */
export interface Startup {
  readonly version: Paired;
  readonly oneSecond: Paired;
}

const BARE: Command = { cmd: process.execPath, args: () => ["-e", "0"] };

/** Measures item (d) with `pairs` pairs each (after one warm-up of each side). */
export function measureStartup(pairs: number): Startup {
  const version = pairedCpu({ cmd: process.execPath, args: () => [CLI, "--version"] }, BARE, pairs);
  const dir = mkdtempSync(join(tmpdir(), "hasim-startup-"));
  let k = 0;
  try {
    const run: Command = {
      cmd: process.execPath,
      // A new output folder each time: hasim refuses to mix two experiments in one.
      args: () => [
        ...[CLI, "run", scenarioPath("baseline.yaml"), "--horizon", "1s", "--replications", "1"],
        ...["--out", join(dir, `out${k++}`), "-q"],
      ],
    };
    const oneSecond = pairedCpu(run, BARE, pairs);
    return { version, oneSecond };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
