/**
 * Summary statistics of one metric over replications: mean with a confidence interval (BCa
 * bootstrap, see interval.ts), median, 95th percentile, maximum.
 *
 * @module
 */
import { meanInterval, type IntervalOptions } from "./interval.js";
import { quantileSorted } from "./quantile.js";

/** The summary of a sample; every statistic is null when it cannot be computed. */
export interface Summary {
  /** Number of non-null values (fewer than the replications for a conditional mean, e.g. TTR). */
  readonly n: number;
  readonly mean: number | null;
  /** Confidence interval of the mean at the requested level; null when n < 2. */
  readonly ciLow: number | null;
  readonly ciHigh: number | null;
  readonly p50: number | null;
  readonly p95: number | null;
  readonly max: number | null;
}

/** Keeps the finite numbers of a sample, in order (null, undefined and NaN are "no value"). */
export function presentValues(values: readonly (number | null | undefined)[]): number[] {
  const out: number[] = [];
  for (const v of values) if (typeof v === "number" && !Number.isNaN(v)) out.push(v);
  return out;
}

/**
 * Mean and confidence interval of the mean (see {@link meanInterval}). Values are summed in the
 * order given, so the result is reproducible bit for bit.
 */
export function meanCi(
  values: readonly number[],
  options: IntervalOptions = {},
): Pick<Summary, "n" | "mean" | "ciLow" | "ciHigh"> {
  const { n, mean, low, high } = meanInterval(values, options);
  return { n, mean, ciLow: low, ciHigh: high };
}

/**
 * Summarizes a sample. Null (and NaN) values are skipped: a TTR of a run without a failure
 * episode is not a zero, it is absent, and `n` says how many runs had one.
 */
export function summarize(
  values: readonly (number | null | undefined)[],
  options: IntervalOptions = {},
): Summary {
  const present = presentValues(values);
  const sorted = [...present].sort((a, b) => a - b);
  return {
    ...meanCi(present, options),
    p50: quantileSorted(sorted, 0.5),
    p95: quantileSorted(sorted, 0.95),
    max: sorted.length === 0 ? null : sorted[sorted.length - 1]!,
  };
}
