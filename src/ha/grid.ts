/**
 * Periodic grids: a unit sends heartbeats and runs probes at `phase + k × interval`. The
 * closed-form detectors compute which grid point saw a change instead of simulating each one.
 *
 * Same-time rule: a change made by an event of lower priority number than the grid's events runs
 * before the grid point (the grid point sees it); a change made at a higher number runs after.
 *
 * @module
 */
import type { Scheduler } from "../kernel/scheduler.js";

/** What a detector needs from its driver: the scheduler and the priority of the running handler. */
export interface DriveContext {
  readonly sched: Scheduler;
  /** Priority of the handler running now: every handler sets it before doing anything else. */
  prio: number;
}

/** The first grid point at or after `t` (`inclusive`) or strictly after it. */
export function nextGridUs(
  t: number,
  phaseUs: number,
  intervalUs: number,
  inclusive: boolean,
): number {
  if (t < phaseUs) return phaseUs;
  let g = phaseUs + Math.ceil((t - phaseUs) / intervalUs) * intervalUs;
  if (!inclusive && g === t) g += intervalUs;
  return g;
}

/** The last grid point at or before `t` (`inclusive`) or strictly before it; -1 when none. */
export function lastGridUs(
  t: number,
  phaseUs: number,
  intervalUs: number,
  inclusive: boolean,
): number {
  if (t < phaseUs || (!inclusive && t === phaseUs)) return -1;
  let g = phaseUs + Math.floor((t - phaseUs) / intervalUs) * intervalUs;
  if (!inclusive && g === t) g -= intervalUs;
  return g;
}
