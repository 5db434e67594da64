/**
 * `runs.csv`: one row per policy × replication, the metrics of {@link RunMetrics} in field order.
 *
 * @module
 */
import type { RunResult } from "../sim/result.js";
import { METRIC_COLUMNS } from "./columns.js";
import { toCsv, type Cell } from "./format.js";

/** The header of runs.csv. */
export const RUNS_HEADER: readonly string[] = [
  "scenario",
  "policy",
  "replication",
  "seed",
  ...METRIC_COLUMNS.map((c) => c.name),
];

/**
 * Renders runs.csv. Rows come out in the order given; the caller passes them merged in a fixed
 * order (policy order, then replication) so the file does not depend on scheduling.
 */
export function runsCsv(results: readonly RunResult[]): string {
  const rows = results.map((r): Cell[] => [
    r.scenario,
    r.policy,
    r.replication,
    r.seed,
    ...METRIC_COLUMNS.map((c) => c.get(r.metrics)),
  ]);
  return toCsv(RUNS_HEADER, rows);
}
