/**
 * `compare.csv`: paired differences between every two policies, per metric. With common random
 * numbers, replication r of policy a and of policy b saw the same mail and the same faults, so
 * `a − b` per replication isolates the effect of the policy.
 *
 * @module
 */
import { DEFAULT_CONFIDENCE } from "../stats/interval.js";
import { pairedDiff } from "../stats/paired.js";
import { differenceRange, metricRange } from "../stats/range.js";
import { METRIC_COLUMNS } from "./columns.js";
import { toCsv, type Cell } from "./format.js";
import type { PolicyRuns } from "./groups.js";
import { ciPrefix } from "./summary-csv.js";

/** The header of compare.csv. */
export const COMPARE_HEADER = [
  "scenario",
  "metric",
  "policy_a",
  "policy_b",
  "mean_diff",
  "ci95_low",
  "ci95_high",
  "n",
] as const;

/** Unordered pairs (i < j) of a list, in list order: [a,b,c] → ab, ac, bc. */
export function pairsOf<T>(items: readonly T[]): [T, T][] {
  const out: [T, T][] = [];
  for (let i = 0; i < items.length; i++)
    for (let j = i + 1; j < items.length; j++) out.push([items[i] as T, items[j] as T]);
  return out;
}

/**
 * Renders compare.csv: for each metric, for each pair of policies in the scenario's policy
 * order, the mean of `a − b` over replications with its confidence interval (BCa bootstrap of
 * the paired differences, within ± the metric's range) and the number of pairs.
 *
 * @param groups - one group per policy, in the scenario's policy order, same replications each.
 * @param confidence - the interval's level, default 0.95.
 */
export function compareCsv(
  groups: readonly PolicyRuns[],
  confidence: number = DEFAULT_CONFIDENCE,
): string {
  const options = (metric: string) => ({ confidence, range: differenceRange(metricRange(metric)) });
  const rows: Cell[][] = [];
  for (const col of METRIC_COLUMNS) {
    for (const [a, b] of pairsOf(groups)) {
      const d = pairedDiff(a.metrics.map(col.get), b.metrics.map(col.get), options(col.name));
      rows.push([a.scenario, col.name, a.policy, b.policy, d.meanDiff, d.ciLow, d.ciHigh, d.n]);
    }
  }
  const ci = ciPrefix(confidence);
  return toCsv(
    COMPARE_HEADER.map((c) => c.replace(/^ci95/, ci)),
    rows,
  );
}
