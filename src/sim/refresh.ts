/**
 * The refresh: after every change that is not a mail event, recompute the derived state (which
 * heartbeat paths work, what each monitor sees, who can take mail) and hand it to the detectors,
 * which arm or cancel their timers, to mail (cut sessions, stopped deliveries, pushes) and to the
 * observers.
 *
 * @module
 */
import { displayMode } from "../ha/modes.js";
import { abortInflight, startDeliveries } from "./delivery.js";
import { checkDrain } from "./drain.js";
import { nextGridUs } from "../ha/grid.js";
import { downstreamReachable, hbPath, hearsMaster, localOk, probeOk, reachable } from "./health.js";
import { P_HEARTBEAT } from "./priorities.js";
import { tryPush } from "./push.js";
import { cutSessions } from "./smtp.js";
import { checkConflict } from "./split-brain.js";
import type { ClusterState } from "./state.js";
import type { UnitRuntime } from "./unit.js";

/** Recomputes derived state after a change and hands it to detectors, mail and the observers. */
export function refresh(c: ClusterState): void {
  const now = c.sched.nowUs;
  for (const u of c.units) {
    updateDetectors(c, u);
    if (u.pushPending) tryPush(c, u);
    const r = reachable(c, u);
    if (u.reachable && !r) cutSessions(c, u);
    u.reachable = r;
    if (!downstreamReachable(c, u) && u.busy > 0) abortInflight(c, u, false);
    startDeliveries(c, u);
    const arpUs = u.masterSinceUs + c.sc.assumptions.arpUpdateDelayUs;
    if (u.role.mode === "MASTER" && now < arpUs) c.sched.arm(c.arpTimers[u.index]!, arpUs);
  }
  checkConflict(c);
  reportGroup(c);
  checkDrain(c);
}

/** Tells each detector of `u` whether it is running and whether its condition holds. */
function updateDetectors(c: ClusterState, u: UnitRuntime): void {
  const p = c.peer(u);
  const mode = u.role.mode;
  u.watch.update(
    u.up && (mode === "MASTER" || mode === "SLAVE"),
    mode === "SLAVE" ? hearsMaster(c, u) : hbPath(c, p, u),
  );
  if (u.adminWaiting && mode === "OFF" && u.up && localOk(u))
    c.sched.arm(u.adminTimer, c.sched.nowUs);
  armRejoin(c, u);
  const slave = u.up && mode === "SLAVE";
  for (let i = 0; i < u.rservice.length; i++) {
    u.rservice[i]!.update(slave, !probeOk(c, u, c.sc.ha.rservice[i]!.protocol));
  }
  const checks =
    u.up && (mode === "MASTER" || (mode === "SLAVE" && c.sc.assumptions.lserviceOnSlave));
  const blind = u.faults.blindLservice > 0;
  u.lservicePorts?.update(checks, u.faults.portsFailed > 0 && !blind);
  u.lserviceHd?.update(checks, u.faults.hdFailed > 0 && !blind);
  u.recovery.update(u.up && mode === "FAILED", recoveryCondition(c, u));
}

/** A SLAVE back from a failure applies its policy at the first MASTER heartbeat it hears. */
function armRejoin(c: ClusterState, u: UnitRuntime): void {
  const p = c.peer(u);
  const waiting = u.up && u.role.mode === "SLAVE" && u.role.lostMastership;
  if (!(waiting && p.up && p.role.mode === "MASTER" && hbPath(c, p, u))) {
    c.sched.cancel(u.rejoinTimer);
    return;
  }
  if (c.sched.isArmed(u.rejoinTimer)) return;
  const prio = P_HEARTBEAT + p.index;
  const interval = c.sc.ha.heartbeat.intervalUs;
  c.sched.arm(
    u.rejoinTimer,
    nextGridUs(c.sched.nowUs, c.hbPhaseUs[p.index], interval, c.prio < prio),
  );
}

/** A FAILED unit recovers when its cause is fixed and it can see its peer [D: S3]. */
function recoveryCondition(c: ClusterState, u: UnitRuntime): boolean {
  if (!localOk(u)) return false;
  if (c.sc.assumptions.failedWithoutPeer === "rejoin") return true;
  const first = c.sc.ha.rservice[0];
  return first !== undefined ? probeOk(c, u, first.protocol) : hbPath(c, c.peer(u), u);
}

/** Reports the group state to the observers; a healthy group has settled after its faults. */
function reportGroup(c: ClusterState): void {
  const [a, b] = c.units;
  const split = a.up && b.up && a.role.mode === "MASTER" && b.role.mode === "MASTER";
  const oneEach =
    a.up &&
    b.up &&
    ((a.role.mode === "MASTER" && b.role.mode === "SLAVE") ||
      (a.role.mode === "SLAVE" && b.role.mode === "MASTER"));
  const slave = a.role.mode === "SLAVE" ? a : b;
  const healthy = oneEach && c.activeFaults === 0 && slave.depth === 0 && !slave.pushPending;
  if (healthy) c.settling = false;
  const modes: [string, string] = [
    displayMode(a.role.mode, a.role.physical),
    displayMode(b.role.mode, b.role.physical),
  ];
  c.obs.group(c.sched.nowUs, {
    accepting: a.reachable || b.reachable,
    splitBrain: split,
    healthy,
    modes,
  });
}
