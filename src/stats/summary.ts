/**
 * Summary statistics of one metric over replications: mean with a Student-t 95% confidence
 * interval, median, 95th percentile, maximum.
 *
 * @module
 */
import { quantileSorted } from "./quantile.js";
import { studentTQuantile } from "./student-t.js";

/** The summary of a sample; every statistic is null when it cannot be computed. */
export interface Summary {
  /** Number of non-null values. */
  readonly n: number;
  readonly mean: number | null;
  /** 95% CI of the mean (Student t, n − 1 df); null when n < 2. */
  readonly ci95Low: number | null;
  readonly ci95High: number | null;
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
 * Mean and 95% confidence interval of the mean, using the exact t quantile for n − 1 degrees
 * of freedom. Values are summed in the order given, so the result is reproducible bit for bit.
 */
export function meanCi(
  values: readonly number[],
): Pick<Summary, "n" | "mean" | "ci95Low" | "ci95High"> {
  const n = values.length;
  if (n === 0) return { n, mean: null, ci95Low: null, ci95High: null };
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / n;
  if (n < 2) return { n, mean, ci95Low: null, ci95High: null };
  let ss = 0;
  for (const v of values) ss += (v - mean) * (v - mean);
  const half = (studentTQuantile(0.975, n - 1) * Math.sqrt(ss / (n - 1))) / Math.sqrt(n);
  return { n, mean, ci95Low: mean - half, ci95High: mean + half };
}

/**
 * Summarizes a sample. Null (and NaN) values are skipped: a TTR of a run without a failure
 * episode is not a zero, it is absent, and `n` says how many runs had one.
 */
export function summarize(values: readonly (number | null | undefined)[]): Summary {
  const present = presentValues(values);
  const sorted = [...present].sort((a, b) => a - b);
  return {
    ...meanCi(present),
    p50: quantileSorted(sorted, 0.5),
    p95: quantileSorted(sorted, 0.95),
    max: sorted.length === 0 ? null : sorted[sorted.length - 1]!,
  };
}
