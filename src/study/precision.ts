/**
 * Replications to a precision: how wide each headline metric's interval may be, whether it is
 * there yet, and how many replications the next batch adds. Pure: the CLI runs the batches.
 *
 * The stopping rule only reads results, and replication r always has the same random numbers
 * (its streams fork from (seed, r)), so the number of replications — and so every output byte —
 * is the same whatever `--jobs` is.
 *
 * @module
 */
import type { PolicyRuns } from "../report/groups.js";
import { meanInterval } from "../stats/interval.js";
import { metricRange } from "../stats/range.js";
import { presentValues } from "../stats/summary.js";
import { HEADLINE_METRICS } from "./headline.js";
import { metricValues } from "./samples.js";

/** The target half-width: relative to the mean for every headline metric, or absolute per metric. */
export interface PrecisionTarget {
  /** Half-width / |mean| allowed, e.g. 0.05 for `5%`; null when only absolute targets were given. */
  readonly relative: number | null;
  /** Absolute half-width allowed per metric (in the metric's unit), overriding `relative`. */
  readonly absolute: Readonly<Record<string, number>>;
}

/**
 * Parses `--precision` values: `5%` (relative half-width for every headline metric) and/or
 * `metric=value` (an absolute half-width for one metric, e.g. `lost=0.5`, `unavailable_s=60`).
 *
 * @returns the target, or the message of what is wrong (`expected …, got …`).
 */
export function parsePrecision(values: readonly string[]): PrecisionTarget | string {
  let relative: number | null = null;
  const absolute: Record<string, number> = {};
  for (const v of values) {
    const pct = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/.exec(v);
    const abs = /^\s*([a-z_]+)\s*=\s*(\d+(?:\.\d+)?)\s*$/.exec(v);
    if (pct && Number(pct[1]) > 0) relative = Number(pct[1]) / 100;
    else if (abs && (HEADLINE_METRICS as readonly string[]).includes(abs[1]!) && Number(abs[2]) > 0)
      absolute[abs[1]!] = Number(abs[2]);
    else
      return `--precision: expected a relative half-width such as 5% or metric=half-width with metric one of ${HEADLINE_METRICS.join(", ")}, got ${JSON.stringify(v)}`;
  }
  return { relative, absolute };
}

/** Where one policy's metric stands against its target. */
export interface PrecisionStatus {
  readonly policy: string;
  readonly metric: string;
  readonly n: number;
  readonly mean: number | null;
  /** (high − low) / 2 of the interval; null with fewer than 2 values. */
  readonly halfWidth: number | null;
  /** The half-width allowed (absolute), or null when the metric has no target. */
  readonly target: number | null;
  /** Reached, or nothing to reach: no target, or no replication had a value (a conditional metric that never occurred). */
  readonly reached: boolean;
}

/** The status of every (policy, headline metric) with a target. */
export function precisionStatus(
  groups: readonly PolicyRuns[],
  target: PrecisionTarget,
  confidence: number,
): PrecisionStatus[] {
  const out: PrecisionStatus[] = [];
  for (const g of groups) {
    for (const metric of HEADLINE_METRICS) {
      const values = presentValues(metricValues(g, metric));
      const ci = meanInterval(values, { confidence, range: metricRange(metric) });
      const halfWidth = ci.low === null || ci.high === null ? null : (ci.high - ci.low) / 2;
      const abs = target.absolute[metric];
      const allowed =
        abs ??
        (target.relative === null || ci.mean === null ? null : target.relative * Math.abs(ci.mean));
      const reached =
        (abs === undefined && target.relative === null) ||
        ci.n === 0 ||
        (halfWidth !== null && allowed !== null && halfWidth <= allowed);
      out.push({
        policy: g.policy,
        metric,
        n: ci.n,
        mean: ci.mean,
        halfWidth,
        target: allowed,
        reached,
      });
    }
  }
  return out;
}

/**
 * How many replications to add after `done`: another `batch`, cut to the cap; 0 when every
 * status is reached or the cap is hit.
 */
export function nextBatch(
  statuses: readonly PrecisionStatus[],
  done: number,
  batch: number,
  cap: number,
): number {
  if (statuses.every((s) => s.reached)) return 0;
  return Math.max(0, Math.min(batch, cap - done));
}
