/**
 * The deterministic, cost-balanced split of a study's work units into shards. Every shard
 * computes the same split from the same units and costs, so shards never talk to each other.
 *
 * @module
 */
import type { QualifiedScenario } from "../config/scenario.js";

/** Traced replications (replication 0 with `--trace` or `--report`) cost this much more. */
export const TRACE_COST_FACTOR = 1.5;

/**
 * The expected relative cost of one replication of a scenario, in arbitrary units: the expected
 * number of mails plus one per simulated second (heartbeats, probes and timers tick with time).
 * Only ratios matter: the split balances sums of these, and `--plan` scales them by a measured
 * unit.
 */
export function expectedCost(scenario: QualifiedScenario, traced: boolean): number {
  const horizonS = scenario.horizonUs / 1e6;
  const mails = scenario.workload.arrivals.ratePerS * horizonS;
  return (1 + mails + horizonS) * (traced ? TRACE_COST_FACTOR : 1);
}

/**
 * Splits units into `count` shards, balancing the sum of costs: longest processing time first
 * (units by decreasing cost, ties by index; each to the least loaded shard, ties to the lowest
 * shard). Within a shard, units keep their study order.
 *
 * @param costs - the cost of each unit, by unit index.
 * @returns for each shard, the indices of its units, ascending.
 */
export function splitByCost(costs: readonly number[], count: number): number[][] {
  if (!Number.isSafeInteger(count) || count < 1)
    throw new RangeError(`shard count must be ≥ 1, got ${count}`);
  const order = costs.map((_, i) => i).sort((a, b) => costs[b]! - costs[a]! || a - b);
  const loads = new Array<number>(count).fill(0);
  const shards: number[][] = Array.from({ length: count }, () => []);
  for (const i of order) {
    let best = 0;
    for (let s = 1; s < count; s++) if (loads[s]! < loads[best]!) best = s;
    loads[best] = loads[best]! + costs[i]!;
    shards[best]!.push(i);
  }
  for (const s of shards) s.sort((a, b) => a - b);
  return shards;
}

/** The sum of the costs of each shard's units. */
export function shardLoads(
  costs: readonly number[],
  shards: readonly (readonly number[])[],
): number[] {
  return shards.map((s) => s.reduce((sum, i) => sum + costs[i]!, 0));
}
