/**
 * `summary.csv` (tidy): one row per policy × metric with mean, Student-t 95% CI, p50, p95,
 * max and n. For sweeps, the varied parameters come first as extra columns.
 *
 * @module
 */
import { summarize } from "../stats/summary.js";
import { METRIC_COLUMNS } from "./columns.js";
import { toCsv, type Cell } from "./format.js";
import type { PolicyRuns } from "./groups.js";

/** The columns after the scenario's and policy's. */
export const SUMMARY_STAT_COLUMNS = [
  "metric",
  "mean",
  "ci95_low",
  "ci95_high",
  "p50",
  "p95",
  "max",
  "n",
] as const;

/**
 * Renders summary.csv.
 *
 * @param groups - runs per policy (and per sweep point), in output order.
 * @param paramNames - the varied parameter paths of a sweep (each group's `point` gives values).
 */
export function summaryCsv(
  groups: readonly PolicyRuns[],
  paramNames: readonly string[] = [],
): string {
  const header = [...paramNames, "scenario", "policy", ...SUMMARY_STAT_COLUMNS];
  const rows: Cell[][] = [];
  for (const g of groups) {
    for (const col of METRIC_COLUMNS) {
      const s = summarize(g.metrics.map(col.get));
      rows.push([
        ...(g.point ?? []),
        g.scenario,
        g.policy,
        col.name,
        s.mean,
        s.ci95Low,
        s.ci95High,
        s.p50,
        s.p95,
        s.max,
        s.n,
      ]);
    }
  }
  return toCsv(header, rows);
}
