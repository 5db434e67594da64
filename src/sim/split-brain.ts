/**
 * Split-brain detection: two MASTERs that hear each other's heartbeats resolve at the next
 * heartbeat received. This arms (or cancels) the resolution timer; who steps down is decided in
 * roles.ts.
 *
 * @module
 */
import { nextGridUs } from "../ha/grid.js";
import { hbPath } from "./health.js";
import { P_HEARTBEAT } from "./priorities.js";
import type { ClusterState } from "./state.js";

/** Two up MASTERs. */
export function dualMaster(c: ClusterState): boolean {
  const [a, b] = c.units;
  return a.up && b.up && a.role.mode === "MASTER" && b.role.mode === "MASTER";
}

/** Arms the resolution at the next heartbeat one MASTER hears from the other, or cancels it. */
export function checkConflict(c: ClusterState): void {
  const [a, b] = c.units;
  const now = c.sched.nowUs;
  const dual = dualMaster(c);
  const ab = dual && hbPath(c, a, b);
  const ba = dual && hbPath(c, b, a);
  if (!ab && !ba) {
    c.sched.cancel(c.conflictTimer);
    c.dualSinceUs = -1;
    return;
  }
  if (c.dualSinceUs < 0) c.dualSinceUs = now;
  if (c.sched.isArmed(c.conflictTimer)) return;
  const hb = c.sc.ha.heartbeat.intervalUs;
  const t = Math.min(
    ab ? nextGridUs(now, c.hbPhaseUs[0], hb, c.prio < P_HEARTBEAT) : Infinity,
    ba ? nextGridUs(now, c.hbPhaseUs[1], hb, c.prio < P_HEARTBEAT + 1) : Infinity,
  );
  c.sched.arm(c.conflictTimer, t);
}
