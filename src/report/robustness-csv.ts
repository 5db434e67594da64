/**
 * `robustness.csv` (tidy): for each headline metric, each pair of policies and each assumption
 * variant (the baseline first), the paired difference `policy_a − policy_b` with its interval
 * and the verdict it supports (`lower`, `higher`, `identical`, `not-significant`). Written by
 * `hasim run --robustness`; the report reads it back for its conclusion.
 *
 * @module
 */
import type { Verdict } from "../stats/verdict.js";
import { toCsv } from "./format.js";
import { ciPrefix } from "./summary-csv.js";

/** The `assumption` of the baseline rows. */
export const BASELINE = "(baseline)";

/** One row of robustness.csv: a metric, a policy pair, a variant, the paired difference a − b. */
export interface RobustnessRow {
  readonly metric: string;
  readonly policyA: string;
  readonly policyB: string;
  /** The assumption path, or {@link BASELINE}. */
  readonly assumption: string;
  /** The assumption's value in this variant (`--set` text); the baseline's is empty. */
  readonly value: string;
  readonly meanDiff: number | null;
  readonly ciLow: number | null;
  readonly ciHigh: number | null;
  readonly n: number;
  readonly verdict: Verdict;
}

/** The header of robustness.csv at a confidence level. */
export function robustnessHeader(confidence?: number): string[] {
  const ci = ciPrefix(confidence);
  return [
    "metric",
    "policy_a",
    "policy_b",
    "assumption",
    "value",
    "mean_diff",
    `${ci}_low`,
    `${ci}_high`,
    "n",
    "verdict",
  ];
}

/** Renders robustness.csv. */
export function robustnessCsv(rows: readonly RobustnessRow[], confidence?: number): string {
  return toCsv(
    robustnessHeader(confidence),
    rows.map((r) => [
      r.metric,
      r.policyA,
      r.policyB,
      r.assumption,
      r.value,
      r.meanDiff,
      r.ciLow,
      r.ciHigh,
      r.n,
      r.verdict,
    ]),
  );
}
