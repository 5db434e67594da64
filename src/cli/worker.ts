/**
 * A worker thread of the run pool (see pool.ts): qualifies each scenario it is given once, then
 * runs the replications it is sent, one message per replication.
 *
 * @module
 */
import { parentPort, workerData } from "node:worker_threads";
import { qualifyScenario } from "../scenario/index.js";
import type { QualifiedScenario } from "../config/scenario.js";
import type { RunResult } from "../sim/result.js";
import { runReplication } from "../run/replication.js";
import type { RunTask } from "./pool.js";

/** Sent once, as workerData: the plain scenario data of every group. */
export interface WorkerSetup {
  readonly groups: readonly { readonly raw: unknown; readonly file: string }[];
}

/** One replication to run. */
export interface WorkerRequest {
  readonly index: number;
  readonly task: RunTask;
}

/** The result of a request, or why it failed. */
export type WorkerReply =
  | { readonly index: number; readonly result: RunResult }
  | { readonly index: number; readonly error: string; readonly stack?: string };

if (parentPort !== null) {
  const port = parentPort;
  const setup = workerData as WorkerSetup;
  const qualified = new Map<number, QualifiedScenario>();
  port.on("message", (req: WorkerRequest) => {
    try {
      const { task } = req;
      let scenario = qualified.get(task.group);
      if (scenario === undefined) {
        const g = setup.groups[task.group];
        if (g === undefined) throw new Error(`no scenario group ${task.group}`);
        scenario = qualifyScenario(g.raw, g.file);
        qualified.set(task.group, scenario);
      }
      const result = runReplication(scenario, task.policy, task.replication, { trace: task.trace });
      const reply: WorkerReply = { index: req.index, result };
      port.postMessage(reply);
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      const reply: WorkerReply =
        err.stack === undefined
          ? { index: req.index, error: err.message }
          : { index: req.index, error: err.message, stack: err.stack };
      port.postMessage(reply);
    }
  });
}
