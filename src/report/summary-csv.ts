/**
 * `summary.csv` (tidy): one row per policy × metric with mean, its confidence interval (BCa
 * bootstrap, kept inside the metric's range; columns `ci95_low`/`ci95_high`, or `ci90_…` at
 * another `--confidence`), p50, p95, max and n. For sweeps, the varied parameters come first.
 *
 * @module
 */
import { DEFAULT_CONFIDENCE, levelPercent } from "../stats/interval.js";
import { metricRange } from "../stats/range.js";
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

/** `ci95` for 0.95, `ci90` for 0.9, `ci99.5` for 0.995: the prefix of the interval columns. */
export function ciPrefix(confidence: number = DEFAULT_CONFIDENCE): string {
  return `ci${levelPercent(confidence).slice(0, -1)}`;
}

/**
 * Renders summary.csv.
 *
 * @param groups - runs per policy (and per sweep point), in output order.
 * @param paramNames - the varied parameter paths of a sweep (each group's `point` gives values).
 * @param confidence - the interval's level, default 0.95.
 */
export function summaryCsv(
  groups: readonly PolicyRuns[],
  paramNames: readonly string[] = [],
  confidence: number = DEFAULT_CONFIDENCE,
): string {
  const ci = ciPrefix(confidence);
  const stats = SUMMARY_STAT_COLUMNS.map((c) => c.replace(/^ci95/, ci));
  const header = [...paramNames, "scenario", "policy", ...stats];
  const rows: Cell[][] = [];
  for (const g of groups) {
    for (const col of METRIC_COLUMNS) {
      const s = summarize(g.metrics.map(col.get), { confidence, range: metricRange(col.name) });
      rows.push([
        ...(g.point ?? []),
        g.scenario,
        g.policy,
        col.name,
        s.mean,
        s.ciLow,
        s.ciHigh,
        s.p50,
        s.p95,
        s.max,
        s.n,
      ]);
    }
  }
  return toCsv(header, rows);
}
