/**
 * Paired comparison of two policies. Replication r of every policy sees the same arrivals and
 * faults (common random numbers), so the per-replication difference cancels most of the noise
 * that two independent means would carry.
 *
 * @module
 */
import { meanCi } from "./summary.js";

/** Mean of the paired differences a − b with its 95% CI; n = pairs where both had a value. */
export interface PairedDiff {
  readonly n: number;
  readonly meanDiff: number | null;
  readonly ci95Low: number | null;
  readonly ci95High: number | null;
}

/**
 * Paired differences `a[r] − b[r]`, replication by replication. A replication where either
 * value is null (e.g. no failure episode, so no TTR) is left out of the pairing.
 *
 * @param a - values of policy a, indexed by replication.
 * @param b - values of policy b, indexed by replication (same length as `a`).
 */
export function pairedDiff(
  a: readonly (number | null)[],
  b: readonly (number | null)[],
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
  const { n, mean, ci95Low, ci95High } = meanCi(diffs);
  return { n, meanDiff: mean, ci95Low, ci95High };
}
