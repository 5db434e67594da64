/**
 * Paired comparison of two policies. Replication r of every policy sees the same arrivals and
 * faults (common random numbers), so the per-replication difference cancels most of the noise
 * that two independent means would carry.
 *
 * @module
 */
import { meanCi } from "./summary.js";
import type { IntervalOptions } from "./interval.js";

/** Mean of the paired differences a − b with its confidence interval; n = pairs where both had a value. */
export interface PairedDiff {
  readonly n: number;
  readonly meanDiff: number | null;
  readonly ciLow: number | null;
  readonly ciHigh: number | null;
}

/**
 * Paired differences `a[r] − b[r]`, replication by replication. A replication where either
 * value is null (e.g. no failure episode, so no TTR) is left out of the pairing.
 *
 * @param a - values of policy a, indexed by replication.
 * @param b - values of policy b, indexed by replication (same length as `a`).
 * @param options - level and range; pass `differenceRange(metricRange(m))` as the range.
 */
export function pairedDiff(
  a: readonly (number | null)[],
  b: readonly (number | null)[],
  options: IntervalOptions = {},
): PairedDiff {
  if (a.length !== b.length) {
    throw new RangeError(
      `paired samples must have the same length, got ${a.length} and ${b.length}`,
    );
  }
  const diffs: number[] = [];
  for (let r = 0; r < a.length; r++) {
    const x = a[r];
    const y = b[r];
    if (typeof x === "number" && typeof y === "number" && !Number.isNaN(x) && !Number.isNaN(y))
      diffs.push(x - y);
  }
  const { n, mean, ciLow, ciHigh } = meanCi(diffs, options);
  return { n, meanDiff: mean, ciLow, ciHigh };
}
