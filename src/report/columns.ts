/**
 * The metric columns of `runs.csv`, in {@link RunMetrics} field order, with the per-cause maps
 * flattened into `lost_<cause>` / `duplicated_<cause>` columns (snake_case).
 *
 * @module
 */
import {
  DUPLICATE_CAUSES,
  GIVE_UP_CAUSES,
  type GiveUpCause,
  LOST_CAUSES,
  type DuplicateCause,
  type LostCause,
  type RunMetrics,
} from "../sim/result.js";
import { snakeCause } from "./dictionary.js";

type ScalarMetric = Exclude<
  keyof RunMetrics,
  "lost_by_cause" | "duplicated_by_cause" | "given_up_by_cause"
>;

/** Every RunMetrics field in declaration order; the `satisfies` below keeps it in step with the type. */
const FIELDS = [
  "arrived",
  "accepted",
  "delivered",
  "lost",
  "duplicated",
  "mail_data_overwritten",
  "given_up",
  "refused_attempts",
  "waiting_at_sender",
  "split_brain_s",
  "unavailable_s",
  "failovers",
  "failure_episodes",
  "unrecovered_episodes",
  "recovered_share",
  "outages",
  "unrecovered_outages",
  "ttr_service_mean_s",
  "ttr_service_max_s",
  "ttr_redundancy_mean_s",
  "ttr_redundancy_max_s",
  "latency_mean_s",
  "latency_p50_s",
  "latency_p99_s",
  "sender_latency_mean_s",
  "sender_latency_p50_s",
  "sender_latency_p99_s",
  "spool_mean",
  "spool_max",
  "lost_by_cause",
  "duplicated_by_cause",
  "given_up_by_cause",
  "end_s",
  "events",
] as const satisfies readonly (keyof RunMetrics)[];

// A compile error here means RunMetrics gained a field that FIELDS does not list.
type Missing = Exclude<keyof RunMetrics, (typeof FIELDS)[number]>;
/** Always true; a compile error on it names a RunMetrics field missing from the column list. */
export const EVERY_FIELD_LISTED: [Missing] extends [never] ? true : Missing = true;

/** A metric column: its name and how to read it from a RunMetrics. */
export interface MetricColumn {
  readonly name: string;
  readonly get: (m: RunMetrics) => number | null;
}

function columnsOf(field: (typeof FIELDS)[number]): MetricColumn[] {
  if (field === "lost_by_cause") {
    return LOST_CAUSES.map((c: LostCause) => ({
      name: `lost_${snakeCause(c)}`,
      get: (m) => m.lost_by_cause[c],
    }));
  }
  if (field === "given_up_by_cause") {
    return GIVE_UP_CAUSES.map((c: GiveUpCause) => ({
      name: `given_up_${snakeCause(c)}`,
      get: (m) => m.given_up_by_cause[c],
    }));
  }
  if (field === "duplicated_by_cause") {
    return DUPLICATE_CAUSES.map((c: DuplicateCause) => ({
      name: `duplicated_${snakeCause(c)}`,
      get: (m) => m.duplicated_by_cause[c],
    }));
  }
  const scalar: ScalarMetric = field;
  return [{ name: scalar, get: (m) => m[scalar] }];
}

/** The metric columns, in output order. */
export const METRIC_COLUMNS: readonly MetricColumn[] = FIELDS.flatMap(columnsOf);

/** The metric names, in output order (the `metric` values of summary.csv and compare.csv). */
export const METRIC_NAMES: readonly string[] = METRIC_COLUMNS.map((c) => c.name);
