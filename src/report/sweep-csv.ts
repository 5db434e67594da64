/**
 * `sweep.csv`: one row per grid point × policy, the varied parameters first, then the policy,
 * then for each metric its mean and 95% CI (BCa bootstrap, inside the metric's range). There is no scenario column: readers (the charts)
 * take every column before `policy` as a varied parameter, and the scenario is in meta.json.
 *
 * @module
 */
import { metricRange } from "../stats/range.js";
import { meanCi, presentValues } from "../stats/summary.js";
import { METRIC_COLUMNS } from "./columns.js";
import { toCsv, type Cell } from "./format.js";
import type { PolicyRuns } from "./groups.js";

/** The header of sweep.csv for the given varied parameter paths. */
export function sweepHeader(paramNames: readonly string[]): string[] {
  const metricCols = METRIC_COLUMNS.flatMap((c) => [
    `${c.name}_mean`,
    `${c.name}_ci95_low`,
    `${c.name}_ci95_high`,
  ]);
  return [...paramNames, "policy", ...metricCols];
}

/**
 * Renders sweep.csv.
 *
 * @param paramNames - the varied paths, in the order given on the command line.
 * @param groups - runs per (point, policy), in grid order then policy order; each has `point`.
 */
export function sweepCsv(paramNames: readonly string[], groups: readonly PolicyRuns[]): string {
  const rows = groups.map((g): Cell[] => {
    const stats = METRIC_COLUMNS.flatMap((c) => {
      const s = meanCi(presentValues(g.metrics.map(c.get)), { range: metricRange(c.name) });
      return [s.mean, s.ciLow, s.ciHigh];
    });
    return [...(g.point ?? []), g.policy, ...stats];
  });
  return toCsv(sweepHeader(paramNames), rows);
}
