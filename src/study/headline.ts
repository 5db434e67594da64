/**
 * The headline metrics: the ones a policy choice rests on, printed in the terminal table, held
 * to `--precision`, checked by `--robustness` and stated in the report's conclusion. For each,
 * lower is better.
 *
 * @module
 */

/** Headline metric names (summary.csv `metric` values), in the order they are reported. */
export const HEADLINE_METRICS = [
  "lost",
  "duplicated",
  "ttr_service_mean_s",
  "unavailable_s",
  "split_brain_s",
] as const;

/** A headline metric name. */
export type HeadlineMetric = (typeof HEADLINE_METRICS)[number];
