/**
 * The spool push of a recovered unit to the MASTER over the heartbeat link [D: S10]. It takes time
 * (`assumptions.pushRatePerS` mails per second [I]; 0 = instant): mails reach the MASTER's queue
 * as they are pushed, and a partition or a second failure (either unit stops, the peer is no
 * longer MASTER, the pushing unit takes over) interrupts it. What was not pushed stays on the
 * pushing unit's disk, which pushes again when the path returns (the push stays pending), or
 * keeps it as a stranded or demoted spool as before.
 *
 * Progress is computed in closed form from the start: by `t`, `floor((t − start) × rate)` mails
 * have left, so a tick every {@link PUSH_TICK_US} (or at the last mail) and an interruption
 * between ticks give the same count: the ticks only decide when the MASTER can start delivering.
 *
 * @module
 */
import { startDeliveries } from "./delivery.js";
import { linkPass } from "./health.js";
import { BIT, type ClusterState } from "./state.js";
import type { UnitRuntime } from "./unit.js";

/** A timed push hands its mails to the MASTER at least every second (simulated). */
export const PUSH_TICK_US = 1_000_000;

/** The pushing unit and its peer can move mail now. */
function pushPath(c: ClusterState, u: UnitRuntime): boolean {
  const p = c.peer(u);
  return u.up && p.up && p.role.mode === "MASTER" && linkPass(c, u, p);
}

/**
 * Called by the refresh while a push is pending: starts it when the MASTER is reachable over the
 * heartbeat link, or interrupts a running one that lost its path.
 */
export function tryPush(c: ClusterState, u: UnitRuntime): void {
  const path = pushPath(c, u);
  if (u.push.running) {
    if (!path) stopPush(c, u, "interrupted");
    return;
  }
  if (!path) return;
  const rate = c.sc.assumptions.pushRatePerS;
  const p = c.peer(u);
  const now = c.sched.nowUs;
  const push = u.push;
  push.running = true;
  push.startUs = now;
  push.done = 0;
  push.moved = 0;
  push.alreadyQueued = 0;
  if (rate === 0) {
    moveHead(c, u, u.spool.size);
    finishPush(c, u);
    return;
  }
  c.obs.event({
    timeUs: now,
    kind: "push-start",
    unit: u.name,
    peer: p.name,
    queued: u.spool.size,
    ratePerS: rate,
  });
  c.sched.arm(u.pushTimer, nextTickUs(c, u));
}

/** The push timer: hand the MASTER what has been pushed by now, and finish when nothing is left. */
export function onPushTick(c: ClusterState, u: UnitRuntime): void {
  if (!u.push.running) return;
  advancePush(c, u);
  if (u.spool.size === 0) {
    finishPush(c, u);
    c.refresh();
    return;
  }
  const p = c.peer(u);
  c.obs.event({
    timeUs: c.sched.nowUs,
    kind: "push-progress",
    unit: u.name,
    peer: p.name,
    moved: u.push.moved,
    remaining: u.spool.size,
  });
  c.sched.arm(u.pushTimer, nextTickUs(c, u));
}

/**
 * Ends a running push early: what was pushed by now reaches the MASTER, the rest stays on disk
 * (`interrupted`: the push stays pending; `taken-over`: the unit became MASTER and keeps it).
 */
export function stopPush(c: ClusterState, u: UnitRuntime, why: "interrupted" | "taken-over"): void {
  if (!u.push.running) return;
  advancePush(c, u);
  u.push.running = false;
  c.sched.cancel(u.pushTimer);
  c.obs.event({
    timeUs: c.sched.nowUs,
    kind: "push-interrupted",
    unit: u.name,
    peer: c.peer(u).name,
    moved: u.push.moved,
    alreadyQueued: u.push.alreadyQueued,
    remaining: u.spool.size,
    reason: why,
  });
}

/** Moves the mails pushed between the last tick and now (closed form from the start); no-op unless running. */
export function advancePush(c: ClusterState, u: UnitRuntime): void {
  const push = u.push;
  if (!push.running) return;
  const rate = c.sc.assumptions.pushRatePerS;
  // The small epsilon keeps an exact product (0.3 s × 100/s) from flooring to one mail less.
  const due = Math.floor(((c.sched.nowUs - push.startUs) * rate) / 1e6 + 1e-9);
  if (due > push.done) moveHead(c, u, due - push.done);
}

/** When the next tick is due: a second from now, or the instant the last queued mail leaves. */
function nextTickUs(c: ClusterState, u: UnitRuntime): number {
  const rate = c.sc.assumptions.pushRatePerS;
  const lastUs = u.push.startUs + Math.ceil(((u.push.done + u.spool.size) * 1e6) / rate);
  return Math.max(c.sched.nowUs + 1, Math.min(c.sched.nowUs + PUSH_TICK_US, lastUs));
}

/** Moves up to `n` mails from the head of `u`'s spool to its peer's queue. */
function moveHead(c: ClusterState, u: UnitRuntime, n: number): void {
  const p = c.peer(u);
  const push = u.push;
  let left = Math.min(n, u.spool.size);
  push.done += left;
  while (left-- > 0) {
    const m = u.spool.shift();
    const w = c.whereOf(m);
    if ((w & BIT[p.index]) !== 0) {
      // Already in the MASTER's queue: the push does not duplicate it [D: S10].
      c.setWhere(m, w & ~BIT[u.index]);
      c.depthTotal--;
      push.alreadyQueued++;
    } else {
      p.spool.push(m, u.spool.lastAcceptUs, u.spool.lastTag, u.spool.lastFirstTryUs);
      c.setWhere(m, (w & ~BIT[u.index]) | BIT[p.index]);
      push.moved++;
    }
  }
  c.obs.depthChanged(c.sched.nowUs, c.depthTotal, p.depth);
  startDeliveries(c, p);
}

function finishPush(c: ClusterState, u: UnitRuntime): void {
  const p = c.peer(u);
  u.push.running = false;
  u.pushPending = false;
  c.obs.event({
    timeUs: c.sched.nowUs,
    kind: "push",
    unit: u.name,
    peer: p.name,
    moved: u.push.moved,
    alreadyQueued: u.push.alreadyQueued,
  });
}
