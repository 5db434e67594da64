/**
 * Runs replications in parallel on worker_threads and merges the results in task order, so
 * the output does not depend on `--jobs` or on which worker finished first.
 *
 * Workers are used only from the build: the pool starts `worker.js` found next to this file
 * (`dist/src/cli/worker.js`). When that file does not exist — under vitest, which runs the
 * TypeScript sources and whose workers could not load `.ts` — or when one thread will do and the
 * work is short (plan.ts decides), the tasks run in-process, one after another. Both paths call the same deterministic
 * `runReplication` on the same scenario data, so they give the same results; the CLI tests that
 * spawn the built binary check that `--jobs 1` and `--jobs 2` give byte-identical files.
 *
 * @module
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { Policy } from "../config/scenario.js";
import { runReplication } from "../run/replication.js";
import type { RunResult } from "../sim/result.js";
import type { Runner } from "./context.js";
import type { LoadedScenario } from "./load.js";
import type { WorkerReply, WorkerRequest, WorkerSetup } from "./worker.js";

/** One replication to run: which scenario (index into the groups), policy, replication, trace. */
export interface RunTask {
  readonly group: number;
  readonly policy: Policy;
  readonly replication: number;
  readonly trace: boolean;
}

export interface PoolOptions {
  /** Upper bound on worker threads. */
  readonly jobs: number;
  /** Use a worker thread even when one thread will do (long work; see plan.ts). */
  readonly isolate?: boolean;
  /** Called after each finished task (progress bar). */
  readonly onDone?: () => void;
  /** Runs in-process with this runner instead of the model (tests). */
  readonly runner?: Runner | undefined;
}

/** The compiled worker next to this module, if there is one (only in the build). */
function workerFile(): string | null {
  const path = fileURLToPath(new URL("./worker.js", import.meta.url));
  return existsSync(path) ? path : null;
}

/**
 * Runs every task and returns the results in task order.
 *
 * @param groups - the scenarios the tasks refer to (a run has one; a sweep one per grid point).
 */
export async function runTasks(
  groups: readonly LoadedScenario[],
  tasks: readonly RunTask[],
  options: PoolOptions,
): Promise<RunResult[]> {
  const file = workerFile();
  const threads = Math.min(options.jobs, tasks.length);
  if (options.runner !== undefined || file === null || (threads <= 1 && options.isolate !== true)) {
    return runInProcess(groups, tasks, options.runner ?? runReplication, options.onDone);
  }
  return runOnWorkers(file, threads, groups, tasks, options.onDone);
}

async function runInProcess(
  groups: readonly LoadedScenario[],
  tasks: readonly RunTask[],
  runner: Runner,
  onDone?: () => void,
): Promise<RunResult[]> {
  const results: RunResult[] = [];
  for (const t of tasks) {
    const g = groups[t.group]!;
    results.push(runner(g.scenario, t.policy, t.replication, { trace: t.trace }));
    onDone?.();
    // Let the progress bar draw and Ctrl-C be handled between replications.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return results;
}

function runOnWorkers(
  file: string,
  threads: number,
  groups: readonly LoadedScenario[],
  tasks: readonly RunTask[],
  onDone?: () => void,
): Promise<RunResult[]> {
  // Workers get the plain scenario data and qualify it themselves: a qualified scenario holds
  // compiled distributions, which do not survive structured cloning.
  const setup: WorkerSetup = { groups: groups.map((g) => ({ raw: g.raw, file: g.file })) };
  const results = new Array<RunResult | undefined>(tasks.length);
  const workers: Worker[] = [];
  // terminate() makes a worker exit with code 1; only other exits are failures.
  const retired = new Set<Worker>();
  const retire = (w: Worker): void => {
    retired.add(w);
    void w.terminate();
  };
  let next = 0;
  let finished = 0;
  return new Promise<RunResult[]>((resolve, reject) => {
    let failed = false;
    const fail = (err: Error): void => {
      if (failed) return;
      failed = true;
      for (const w of workers) retire(w);
      reject(err);
    };
    const feed = (w: Worker): void => {
      if (next >= tasks.length) {
        retire(w);
        return;
      }
      const index = next++;
      const request: WorkerRequest = { index, task: tasks[index]! };
      w.postMessage(request);
    };
    for (let i = 0; i < threads; i++) {
      const w = new Worker(file, { workerData: setup });
      workers.push(w);
      w.on("message", (reply: WorkerReply) => {
        if (failed) return;
        if ("error" in reply) {
          const err = new Error(reply.error);
          if (reply.stack !== undefined) err.stack = reply.stack;
          fail(err);
          return;
        }
        results[reply.index] = reply.result;
        onDone?.();
        if (++finished === tasks.length) {
          for (const x of workers) retire(x);
          resolve(results as RunResult[]);
        } else {
          feed(w);
        }
      });
      w.on("error", fail);
      w.on("exit", (code) => {
        if (!failed && !retired.has(w))
          fail(new Error(`worker stopped early with exit code ${code}`));
      });
      feed(w);
    }
  });
}
