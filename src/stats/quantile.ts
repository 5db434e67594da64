/**
 * Sample quantiles.
 *
 * @module
 */

/**
 * The `p`-quantile of an ascending-sorted sample, by linear interpolation between order
 * statistics (Hyndman & Fan type 7, the default of R and NumPy): `p = 0` is the minimum,
 * `p = 1` the maximum.
 *
 * @param sorted - values in ascending order (not checked, to keep repeated calls cheap).
 * @param p - the probability, in [0, 1].
 * @returns the quantile, or null for an empty sample.
 */
export function quantileSorted(sorted: readonly number[], p: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  if (!(p >= 0 && p <= 1)) throw new RangeError(`quantile probability must be in [0, 1], got ${p}`);
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  const a = sorted[lo]!;
  const b = sorted[hi]!;
  // `a + (h - lo) * (b - a)` is exact when a === b, so a constant sample gives its value back.
  return a + (h - lo) * (b - a);
}

/**
 * The `p`-quantile of an unsorted sample (see {@link quantileSorted}).
 *
 * @returns the quantile, or null for an empty sample.
 */
export function quantile(values: readonly number[], p: number): number | null {
  return quantileSorted(
    [...values].sort((x, y) => x - y),
    p,
  );
}
