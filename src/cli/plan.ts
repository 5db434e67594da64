/**
 * Before simulating: how many threads to use, whether to say how big the work is, and whether
 * to refuse it. Worker threads are used only when they pay: each starts its own copy of the
 * model (modules, JIT warm-up, about a second of CPU), so below {@link WORKERS_PAY_CPU_S} of
 * simulation one thread is faster, and `--jobs` is capped at the cores and the runs.
 *
 * @module
 */
import { availableParallelism, totalmem } from "node:os";
import type { QualifiedScenario } from "../config/scenario.js";
import { UserError } from "./errors.js";
import { estimateWork, peakBytes, wallSeconds, type WorkEstimate } from "./estimate.js";

/**
 * Estimated one-thread CPU seconds below which the runs stay in-process. Measured with whole
 * processes (results/README.md, "Before long work"): at 1 s of simulation two workers were
 * 1.4× slower than one thread; from about 3 s they are not slower.
 */
export const WORKERS_PAY_CPU_S = 3;
/** Estimated wall-clock time above which the work is refused without `--force`, seconds. */
export const MAX_WALL_S = 2 * 3600;
/** Estimated wall-clock time above which the size of the work is announced, seconds. */
export const ANNOUNCE_WALL_S = 60;
/**
 * Estimated one-thread CPU seconds above which even a single thread runs on a worker: the main
 * thread then stays free to answer Ctrl-C and SIGTERM at once, for less than 5% of the time.
 */
export const ISOLATE_CPU_S = 10;
/** Share of the machine's memory above which the work is refused without `--force`. */
const MAX_MEMORY_SHARE = 0.8;
/** More runs than this cannot be held at all (JavaScript arrays), `--force` or not. */
const MAX_RUNS = 2 ** 31 - 1;

/** The decision. */
export interface WorkPlan {
  readonly threads: number;
  /** Run on a worker even with one thread (long work: keeps the main thread responsive). */
  readonly isolate: boolean;
  readonly estimate: WorkEstimate;
  /** A line to print on stderr before starting, or null when the work is small. */
  readonly notice: string | null;
}

/** The machine the plan is for (tests pass their own). */
export interface Machine {
  readonly cores: number;
  readonly memoryBytes: number;
}

const THIS_MACHINE: Machine = { cores: availableParallelism(), memoryBytes: totalmem() };

function seconds(s: number): string {
  if (s < 90) return `${Math.ceil(s)} s`;
  if (s < 5400) return `${Math.round(s / 60)} min`;
  if (s < 48 * 3600) return `${(s / 3600).toFixed(1)} h`;
  return `${(s / 86400).toFixed(1)} days`;
}

function bytes(b: number): string {
  return b < 2 ** 30 ? `${Math.ceil(b / 2 ** 20)} MiB` : `${(b / 2 ** 30).toFixed(1)} GiB`;
}

function count(n: number): string {
  return n < 1e6 ? String(Math.round(n)) : n.toPrecision(2).replace("+", "");
}

/** `3 runs, 1e+6 mails, 2e+6 events: about 2 min on 1 thread, peak memory about 90 MiB`. */
export function describeWork(w: WorkEstimate, threads: number): string {
  return (
    `${count(w.runs)} runs, ${count(w.mails)} mails, ${count(w.events)} events: about ` +
    `${seconds(wallSeconds(w, threads))} on ${threads} thread${threads === 1 ? "" : "s"}, ` +
    `peak memory about ${bytes(peakBytes(w, threads))}`
  );
}

/**
 * Threads that pay for this work: at most `jobs`, the cores and the runs, and one for small
 * work. `HASIM_WORKERS=always` keeps `--jobs` (up to the cores) for small work too, so tests
 * can check that worker threads give the same bytes as one thread.
 */
export function threadsFor(w: WorkEstimate, jobs: number, machine: Machine = THIS_MACHINE): number {
  let threads = Math.max(1, Math.min(jobs, machine.cores, w.runs));
  if (w.cpuS < WORKERS_PAY_CPU_S && process.env.HASIM_WORKERS !== "always") return 1;
  const limit = machine.memoryBytes * MAX_MEMORY_SHARE;
  while (threads > 1 && peakBytes(w, threads) > limit) threads--;
  return threads;
}

/**
 * Plans the runs of these scenarios.
 *
 * @param jobs - `--jobs` as given (or the number of cores).
 * @param force - `--force`: run even above the limits.
 * @throws UserError when the work is over the limits and `force` is not set.
 */
export function planWork(
  scenarios: readonly QualifiedScenario[],
  jobs: number,
  force: boolean,
  machine: Machine = THIS_MACHINE,
): WorkPlan {
  const estimate = estimateWork(scenarios);
  const threads = threadsFor(estimate, jobs, machine);
  const what = describeWork(estimate, threads);
  if (estimate.runs > MAX_RUNS)
    throw new UserError(`hasim: expected at most ${MAX_RUNS} runs, got ${what}`);
  const tooLong = wallSeconds(estimate, threads) > MAX_WALL_S;
  const tooBig = peakBytes(estimate, threads) > machine.memoryBytes * MAX_MEMORY_SHARE;
  if ((tooLong || tooBig) && !force) {
    const limit = tooBig
      ? `more memory than this machine's ${bytes(machine.memoryBytes)} allows`
      : `more than ${seconds(MAX_WALL_S)}`;
    throw new UserError(
      `hasim: expected work that fits (${limit}), got ${what}; use fewer replications or a shorter horizon, or --force`,
    );
  }
  const big = tooLong || tooBig || wallSeconds(estimate, threads) > ANNOUNCE_WALL_S;
  const isolate = estimate.cpuS > ISOLATE_CPU_S;
  return { threads, isolate, estimate, notice: big ? `hasim: ${what}` : null };
}
