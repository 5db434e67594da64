/**
 * The unit the summary reports work on: the runs of one policy (at one sweep point), indexed
 * by replication so that policies can be paired replication by replication.
 *
 * @module
 */
import type { RunMetrics, RunResult } from "../sim/result.js";

/** The runs of one policy of one scenario (one sweep point), in replication order. */
export interface PolicyRuns {
  readonly scenario: string;
  readonly policy: string;
  /** metrics[r] is replication r. */
  readonly metrics: readonly RunMetrics[];
  /** Values of the varied parameters at this sweep point, in the order of the sweep's paths. */
  readonly point?: readonly string[];
}

/**
 * Groups results by policy, in the given policy order, each group in replication order.
 *
 * @param point - the sweep point these results belong to, if any.
 */
export function groupByPolicy(
  results: readonly RunResult[],
  policies: readonly string[],
  point?: readonly string[],
): PolicyRuns[] {
  return policies.map((policy) => {
    const runs = results
      .filter((r) => r.policy === policy)
      .sort((a, b) => a.replication - b.replication);
    const scenario = runs[0]?.scenario ?? "";
    const group: PolicyRuns = { scenario, policy, metrics: runs.map((r) => r.metrics) };
    return point === undefined ? group : { ...group, point };
  });
}
