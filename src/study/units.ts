/**
 * Work units of a study: one (sweep point, policy, replication) each. A `run` is a study of one
 * point; a `sweep` has one point per grid point. Units are named the same way everywhere (shard
 * manifests, merge errors, `--plan`), so a message can be matched against a manifest by eye.
 *
 * @module
 */

/** One replication to run: the point (index into the study's scenarios), policy, replication. */
export interface WorkUnit {
  readonly group: number;
  readonly policy: string;
  readonly replication: number;
}

/**
 * The name of a unit: `off#3` in a run (one point), `p12:off#3` in a sweep (point 12 of the
 * grid, counted from 0 in grid order).
 *
 * @param sweep - whether the study has several points (names carry the point then).
 */
export function unitKey(unit: WorkUnit, sweep: boolean): string {
  const base = `${unit.policy}#${unit.replication}`;
  return sweep ? `p${unit.group}:${base}` : base;
}

/** At most this many names are listed in one error line; the rest are counted. */
export const MAX_LISTED_UNITS = 8;

/** `a, b, c` or `a, b, … and 12 more`, for one-line messages. */
export function listUnits(keys: readonly string[], max: number = MAX_LISTED_UNITS): string {
  if (keys.length <= max) return keys.join(", ");
  return `${keys.slice(0, max).join(", ")}, … and ${keys.length - max} more`;
}
