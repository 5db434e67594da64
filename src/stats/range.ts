/**
 * The range a metric's values can take, so that no interval claims what cannot happen: counts
 * and durations are ≥ 0, shares lie in [0, 1], and a paired difference of a metric lies within
 * ± the width of the metric's range.
 *
 * @module
 */

/** Closed range of possible values; ±Infinity for an open end. */
export interface MetricRange {
  readonly min: number;
  readonly max: number;
}

/** Counts, durations, spool sizes: ≥ 0. */
export const NON_NEGATIVE: MetricRange = { min: 0, max: Number.POSITIVE_INFINITY };
/** Shares and probabilities: [0, 1]. */
export const SHARE: MetricRange = { min: 0, max: 1 };
/** No bound (differences of unbounded metrics). */
export const UNBOUNDED: MetricRange = {
  min: Number.NEGATIVE_INFINITY,
  max: Number.POSITIVE_INFINITY,
};

/**
 * The range of a hasim metric from its name: names ending in `_share` or `_fraction` are shares
 * in [0, 1]; every other metric hasim writes (counts, `_s` durations, spool sizes) is ≥ 0.
 */
export function metricRange(name: string): MetricRange {
  return /(_share|_fraction|^share|^fraction)$/.test(name) ? SHARE : NON_NEGATIVE;
}

/** The range of `a − b` when a and b both lie in `r`: [min − max, max − min]. */
export function differenceRange(r: MetricRange): MetricRange {
  return { min: r.min - r.max, max: r.max - r.min };
}

/** `x` clamped into `r`. */
export function clampTo(x: number, r: MetricRange): number {
  return Math.min(r.max, Math.max(r.min, x));
}
