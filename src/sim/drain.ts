/**
 * The end of a run: after the horizon no more mail arrives and no fault starts; the run ends when
 * the spools and the senders' queues are empty and the group has settled after its last fault.
 *
 * @module
 */
import type { ClusterState } from "./state.js";

/** The horizon is reached: drain. */
export function beginDrain(c: ClusterState): void {
  c.draining = true;
  c.obs.event({ timeUs: c.sched.nowUs, kind: "horizon" });
  checkDrain(c);
}

/** Stops the run once draining and nothing is left to do. */
export function checkDrain(c: ClusterState): void {
  if (
    c.draining &&
    c.depthTotal === 0 &&
    c.senders.size === 0 &&
    c.activeFaults === 0 &&
    !c.settling
  ) {
    c.sched.stop();
  }
}
