/**
 * A child process of the benchmarks: runs the built CLI's `main(argv)` in this process, with its
 * output discarded, and prints one JSON line: the exit code and the CPU time of the whole process.
 *
 * Why not spawn `dist/src/cli/main.js` directly: a parent cannot read a child's CPU time in Node,
 * and the CPU time says whether a `--jobs N` run had N cores to itself (process.cpuUsage() counts
 * every thread, so the pool's workers too). The work is the same: `main` is what the `hasim`
 * binary calls.
 *
 * Usage: node dist/bench/cli-child.js run scenarios/year-of-faults.yaml --jobs 2 ...
 *
 * @module
 */
import { main } from "../src/cli/main.js";

const c0 = process.cpuUsage();
const discard = (): void => undefined;
const quiet = { stdout: discard, stderr: discard, stderrIsTty: false };
const code = await main(process.argv.slice(2), quiet);
const c = process.cpuUsage(c0);
console.log(
  JSON.stringify({
    code,
    cpuSec: (c.user + c.system) / 1e6,
    sinceStartSec: performance.now() / 1e3,
  }),
);
