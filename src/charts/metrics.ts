/**
 * The metrics the comparison and sweep charts show, with the words and units a reader needs.
 *
 * Metric names are the `metric` values of summary.csv / compare.csv (RunMetrics field names).
 * Durations are stored in seconds; a chart shows them in the one unit (s, min, h, d) that suits
 * the largest value on it.
 *
 * @module
 */
import { US_PER_S } from "../kernel/time.js";
import { durationUnitFor, round6, type TimeUnit } from "./time-scale.js";

/** A charted metric. */
export interface ChartedMetric {
  readonly name: string;
  /** What it is, for the panel title. */
  readonly title: string;
  /** `count`: mails; `seconds`: a duration in s, rescaled per chart. */
  readonly kind: "count" | "seconds";
}

/** The metrics of the policy-comparison and sweep charts, in panel order. */
export const CHARTED_METRICS: readonly ChartedMetric[] = [
  { name: "lost", title: "mail lost", kind: "count" },
  { name: "duplicated", title: "duplicate deliveries", kind: "count" },
  { name: "ttr_service_mean_s", title: "time to restore service", kind: "seconds" },
  { name: "ttr_redundancy_mean_s", title: "time to restore redundancy", kind: "seconds" },
  { name: "unavailable_s", title: "time unavailable", kind: "seconds" },
  { name: "split_brain_s", title: "time in split brain", kind: "seconds" },
];

/** How a metric's values are shown on one chart: a divisor and the unit for the axis title. */
export interface MetricScale {
  readonly unitLabel: string;
  readonly scale: (v: number | null) => number | null;
}

/** The display scale for `metric` given every value that will be drawn on its axis. */
export function metricScale(
  metric: ChartedMetric,
  values: readonly (number | null)[],
): MetricScale {
  if (metric.kind === "count")
    return { unitLabel: "mails", scale: (v) => (v === null ? null : round6(v)) };
  let max = 0;
  for (const v of values) if (v !== null && Math.abs(v) > max) max = Math.abs(v);
  const unit: TimeUnit = durationUnitFor(max * US_PER_S);
  const perUnit = unit.us / US_PER_S;
  return { unitLabel: unit.name, scale: (v) => (v === null ? null : round6(v / perUnit)) };
}

/** `time to restore service (h)`: the metric's title with its unit. */
export function axisTitle(metric: ChartedMetric, s: MetricScale): string {
  return `${metric.title} (${s.unitLabel})`;
}

/**
 * The value scale of a metric axis: from zero, as counts and durations are; when every value is
 * 0 (no mail lost anywhere), a 0–1 domain (−1–1 for `signed` differences), since vega would
 * otherwise draw a one-tick axis.
 */
export function valueScale(
  scaledValues: readonly (number | null)[],
  signed = false,
): { zero: true; domain?: [number, number] } {
  if (scaledValues.some((v) => v !== null && v !== 0)) return { zero: true };
  // A difference axis keeps its zero line in the middle.
  return { zero: true, domain: signed ? [-1, 1] : [0, 1] };
}
