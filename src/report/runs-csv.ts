/**
 * `runs.csv`: one row per policy × replication, the metrics of {@link RunMetrics} in field order.
 * The columns come from the column dictionary (`dictionary.ts`).
 *
 * @module
 */
import type { RunResult } from "../sim/result.js";
import { METRIC_COLUMNS } from "./columns.js";
import { headerOf } from "./dictionary.js";
import { toCsv, type Cell } from "./format.js";

/** The header of runs.csv. */
export const RUNS_HEADER: readonly string[] = headerOf("runs.csv");

/**
 * Renders runs.csv. Rows come out in the order given; the caller passes them merged in a fixed
 * order (policy order, then replication) so the file does not depend on scheduling.
 *
 * @param rootSeed - the scenario's root seed (the `root_seed` column; the `seed` label carries it
 *   too, as text).
 */
export function runsCsv(results: readonly RunResult[], rootSeed: number | null = null): string {
  const rows = results.map((r): Cell[] => [
    r.scenario,
    r.policy,
    r.replication,
    r.seed,
    rootSeed,
    ...METRIC_COLUMNS.map((c) => c.get(r.metrics)),
  ]);
  return toCsv(RUNS_HEADER, rows);
}
